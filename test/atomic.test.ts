// out/ is always exactly as before or exactly as after a run: a failing rename half-way is rolled back, a signal
// at any moment (SIGKILL included, undone by the next run from the journal) never leaves a mix. And a changed
// generator is never trusted with an old out/. Real processes of the built CLI throughout, but for the first run of
// the shared project and the runs after a SIGKILL that repair out/ (in-process: what out/ holds is their point).
import { execFile, spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtCli, runBuilt, runCliIn } from "./helpers/cli.js";
import { caseInTemp } from "./helpers/fixtures.js";
import { copyInTemp, tempProject, tree } from "./helpers/folders.js";

// Absolute: the runs that repair out/ after a SIGKILL are in-process, and change the working folder while the other
// tests run.
const checkout = resolve(".");
const minimal = resolve("test/fixtures/valid-minimal/spec");
const config = "artifacts: [json-schema, markdown]\n";

/** A project whose out/ holds spec A's output and a hand-written file; `specB` changes, adds and removes files. */
async function beforeAndAfter() {
  const project = tempProject(minimal, config);
  expect((await runCliIn(project, ["generate"])).code).toBe(0);
  writeFileSync(join(project, "out", "notes.txt"), "written by hand\n");
  const specB = join(project, "..", "spec-b");
  cpSync(minimal, specB, { recursive: true });
  // Another vendor id: every acme/ file is removed, every acme2/ file created, the top files replaced.
  writeFileSync(
    join(specB, "base.yaml"),
    readFileSync(join(minimal, "base.yaml"), "utf8")
      .replace(/^ {2}id: acme$/m, "  id: acme2")
      .replace("Running.", "Running, after."),
  );
  const reference = join(project, "..", "reference");
  cpSync(project, reference, { recursive: true });
  // The built CLI: its duration is the span in which signals land at random.
  const started = Date.now();
  expect((await runBuilt(["generate", "--spec", specB], { cwd: reference })).code).toBe(0);
  return {
    project,
    specB,
    before: tree(join(project, "out")),
    after: tree(join(reference, "out")),
    runMs: Date.now() - started,
  };
}

// Made once, before any test (and any in-process run) starts; each test works on copies of the project.
let shared: Awaited<ReturnType<typeof beforeAndAfter>>;
let invalid: string;
beforeAll(async () => {
  shared = await beforeAndAfter();
  invalid = join(caseInTemp("conflicting-rows").folder, "spec");
});

/** A copy of the shared project, in a folder of its own. */
const projectCopy = () => copyInTemp(shared.project, "statespec-atomic-");

/** Root ignores permissions: an immutable folder (chattr +i) is the real failure there. */
function lockFolder(folder: string): (() => void) | string {
  if (process.getuid?.() !== 0) {
    chmodSync(folder, 0o555);
    return () => chmodSync(folder, 0o755);
  }
  const locked = spawnSync("chattr", ["+i", folder]);
  if (locked.status !== 0)
    return `chattr +i is not available here (${locked.error?.message ?? locked.stderr.toString().trim()})`;
  return () => spawnSync("chattr", ["-i", folder]);
}

describe.concurrent("a failure half-way through the commit", () => {
  it("a rename that fails is rolled back: out/ exactly as before, staging removed, write-failed without a stack trace", async (context) => {
    const { specB, before } = shared;
    const project = projectCopy();
    // Renames run in path order: README.md and .statespec-manifest.json move before acme/ fails.
    const unlock = lockFolder(join(project, "out", "acme", "schema"));
    if (typeof unlock === "string") {
      if (process.env.STATESPEC_REQUIRE_TOOLS === "1") throw new Error(unlock);
      return context.skip(unlock);
    }
    let result;
    try {
      result = await runBuilt(["generate", "--spec", specB], { cwd: project });
    } finally {
      unlock();
    }
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^out: error write-failed cannot write the output \((EPERM|EACCES)\); out was left as it was$/m,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(tree(join(project, "out"))).toEqual(before);
  });
});

describe.concurrent("a failure the rollback cannot undo", () => {
  it("keeps the journal: write-failed says the next run restores out/, and the next run does", async (context) => {
    const { specB, before } = shared;
    const project = projectCopy();
    const out = join(project, "out");
    // Test-only: a pause after each rename of the commit (commit.ts). out/ is made immutable in the pause after the
    // first file (the manifest) was moved aside: moving README.md aside fails, and so does putting the manifest back.
    const env = { ...process.env, STATESPEC_TEST_COMMIT_PAUSE_MS: "400" };
    const child = spawn(process.execPath, [builtCli, "generate", "--spec", specB], { cwd: project, env });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    while (!existsSync(join(out, ".statespec-journal.json")) && child.exitCode === null)
      await new Promise((done) => setTimeout(done, 2));
    await new Promise((done) => setTimeout(done, 100));
    const unlock = lockFolder(out);
    if (typeof unlock === "string") {
      child.kill("SIGKILL");
      if (process.env.STATESPEC_REQUIRE_TOOLS === "1") throw new Error(unlock);
      return context.skip(unlock);
    }
    let code: number | null;
    try {
      code = await exited;
    } finally {
      unlock();
    }
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^out: error write-failed cannot write the output \((EPERM|EACCES)\) and could not put everything back; the next statespec generate restores out from its journal \(\.statespec-journal\.json\)$/m,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, ".statespec-journal.json"))).toBe(true);
    // The next run puts out/ back as it was before the failed one, before it even reads its (here invalid) spec.
    const next = await runCliIn(project, ["generate", "--spec", invalid]);
    expect(next.stderr).toContain("error conflicting-rows");
    expect(tree(out)).toEqual(before);
  });
});

describe.concurrent("signals at any moment of a run", () => {
  it("SIGINT, SIGTERM, SIGHUP and SIGKILL, many times, commit included: out/ is always before or after", async () => {
    const { project, specB, before, after, runMs } = shared;
    const signals = ["SIGKILL", "SIGTERM", "SIGINT", "SIGHUP"] as const;
    const states = { before: JSON.stringify(before), after: JSON.stringify(after) };
    const seen = { before: 0, after: 0, killedInCommit: 0, signalledInCommit: 0 };
    // Test-only: a pause after each rename of the commit (commit.ts), so that many signals land inside it.
    const env = { ...process.env, STATESPEC_TEST_COMMIT_PAUSE_MS: "15" };
    const trial = async (index: number) => {
      const copy = copyInTemp(project, "statespec-kill-");
      const out = join(copy, "out");
      const journal = join(out, ".statespec-journal.json");
      const signal = signals[index % signals.length]!;
      const child = spawn(process.execPath, [builtCli, "generate", "--spec", specB], {
        cwd: copy,
        env,
        stdio: "ignore",
      });
      const exited = new Promise<{ code: number | null }>((done) => child.on("exit", (code) => done({ code })));
      // Every signal both ways: at a random moment, and inside the commit.
      if (Math.floor(index / signals.length) % 2 === 0) {
        // Anywhere in the run: start-up, loading, emitting, staging, commit, clean-up.
        await new Promise((done) => setTimeout(done, Math.random() * runMs * 1.1));
      } else {
        // Inside the commit: wait for its journal, then a little more.
        while (!existsSync(journal) && child.exitCode === null) await new Promise((done) => setTimeout(done, 2));
        await new Promise((done) => setTimeout(done, Math.random() * 40));
      }
      const inCommit = existsSync(journal);
      child.kill(signal);
      const { code } = await exited;
      if (signal === "SIGKILL") {
        if (existsSync(journal)) seen.killedInCommit++;
        // The next run undoes what the killed one left, before it even reads the (here invalid) spec. In-process:
        // what it leaves in out/ is the point, and the killed run above is the process.
        const next = await runCliIn(copy, ["generate", "--spec", invalid]);
        expect(next.code).toBe(1);
        expect(next.stderr).toContain("error conflicting-rows");
      } else if (inCommit) {
        // Caught during the commit: the commit finishes, then the process still ends with a failure.
        seen.signalledInCommit++;
        expect(code, `${signal} during the commit`).not.toBe(0);
      }
      const now = JSON.stringify(tree(out));
      expect(
        now === states.before || now === states.after,
        `${signal} #${index}: out/ is neither before nor after:\n${Object.keys(tree(out)).join("\n")}`,
      ).toBe(true);
      seen[now === states.before ? "before" : "after"]++;
      rmSync(join(copy, ".."), { recursive: true, force: true });
    };
    for (let batch = 0; batch < 2; batch++)
      await Promise.all(Array.from({ length: 8 }, (_, index) => trial(batch * 8 + index)));
    expect(seen.before + seen.after).toBe(16);
    expect(seen.killedInCommit).toBeGreaterThan(0);
    expect(seen.signalledInCommit).toBeGreaterThan(0);
  }, 240_000);
});

/** `node args` in `cwd`, its exit status and output; asynchronous, so the signal test beside it keeps its timing. */
function nodeIn(cwd: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) =>
    execFile(process.execPath, args, { cwd, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") fail(error);
      else done({ status: error === null ? 0 : (error.code as number), stdout, stderr });
    }),
  );
}

describe.concurrent("a changed generator", () => {
  it("is never trusted with an old out/: after a rebuild, generate --check fails until out/ is refreshed", async () => {
    const copy = mkdtempSync(join(tmpdir(), "statespec-rebuilt-"));
    for (const entry of ["package.json", "generator", "templates", "spec", "dist"])
      cpSync(resolve(checkout, entry), join(copy, entry), { recursive: true });
    symlinkSync(resolve(checkout, "node_modules"), join(copy, "node_modules"));
    // No TypeScript output: this is about the generator's fingerprint, and its compiler would be most of the time.
    writeFileSync(join(copy, "statespec.config.yaml"), config);
    const cli = (...args: string[]) =>
      nodeIn(copy, ["dist/generator/cli/bin.cjs", "generate", "--spec", minimal, ...args]);
    expect((await cli()).status).toBe(0);
    expect((await cli("--check")).status).toBe(0);
    // A change to the generator's code that changes no generated file: today's output, tomorrow's generator.
    const added = "\nexport const rebuiltForTheTest = true;\n";
    appendFileSync(join(copy, "generator", "emit", "json-schema.ts"), added);
    // The rebuild of that one file, as `npm run build` does it: compile (the added line is plain JavaScript, its own
    // compiled form: no TypeScript compiler to load into this worker for it), then record the generator's fingerprint.
    appendFileSync(join(copy, "dist", "generator", "emit", "json-schema.js"), added);
    expect((await nodeIn(copy, ["generator/build/fingerprint.mjs", "generator"])).status).toBe(0);
    const check = await cli("--check");
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("stale:    out/.statespec-manifest.json");
    expect(check.stderr).toMatch(/^ {2}- {3}"generatorHash": "[0-9a-f]{16}",$/m);
    const refreshed = await cli();
    expect(refreshed.stdout).toMatch(/^wrote 1 file\(s\), \d+ unchanged/);
    expect((await cli("--check")).status).toBe(0);
  });
});
