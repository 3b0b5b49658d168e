// Property: whatever a tenant or a file name holds (every control, format and bidi character, line breaks,
// backticks, `::`, `%`, `](`, `@`, `<`), each output parses as its format says and gives the text back. The
// escapers are driven directly for volume; the CLI runs once per format on one file of many such records,
// in-process (runCliIn): what is printed is the subject, not the process.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  escapeForTerminal,
  escapeLine,
  forbiddenInText,
  githubCommand,
  jsonText,
  markdownCode,
} from "../generator/common/text-safety.js";
import { markdownProse } from "../generator/common/markdown-prose.js";
import { shortened } from "../generator/check/findings.js";
import { checkJson } from "./helpers/check-schema.js";
import { diffJson } from "./helpers/diff-schema.js";
import { runCliIn } from "./helpers/cli.js";
import {
  codeTexts,
  githubCommandOf,
  markdownLeaks,
  renderMarkdown,
  unescapeTerminal,
  unsafeRaw,
} from "./helpers/output-readers.js";

/** Every character of Unicode's control (Cc) and format (Cf) categories, the line separators, two lone surrogates. */
const specials: string[] = [];
for (let code = 0; code <= 0x10ffff; code++) {
  if (code >= 0xd800 && code <= 0xdfff) continue;
  const char = String.fromCodePoint(code);
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(char)) specials.push(char);
}
const loneSurrogates = ["\uD800", "\uDFFF"];
const markup = [
  "\n",
  "\r\n",
  "`",
  "``",
  "```",
  "::",
  "::error file=README.md,line=1::forged",
  "%",
  "%0A",
  "%25",
  "](",
  "![p](https://evil.example/p.png)",
  "[",
  "@",
  "@octocat",
  "<",
  "<img src=x>",
  "|",
  "\\",
  "#1",
  "##[error]",
  "https://evil.example",
  "www.evil.example",
  "me@evil.example",
  "mailto:",
  "evil.com",
  "x=.md",
  "//",
  ".",
  "<https://evil.example>",
  " ",
  "  ",
  "*",
  "_",
  "&amp;",
  ":",
  ",",
  "a",
  "Z",
  "状态",
  "😀",
];
const piece = fc.oneof(fc.constantFrom(...specials), fc.constantFrom(...loneSurrogates), fc.constantFrom(...markup));
const hostile = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(""));
// Every piece alone is run first by each escaper property (fast-check's examples), then 1,000 random texts for
// their combinations. Measured on the generator above: 1,000 random texts draw each of the 237 special characters
// about 7 times and now and then miss one or two pieces; 3,000 drew each about 20 times, at three times the cost, and
// neither comes near the 75,000 pairs of pieces. The examples make sure of every piece in every property.
const everyPiece = [...specials, ...loneSurrogates, ...markup];
// numRuns counts the examples too.
const escaperRuns = { numRuns: everyPiece.length + 1000, examples: everyPiece.map((text) => [text] as [string]) };

/** Recoverable from terminal escapes unless the text itself spells one (`\u` and four hex digits). */
const spellsEscape = (text: string) => /\\u[0-9A-F]{4}/.test(text);
/** markdown-it strips a space from code of three or more spaces only; CommonMark (and GitHub) keep them. */
const allSpaces = (text: string) => /^ {3,}$/.test(text);

describe("the escapers, on any text", () => {
  it("terminal text and lines: nothing raw, one line, no workflow command, and the text comes back", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const shown = escapeForTerminal(text);
        expect(shown).not.toMatch(unsafeRaw);
        if (!spellsEscape(text)) expect(unescapeTerminal(shown)).toBe(text);
        const line = escapeLine(text);
        expect(line).not.toMatch(unsafeRaw);
        expect(githubCommandOf(line)).toBeUndefined();
      }),
      escaperRuns,
    );
  });

  it("GitHub commands: one line, one command, properties and data decode to the text", () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (file, title, data) => {
        const line = githubCommand("error", { file, line: 1, title }, data);
        expect(line).not.toMatch(unsafeRaw);
        const command = githubCommandOf(line);
        expect(command).not.toBe("legacy");
        if (command === undefined || command === "legacy") return;
        expect(command.command).toBe("error");
        expect(Object.keys(command.properties)).toEqual(["file", "line", "title"]);
        if (!spellsEscape(file)) expect(unescapeTerminal(command.properties.file)).toBe(file);
        if (!spellsEscape(title)) expect(unescapeTerminal(command.properties.title)).toBe(title);
        if (!spellsEscape(data)) expect(unescapeTerminal(command.data)).toBe(data);
      }),
      { ...escaperRuns, examples: everyPiece.map((text) => [text, text, text] as [string, string, string]) },
    );
  });

  it("JSON: valid, nothing raw, and parses back to the text", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const json = jsonText({ text }, 2);
        expect(json.replace(/\n/g, "")).not.toMatch(unsafeRaw);
        expect(JSON.parse(json).text).toBe(text);
      }),
      escaperRuns,
    );
  });

  it("Markdown code, in a table cell and in running text: no link, image, mention or HTML, and the text comes back", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const comment = `Before ${markdownCode(text)} after.\n\n| a | b |\n| --- | --- |\n| x | ${markdownCode(text, "cell")} |\n`;
        expect(comment.replace(/\n/g, "")).not.toMatch(unsafeRaw);
        const html = renderMarkdown(comment);
        expect(markdownLeaks(html)).toEqual([]);
        const codes = codeTexts(html);
        if (text === "") {
          expect(codes).toEqual([]);
          return;
        }
        expect(codes).toHaveLength(2);
        if (!spellsEscape(text) && !allSpaces(text))
          for (const code of codes) expect(unescapeTerminal(code)).toBe(text);
        // The table keeps its row: the cell before the code is intact.
        expect(html).toMatch(/<td>x<\/td>/);
      }),
      escaperRuns,
    );
  });
});

/** The elements prose may render as: a paragraph, a table, a line break, code (a word with `@`). */
// markdown-it's linkify takes a symbol such as `=` for a letter of a domain (`x=.md` is a link).
const proseHostile = fc
  .array(fc.oneof(piece, fc.constantFrom("=", "x=.md", "WWW.", "+")), { maxLength: 12 })
  .map((pieces) => pieces.join(""));
const proseElements = new Set(["p", "table", "thead", "tbody", "tr", "th", "td", "br", "code"]);

describe("Markdown prose (generated pages, Rust doc comments), on any text", () => {
  it("forms no link, image, emphasis or HTML in running text or a table cell", () => {
    fc.assert(
      fc.property(proseHostile, (text) => {
        const prose = markdownProse(text);
        const html = renderMarkdown(`Before ${prose} after.\n\n| a | b |\n| --- | --- |\n| x | ${prose} |\n`);
        const elements = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((match) => match[1].toLowerCase());
        expect(
          elements.filter((name) => !proseElements.has(name)),
          html,
        ).toEqual([]);
        expect(html).toMatch(/<td>x<\/td>/);
      }),
      escaperRuns,
    );
  });
});

describe("check on many hostile servers, through the built CLI in every format", () => {
  const folder = mkdtempSync(join(tmpdir(), "statespec-escape-property-"));
  // The first two are the runner's older command syntax, anywhere in a line: always among them.
  const samples = ["a ##[error]name", "##[warning]id", ...fc.sample(hostile, { numRuns: 398, seed: 24 })];
  const servers = Array.from({ length: 200 }, (_, index) => ({
    id: samples[2 * index + 1],
    name: samples[2 * index],
    // A prefix no vendor spells, so every server has a finding that names it.
    status: `X${samples[(7 * index) % samples.length]}`,
    "OS-EXT-STS:vm_state": "active",
    "OS-EXT-STS:task_state": null,
    "OS-EXT-STS:power_state": 1,
  }));
  // A file name of the same stuff, as far as a file system takes it (no '/', NUL or lone surrogate; bounded).
  const fileName =
    `f${samples.find((text) => /\n/.test(text) && /[\u202E`]|::/.test(text)) ?? "x\n::"}`
      .replace(/[/\0\uD800-\uDFFF]/g, "_")
      .slice(0, 60) + ".json";
  const runs = new Map<string, { code: number; stdout: string; stderr: string }>();

  beforeAll(async () => {
    const limit = ["--max-findings", "100000"];
    writeFileSync(join(folder, fileName), JSON.stringify({ servers }));
    for (const format of ["json", "text", "github", "markdown"])
      runs.set(
        format,
        await runCliIn(folder, ["check", ...["--spec", "statespec:builtin", "--format", format], ...limit, fileName]),
      );
  });

  it("json: every name, id and status comes back exactly; no line a workflow command", () => {
    const run = runs.get("json")!;
    expect(run.stderr).toBe("");
    expect(run.stdout.replace(/\n/g, "")).not.toMatch(unsafeRaw);
    expect(run.stdout.split("\n").map(githubCommandOf).filter(Boolean)).toEqual([]);
    const report = checkJson(run.stdout);
    expect(report.summary.files[0].file).toBe(fileName);
    expect(report.summary.servers).toBe(servers.length);
    const byIndex = new Map(
      report.findings
        .filter((f: { code: string }) => f.code === "unknown-status")
        .map((f: { server: { index: number } }) => [f.server.index, f.server]),
    );
    expect(byIndex.size).toBe(servers.length);
    for (const [index, server] of servers.entries())
      expect(byIndex.get(index + 1)).toEqual({ index: index + 1, id: server.id, name: server.name });
    // The summary's triples hold each value as displayed (check.schema.json): shortened past 80 characters, so that
    // a thousand of them stay small whatever the input holds.
    expect(new Set(report.summary.triples.map((t: { status: string }) => t.status))).toEqual(
      new Set(servers.map((s) => shortened(s.status))),
    );
  });

  it("text: one finding per line, each at the real file; nothing raw; no line a workflow command", () => {
    const { stdout, stderr } = runs.get("text")!;
    expect(stderr).toBe("");
    expect(stdout.replace(/\n/g, "")).not.toMatch(unsafeRaw);
    const lines = stdout.split("\n");
    expect(lines.map(githubCommandOf).filter(Boolean)).toEqual([]);
    const findings = checkJson(runs.get("json")!.stdout).findings as unknown[];
    expect(lines.filter((line) => line.startsWith(`${escapeLine(fileName)}:`))).toHaveLength(findings.length);
  });

  it("github: the findings are the only commands, each decoding to its file and its message", () => {
    const { stdout, stderr } = runs.get("github")!;
    expect(stderr).toBe("");
    expect(stdout.replace(/\n/g, "")).not.toMatch(unsafeRaw);
    // Not even inside a command's data or file property: one rule for every output kind.
    expect(stdout).not.toContain("##[");
    const findings = checkJson(runs.get("json")!.stdout).findings as { message: string }[];
    const commands = stdout
      .split("\n")
      .map(githubCommandOf)
      .filter((command) => command !== undefined);
    expect(commands).toHaveLength(findings.length);
    for (const [index, command] of commands.entries()) {
      if (command === "legacy") throw new Error("a legacy ##[ command in the log");
      expect(unescapeTerminal(command.properties.file)).toBe(fileName);
      if (!spellsEscape(findings[index].message))
        expect(unescapeTerminal(command.data).endsWith(findings[index].message)).toBe(true);
    }
  });

  it("markdown: no link, image, mention, HTML or workflow command from the data; every name is one code span", () => {
    const { stdout, stderr } = runs.get("markdown")!;
    expect(stderr).toBe("");
    expect(stdout.split("\n").map(githubCommandOf).filter(Boolean)).toEqual([]);
    const html = renderMarkdown(stdout);
    expect(markdownLeaks(html)).toEqual([]);
    const codes = new Set(codeTexts(html).map(unescapeTerminal));
    expect(codes.has(fileName)).toBe(true);
    for (const server of servers) {
      for (const text of [server.name, server.id, server.status])
        if (text !== "" && !allSpaces(text) && !spellsEscape(text))
          // The report's tables show an input value as messages do, shortened past 80 characters (a comment stays
          // small whatever the servers are named): the code span holds exactly that.
          expect(codes.has(shortened(text)), JSON.stringify(text)).toBe(true);
    }
  });
});

describe("diff on hostile spec text, through the built CLI in every format", () => {
  // Spec text may hold what validation lets through (LF, TAB, direction marks, zero-width and other format
  // characters, any markup): all of it must still reach every output escaped.
  const sampled = fc.sample(
    hostile.map((text) => `d ${text.replace(new RegExp(forbiddenInText.source, "g"), "")}`),
    { numRuns: 3, seed: 24 },
  );
  const texts = [
    "d a\n::error file=README.md::x ![p](https://evil.example/p.png) @octocat <b> ``` |\u200F\u200B\uFEFF ##[error]",
    ...sampled,
  ];
  const folder = mkdtempSync(join(tmpdir(), "statespec-escape-property-diff-"));
  // A project of its own (no config would mean the shipped specs, said on stderr).
  writeFileSync(join(folder, "statespec.config.yaml"), "");
  const base = readFileSync("test/fixtures/valid-minimal/spec/base.yaml", "utf8");
  let index = 0;
  const head = base.replace(/description: .*/g, () => `description: ${JSON.stringify(texts[index++])}`);
  const runs = new Map<string, { code: number; stdout: string; stderr: string }>();

  beforeAll(async () => {
    mkdirSync(join(folder, "base"));
    mkdirSync(join(folder, "head"));
    writeFileSync(join(folder, "base", "base.yaml"), base);
    writeFileSync(join(folder, "head", "base.yaml"), head);
    const run = (format: string) =>
      runCliIn(folder, ["diff", "--base", "base", "--head", "head", "--format", format, "--fail-on", "never"]);
    for (const format of ["json", "text", "github", "markdown"]) runs.set(format, await run(format));
  });

  it("every format: nothing raw; json gives every description back; github and text hold no command but ours", () => {
    for (const [format, run] of runs) {
      expect(run.stderr, format).toBe("");
      expect(run.code, format).toBe(0);
      expect(run.stdout.replace(/\n/g, ""), format).not.toMatch(unsafeRaw);
    }
    const findings = diffJson(runs.get("json")!.stdout).findings as { after?: unknown }[];
    expect(new Set(findings.map((f) => f.after))).toEqual(new Set(texts));
    // Every format may end up in a CI log: only github's own lines are commands.
    for (const format of ["text", "json", "markdown"])
      expect(runs.get(format)!.stdout.split("\n").map(githubCommandOf).filter(Boolean), format).toEqual([]);
    const commands = runs.get("github")!.stdout.split("\n").map(githubCommandOf).filter(Boolean);
    expect(commands).toHaveLength(findings.length);
    expect(commands).not.toContain("legacy");
  });

  it("markdown: no link, image, mention or HTML from the text, and each description is in one code span", () => {
    const html = renderMarkdown(runs.get("markdown")!.stdout);
    expect(markdownLeaks(html)).toEqual([]);
    const codes = codeTexts(html).map(unescapeTerminal);
    for (const text of texts)
      if (!spellsEscape(text))
        expect(
          codes.some((code) => code.endsWith(`after: ${text}`)),
          JSON.stringify(text),
        ).toBe(true);
  });
});
