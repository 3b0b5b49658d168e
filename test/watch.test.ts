// generate --watch, run as a real process: regenerates on change, survives an invalid spec, keeps watching, and
// reacts to its inputs only (the config, the spec folders, the templates), following them through deletion. The
// tests of what wakes it emit no TypeScript (its compiler would be most of their time): Markdown shows each edit too.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const bin = resolve("dist/generator/cli/bin.cjs");
const fixtureSpec = "test/fixtures/valid-minimal/spec";
const originalSpec = readFileSync(join(fixtureSpec, "base.yaml"), "utf8");

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The file's text, or "" while it is absent: a commit moves the old file aside before the new one takes its place. */
function textOf(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}

/** The fixture's spec with `Running.` (the description of `active`) replaced: each edit is recognisable in out/. */
const specSaying = (text: string) => originalSpec.replace("Running.", text);

const started: ChildProcess[] = [];
// Waited for, so that none outlives the file (and its CPU time counts towards the test run's).
afterAll(async () => {
  const running = started.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(running.map((child) => new Promise((done) => child.once("exit", done).kill("SIGKILL"))));
});

/**
 * `generate --watch` in `project`. With `log`, stdout and stderr go to that file as a shell's `> log 2>&1` would send
 * them (the file may lie in the project); otherwise they are collected. `runs()` counts the finished runs: each one
 * ends with its `watching ...` line.
 */
function startWatch(project: string, log?: string) {
  const output = { stdout: "", stderr: "" };
  let child: ChildProcess;
  if (log === undefined) {
    child = spawn(process.execPath, [bin, "generate", "--watch"], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk) => (output.stdout += chunk));
    child.stderr!.on("data", (chunk) => (output.stderr += chunk));
  } else {
    const fd = openSync(log, "w");
    child = spawn(process.execPath, [bin, "generate", "--watch"], { cwd: project, stdio: ["ignore", fd, fd] });
    closeSync(fd);
  }
  started.push(child);
  const printed = () => (log === undefined ? output.stdout + output.stderr : textOf(log));
  const runs = () =>
    printed()
      .split("\n")
      .filter((line) => line.startsWith("watching ")).length;
  return { child, output, printed, runs };
}

/** The config line of the projects below: no TypeScript output. */
const noTypeScript = "artifacts: [json-schema, markdown]\n";

/** A temporary project holding `files` (relative path -> text); by default `spec/base.yaml`, the fixture's. */
// Without a config statespec reads its shipped specs: each project has one, whose default spec folder is spec/.
function project(
  files: Record<string, string> = { "spec/base.yaml": originalSpec, "statespec.config.yaml": noTypeScript },
): string {
  const root = join(mkdtempSync(join(tmpdir(), "statespec-watch-")), "project");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Waits `ms` after a known-good run and expects no run to have started meanwhile: the window counts, not a timer. */
async function expectNoRunWithin(watch: ReturnType<typeof startWatch>, ms: number, what: string): Promise<void> {
  const before = watch.runs();
  await sleep(ms);
  expect(watch.runs(), `runs started by ${what}; printed:\n${watch.printed()}`).toBe(before);
}

describe("statespec generate --watch", () => {
  it("generates, regenerates on a change, reports an invalid state and recovers", async () => {
    const folder = mkdtempSync(join(tmpdir(), "statespec-watch-"));
    cpSync(fixtureSpec, join(folder, "spec"), { recursive: true });
    // Without a config statespec reads its shipped specs; an empty one reads spec/ beside it.
    writeFileSync(join(folder, "statespec.config.yaml"), "");
    const { child, output } = startWatch(folder);
    const generated = join(folder, "out", "acme", "index.ts");
    await until(() => existsSync(generated) && output.stdout.includes("watching"), "the first generation");
    expect(readFileSync(generated, "utf8")).toContain("Running.");

    const specFile = join(folder, "spec", "base.yaml");
    writeFileSync(specFile, specSaying("Up and running."));
    await until(() => textOf(generated).includes("Up and running."), "regeneration after an edit");

    writeFileSync(specFile, originalSpec.replace("  rows:\n", "  rows: [\n"));
    await until(() => output.stderr.includes("error yaml-syntax"), "a diagnostic for the broken spec");
    expect(output.stderr).toMatch(/spec\/base\.yaml:\d+:\d+: error yaml-syntax/);
    expect(readFileSync(generated, "utf8")).toContain("Up and running.");
    expect(child.exitCode).toBeNull();

    writeFileSync(specFile, specSaying("Running again."));
    await until(() => textOf(generated).includes("Running again."), "regeneration after the fix");
    expect(output.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.concurrent("statespec generate --watch reacts to its inputs only", () => {
  it("is not woken by its own log in the project folder, nor by other writes in the project", async () => {
    const folder = project();
    // `statespec generate --watch > watch.log 2>&1` in the project: every run appends to a file in the project.
    const watch = startWatch(folder, join(folder, "watch.log"));
    const generated = join(folder, "out", "acme", "README.md");
    await until(() => watch.runs() >= 1 && existsSync(generated), "the first generation");
    // Before the fix each run's own output woke the next one: several runs a second, forever.
    await expectNoRunWithin(watch, 3000, "the log alone");

    // Writes that are not inputs: a note beside the config, a foreign file in out/, a folder and a YAML file below
    // a spec folder (spec files are the .yaml files directly in it), a non-YAML file in the spec folder.
    writeFileSync(join(folder, "notes.yaml"), "a: 1\n");
    writeFileSync(join(folder, "out", "mine.txt"), "mine\n");
    mkdirSync(join(folder, "spec", "drafts"));
    writeFileSync(join(folder, "spec", "drafts", "draft.yaml"), "id: draft\n");
    writeFileSync(join(folder, "spec", "README.txt"), "about the specs\n");
    await expectNoRunWithin(watch, 3000, "writes outside the inputs");

    // Still watching: an input change is seen (so the quiet windows above prove something).
    const runs = watch.runs();
    writeFileSync(join(folder, "spec", "base.yaml"), specSaying("Seen after the quiet."));
    await until(() => textOf(generated).includes("Seen after the quiet."), "regeneration after a spec edit");
    await until(() => watch.runs() > runs, "the run's closing line");
    expect(watch.printed()).not.toMatch(/\n\s+at |internal error/);
  });

  it("follows a nested spec folder deleted and recreated, and its parent deleted and recreated", async () => {
    const folder = project({
      "statespec.config.yaml": `specs: [specs/a]\n${noTypeScript}`,
      "specs/a/base.yaml": originalSpec,
    });
    const watch = startWatch(folder);
    const generated = join(folder, "out", "acme", "README.md");
    await until(() => watch.runs() >= 1 && existsSync(generated), "the first generation");

    rmSync(join(folder, "specs", "a"), { recursive: true });
    await until(() => watch.output.stderr.includes("spec-folder-missing"), "a diagnostic for the removed folder");
    mkdirSync(join(folder, "specs", "a"));
    writeFileSync(join(folder, "specs", "a", "base.yaml"), specSaying("Recreated folder."));
    await until(() => textOf(generated).includes("Recreated folder."), "regeneration from the recreated folder");

    // The whole chain goes, then comes back one level at a time; a later edit in it is seen too.
    rmSync(join(folder, "specs"), { recursive: true });
    await sleep(500);
    mkdirSync(join(folder, "specs"));
    await sleep(500);
    mkdirSync(join(folder, "specs", "a"));
    writeFileSync(join(folder, "specs", "a", "base.yaml"), specSaying("Recreated parent."));
    await until(() => textOf(generated).includes("Recreated parent."), "regeneration after the parent came back");
    writeFileSync(join(folder, "specs", "a", "base.yaml"), specSaying("Edited after coming back."));
    await until(() => textOf(generated).includes("Edited after coming back."), "regeneration after a later edit");

    // A folder renamed away and another renamed into its place (how some tools replace a folder).
    renameSync(join(folder, "specs", "a"), join(folder, "specs", "old"));
    mkdirSync(join(folder, "specs", "new"));
    writeFileSync(join(folder, "specs", "new", "base.yaml"), specSaying("Renamed into place."));
    renameSync(join(folder, "specs", "new"), join(folder, "specs", "a"));
    await until(() => textOf(generated).includes("Renamed into place."), "regeneration after a folder was renamed in");
    expect(watch.output.stderr).not.toMatch(/\n\s+at |internal error/);
  });

  it("re-arms on the folders a changed config names, and leaves the old ones", async () => {
    const folder = project({
      "statespec.config.yaml": `specs: [specs/a]\n${noTypeScript}`,
      "specs/a/base.yaml": originalSpec,
      "specs/b/base.yaml": specSaying("From b."),
    });
    const watch = startWatch(folder);
    const generated = join(folder, "out", "acme", "README.md");
    await until(() => watch.runs() >= 1 && existsSync(generated), "the first generation");

    let runs = watch.runs();
    writeFileSync(join(folder, "statespec.config.yaml"), `specs: [specs/b]\n${noTypeScript}`);
    await until(() => textOf(generated).includes("From b."), "regeneration from the folder the config now names");
    await until(() => watch.runs() > runs, "the run's closing line");
    runs = watch.runs();
    writeFileSync(join(folder, "specs", "b", "base.yaml"), specSaying("Edited in b."));
    await until(() => textOf(generated).includes("Edited in b."), "regeneration after an edit in the new folder");
    await until(() => watch.runs() > runs, "the run's closing line");
    writeFileSync(join(folder, "specs", "a", "base.yaml"), specSaying("Edited in a."));
    await expectNoRunWithin(watch, 3000, "an edit in the folder the config no longer names");

    // The config itself, deleted and written again, is followed too (without it, the shipped specs are used).
    rmSync(join(folder, "statespec.config.yaml"));
    await until(() => watch.output.stderr.includes("using the shipped specs"), "a run without the config");
    writeFileSync(join(folder, "statespec.config.yaml"), `specs: [specs/a]\n${noTypeScript}`);
    await until(() => textOf(generated).includes("Edited in a."), "regeneration after the config came back");
    expect(watch.output.stderr).not.toMatch(/\n\s+at |internal error/);
  });
});
