// The forgeries of issue 24: server data and file names that tried to forge a finding line, a workflow command, a
// terminal escape, reordered text, or Markdown links, images and mentions. Each output is read as its consumer reads
// it (output-readers.ts). What is printed is the subject: in-process (runCliIn), except diff's Markdown, which runs
// as the built CLI, a real process, so one forgery is read from the bytes the executable writes to its stdout.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkJson } from "./helpers/check-schema.js";
import { runBuilt, runCliIn } from "./helpers/cli.js";
import { packageCopy } from "./helpers/folders.js";
import {
  codeTexts,
  githubCommandOf,
  markdownLeaks,
  renderMarkdown,
  unescapeTerminal,
  unsafeRaw,
} from "./helpers/output-readers.js";

const forgedCommand = "X\n::error file=README.md,line=1::forged";
const clearScreen = "\u001b[2J";
const reversed = "evil\u202Etxt.exe";
const imageAndMention = "![p](https://evil.example/p.png) @octocat";
const backticks = "a``b`|c";

/** A server of the Compute API's shape with the fields given. */
function server(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: "id-1",
    name: "web",
    status: "ACTIVE",
    "OS-EXT-STS:vm_state": "active",
    "OS-EXT-STS:task_state": null,
    "OS-EXT-STS:power_state": 1,
    ...fields,
  };
}

const servers = [
  server({ status: forgedCommand }),
  server({ name: clearScreen, status: clearScreen }),
  server({ name: reversed, status: `ACT${"\u202E"}IVE`, id: reversed }),
  server({ name: imageAndMention, status: imageAndMention }),
  server({ name: backticks, id: backticks, "OS-EXT-STS:vm_state": backticks }),
];

/** File names that try to print a finding line, start a command from the summary, or break a code span. */
const fileNames = [
  "x\nforged.json:1:1: error json-syntax forged\n.json",
  "::error file=README.md::forged.json",
  "back`tick``s|.json",
  "bidi\u202Eevil.json",
];

describe("check: nothing in a server or a file name forges output", () => {
  const folder = mkdtempSync(join(tmpdir(), "statespec-forgery-"));
  const inputs = fileNames.map((name) => join(folder, name));
  const runs = new Map<string, { code: number; stdout: string; stderr: string }>();

  beforeAll(async () => {
    for (const input of inputs) writeFileSync(input, JSON.stringify({ servers }));
    // Relative names, as a user types them: the names are what the output shows.
    for (const format of ["text", "github", "markdown", "json"])
      runs.set(
        format,
        await runCliIn(folder, ["check", "--spec", "statespec:builtin", "--format", format, ...fileNames]),
      );
  });

  it("every format exits 1 on the mismatches and prints nothing raw that a terminal or a log would act on", () => {
    for (const [format, run] of runs) {
      expect(run.code, format).toBe(1);
      expect(run.stderr, format).toBe("");
      expect(run.stdout.replace(/\n/g, ""), format).not.toMatch(unsafeRaw);
    }
  });

  it("json gives back every name, status and file name exactly", () => {
    const report = checkJson(runs.get("json")!.stdout);
    expect(report.summary.files.map((file: { file: string }) => file.file)).toEqual(fileNames);
    const names = new Set(report.findings.map((f: { server?: { name?: string } }) => f.server?.name));
    for (const hostile of [clearScreen, reversed, imageAndMention, backticks]) expect(names.has(hostile)).toBe(true);
    expect(report.summary.triples.map((t: { status: string }) => t.status)).toContain(forgedCommand);
  });

  it("text: one record per line; a newline in a status or a file name prints no finding of its own", () => {
    const { stdout } = runs.get("text")!;
    const report = checkJson(runs.get("json")!.stdout);
    const findingLines = stdout
      .split("\n")
      .filter((line) => / (error|warning) [a-z-]+ /.test(line) && !line.startsWith("  "));
    expect(findingLines).toHaveLength(report.findings.length);
    // Each finding line starts with the file it is about, shown escaped, never with a name the data made up.
    for (const line of findingLines)
      expect(fileNames.some((name) => unescapeTerminal(line).startsWith(`${name}:`))).toBe(true);
    expect(stdout).not.toMatch(/^forged\.json/m);
    // A CI log reads every format: not even text may start a workflow command.
    expect(stdout.split("\n").map(githubCommandOf).filter(Boolean)).toEqual([]);
    expect(stdout).toContain("\\u001B[2J");
    expect(stdout).toContain("evil\\u202Etxt.exe");
  });

  it("github: the only workflow commands are the findings, each at its real file with its data intact", () => {
    const { stdout } = runs.get("github")!;
    const report = checkJson(runs.get("json")!.stdout);
    const commands = stdout
      .split("\n")
      .map(githubCommandOf)
      .filter((command) => command !== undefined);
    expect(commands).toHaveLength(report.findings.length);
    for (const [index, command] of commands.entries()) {
      expect(command).not.toBe("legacy");
      if (command === "legacy") continue;
      expect(["error", "warning"]).toContain(command.command);
      expect(unescapeTerminal(command.properties.file)).toBe(report.findings[index].file);
      expect(command.data).not.toMatch(/\n::/);
    }
    // The summary table names the file that starts with '::' without making it a command.
    expect(stdout).toContain("\\u003A:error file=README.md::forged.json");
  });

  it("markdown: no image, link, mention or HTML from the data; code spans hold the exact text", () => {
    const html = renderMarkdown(runs.get("markdown")!.stdout);
    expect(markdownLeaks(html)).toEqual([]);
    const codes = codeTexts(html).map(unescapeTerminal);
    for (const hostile of [imageAndMention, backticks, reversed, clearScreen, forgedCommand, ...fileNames])
      expect(codes).toContain(hostile);
  });
});

describe("--version: the installed package.json's version, patched", () => {
  it("is one line that no runner reads as a workflow command", async () => {
    const copy = packageCopy();
    const manifest = JSON.parse(readFileSync(join(copy.cwd, "package.json"), "utf8"));
    manifest.version = "0.1.0\n::error file=x::forged ##[error]v";
    writeFileSync(join(copy.cwd, "package.json"), JSON.stringify(manifest));
    const result = await runBuilt(["--version"], { cwd: copy.cwd, bin: copy.bin });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("0.1.0\\u000A::error file=x::forged ##\\u005Berror]v\n");
  });
});

describe("diff: hostile spec text and file names", () => {
  const baseSpec = readFileSync("test/fixtures/valid-minimal/spec/base.yaml", "utf8");
  // A description may hold a line break and a direction mark (prose needs them): neither may reach an output raw.
  const hostileDescription =
    "Running ![p](https://evil.example/p.png) @octocat <img src=x> ``` [l](https://x.example) #1 | a\n::error file=README.md,line=1::forged \u200F##[error]x";
  const folder = mkdtempSync(join(tmpdir(), "statespec-forgery-diff-"));
  // A project of its own (no config would mean the shipped specs, said on stderr).
  writeFileSync(join(folder, "statespec.config.yaml"), "");
  mkdirSync(join(folder, "base"));
  mkdirSync(join(folder, "head"));
  writeFileSync(join(folder, "base", "base.yaml"), baseSpec);
  writeFileSync(
    join(folder, "head", "a`b|@octocat.yaml"),
    baseSpec.replace("description: Running.", `description: ${JSON.stringify(hostileDescription)}`),
  );

  it("markdown forms nothing from a description or a file name, and shows both exactly", async () => {
    const run = await runBuilt(
      ["diff", "--base", "base", "--head", "head", "--format", "markdown", "--fail-on", "never"],
      { cwd: folder },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const html = renderMarkdown(run.stdout);
    expect(markdownLeaks(html)).toEqual([]);
    const codes = codeTexts(html).map(unescapeTerminal);
    expect(codes.some((text) => text.includes(hostileDescription))).toBe(true);
    expect(codes.some((text) => text.startsWith("head/a`b|@octocat.yaml:"))).toBe(true);
  });

  it("text, github and json: no command but ours, nothing raw, the text exact in JSON", async () => {
    const run = (format: string) =>
      runCliIn(folder, ["diff", "--base", "base", "--head", "head", "--format", format, "--fail-on", "never"]);
    const [text, github, json] = await Promise.all([run("text"), run("github"), run("json")]);
    for (const output of [text, github, json]) {
      expect(output.code).toBe(0);
      expect(output.stdout.replace(/\n/g, "")).not.toMatch(unsafeRaw);
    }
    expect(text.stdout.split("\n").map(githubCommandOf).filter(Boolean)).toEqual([]);
    // Mid-line, '::' is plain text; the line break and the mark are shown, '##[' is not left for the runner.
    expect(text.stdout).toContain("a\\u000A::error file=README.md,line=1::forged \\u200F##\\u005Berror]x");
    const commands = github.stdout.split("\n").map(githubCommandOf).filter(Boolean);
    const findings = JSON.parse(json.stdout).findings as { description?: unknown; after?: string | null }[];
    expect(commands).toHaveLength(findings.length);
    for (const command of commands) expect(command).not.toBe("legacy");
    expect(findings.some((f) => f.after === hostileDescription)).toBe(true);
  });
});
