// What a hostile (or only unlucky) folder does to the write stage: a file named like statespec's working files, a
// patched installed dist/, a run killed mid-commit in another PID namespace (a container sharing the project
// folder), and a file swapped while a run streams its files in. The patched package and the killed run are the built
// CLI as a real process; the runs that read and repair what they left, and the working-file names, are about what is
// printed and written: in-process (runCliIn); the swap drives the write stage itself (writeOutput).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "../generator/common/hash.js";
import { writeOutput } from "../generator/write/write.js";
import { builtCli, runBuilt, runCliIn } from "./helpers/cli.js";
import { copyInTemp, packageCopy, tempProject, tree } from "./helpers/folders.js";

// Absolute: an in-process run of a concurrent test changes the working folder while it runs.
const minimal = resolve("test/fixtures/valid-minimal/spec");
const config = "artifacts: [json-schema, markdown]\n";

let generatedOnce: Promise<string> | undefined;

/** A copy of a project generated once: these tests are about what a folder holds next, not how its out/ came. */
async function generatedProject(): Promise<string> {
  generatedOnce ??= (async () => {
    const project = tempProject(minimal, config);
    const first = await runCliIn(project, ["generate"]);
    expect(first.code, first.stderr).toBe(0);
    return project;
  })();
  return copyInTemp(await generatedOnce, "statespec-hostile-");
}

// The installed package to patch, copied before any test runs: packageCopy reads this checkout by relative paths.
let installed: string;
beforeAll(() => {
  installed = packageCopy().cwd;
});

describe.concurrent("names like statespec's working files", () => {
  it("a staging-like or journal-like name no live run owns is foreign: named by --check, never removed", async () => {
    const project = await generatedProject();
    const out = join(project, "out");
    mkdirSync(join(out, ".statespec-staging-notes"));
    writeFileSync(join(out, ".statespec-staging-notes", "evil.ts"), "export const evil = 1;\n");
    // Shaped like a staging folder's name, but not one statespec makes (no run id, no random part).
    writeFileSync(join(out, ".statespec-staging-x"), "not a folder\n");
    writeFileSync(join(out, ".statespec-journal.json.bak"), "{}\n");
    const before = tree(out);
    const check = await runCliIn(project, ["generate", "--check"]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("foreign:  out/.statespec-staging-notes/evil.ts (not written by statespec");
    expect(check.stderr).toContain("foreign:  out/.statespec-staging-x (not written by statespec");
    expect(check.stderr).toContain("foreign:  out/.statespec-journal.json.bak (not written by statespec");
    expect(check.stderr).toContain("out holds 3 file(s) statespec did not write");
    const generated = await runCliIn(project, ["generate"]);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain("left 3 file(s) statespec did not write");
    expect(tree(out)).toEqual(before);
  });
});

describe.concurrent("a manifest edited to match changed specs", () => {
  it("is vouched for by a run that compared every file: generate --check of a current out/, on a fresh machine", async () => {
    const project = await generatedProject();
    const manifest = readFileSync(join(project, "out", ".statespec-manifest.json"));
    const cache = join(copyInTemp(project, "statespec-ci-"), "..", "cache");
    const record = join(cache, "vouched", `${createHash("sha256").update(manifest).digest("hex")}.json`);
    expect(existsSync(record)).toBe(false);
    const check = await runCliIn(project, ["generate", "--check"], { STATESPEC_CACHE_DIR: cache });
    expect([check.code, check.stderr]).toEqual([0, ""]);
    // From now on this manifest makes a run here a no-op: the record names exactly its bytes.
    expect(existsSync(record)).toBe(true);
    // A check that finds out/ stale vouches for nothing.
    const stale = join(project, "out", ".statespec-manifest.json");
    writeFileSync(stale, readFileSync(stale, "utf8").replace('"inputs": "', '"inputs": "0'));
    const forged = await runCliIn(project, ["generate", "--check"], { STATESPEC_CACHE_DIR: cache });
    expect(forged.code).toBe(1);
    expect(readdirSync(join(cache, "vouched"))).toEqual([record.split("/").pop()]);
  });

  it("is not taken at its word: generate --check finds out/ stale and generate writes it, on a fresh machine too", async () => {
    // A pull request changes a row and, instead of regenerating, sets the manifest's inputs hash to the changed
    // specs' (two one-line changes in its diff). The generated files still say what the old row said.
    const project = await generatedProject();
    const out = join(project, "out");
    const before = copyInTemp(out, "statespec-forged-");
    const spec = join(project, "spec", "base.yaml");
    const row = "task_states: [rebooting]\n      status: REBOOT";
    expect(readFileSync(spec, "utf8")).toContain(row);
    writeFileSync(spec, readFileSync(spec, "utf8").replace(row, row.replace("REBOOT", "SHUTOFF")));
    expect((await runCliIn(project, ["generate"])).code).toBe(0);
    const inputs = (JSON.parse(readFileSync(join(out, ".statespec-manifest.json"), "utf8")) as { inputs: string })
      .inputs;
    rmSync(out, { recursive: true });
    cpSync(before, out, { recursive: true });
    const manifest = join(out, ".statespec-manifest.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace(/"inputs": "[0-9a-f]+"/, `"inputs": "${inputs}"`));
    // This machine's cache (which vouched for the real manifest of the changed specs, not this one), and a fresh one.
    for (const env of [{}, { STATESPEC_CACHE_DIR: join(copyInTemp(project, "statespec-ci-"), "..", "cache") }]) {
      const check = await runCliIn(project, ["generate", "--check"], env);
      expect(check.code).toBe(1);
      expect(check.stderr).toContain("stale:    out/.statespec-manifest.json");
      expect(check.stderr).toMatch(/stale: {4}out\/acme\//);
    }
    // The executable too, whose no-op path answers before the CLI loads.
    const built = await runBuilt(["generate", "--check"], { cwd: project });
    expect(built.code).toBe(1);
    expect(built.stderr).toContain("stale:    out/.statespec-manifest.json");
    const generate = await runCliIn(project, ["generate"], {
      STATESPEC_CACHE_DIR: join(copyInTemp(project, "statespec-ci-"), "..", "cache"),
    });
    expect(generate.code).toBe(0);
    expect(generate.stdout).toMatch(/^wrote [1-9]\d* file\(s\)/);
    const again = await runCliIn(project, ["generate", "--check"]);
    expect([again.code, again.stderr]).toEqual([0, ""]);
  });
});

describe.concurrent("a file statespec wrote where it now writes a folder", () => {
  it("is moved aside by the commit: generate makes the folder, and out/ lists only what is there now", async () => {
    const project = await generatedProject();
    const out = join(project, "out");
    const generated = tree(out);
    // As an earlier version could have left it: acme/schema a file, listed in the manifest as statespec's.
    rmSync(join(out, "acme", "schema"), { recursive: true });
    writeFileSync(join(out, "acme", "schema"), "an earlier version's file\n");
    const manifestPath = join(out, ".statespec-manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.files = { ...manifest.files, "acme/schema": contentHash("an earlier version's file\n") };
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const check = await runCliIn(project, ["generate", "--check"]);
    expect(check.code).toBe(1);
    const result = await runCliIn(project, ["generate"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^wrote 6 file\(s\), \d+ unchanged, removed 1 in out\n$/);
    expect(tree(out)).toEqual(generated);
  });
});

describe.concurrent("a file statespec wrote, grown past what it compares (64 MiB)", () => {
  it("is not read: --check names it stale, generate replaces it; no internal error, no 3 GiB in memory", async () => {
    const project = await generatedProject();
    const out = join(project, "out");
    const generated = tree(out);
    // Sparse: 3 GiB that take no disk. Node refuses to read a file over 2 GiB at once, so reading it whole fails.
    truncateSync(join(out, "acme", "README.md"), 3 * 1024 ** 3);
    const check = await runCliIn(project, ["generate", "--check"]);
    expect([check.code, check.stdout]).toEqual([1, ""]);
    expect(check.stderr).toContain(
      "stale:    out/acme/README.md\n  (over 67108864 bytes, or no longer a regular file: not compared)\n",
    );
    const result = await runCliIn(project, ["generate"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(/^wrote 1 file\(s\), \d+ unchanged, removed 0 in out\n$/);
    expect(tree(out)).toEqual(generated);
  });
});

describe.concurrent("staging folders and journals of other runs", () => {
  it("a dead run's staging folder: --check names it, generate removes it; a live one is left alone", async () => {
    const project = await generatedProject();
    const out = join(project, "out");
    // Named as statespec names them, by a run on another host (or PID namespace): alive only while it touches it.
    const dead = join(out, ".statespec-staging-00000000.1.4242.0123456789ab");
    const live = join(out, ".statespec-staging-00000000.1.4343.ba9876543210");
    for (const folder of [dead, live]) mkdirSync(join(folder, "new"), { recursive: true });
    writeFileSync(join(dead, "new", "half.ts"), "export {};\n");
    writeFileSync(join(live, "new", "busy.ts"), "export {};\n");
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(dead, longAgo, longAgo);
    // The live run's heartbeat, as statespec's own (generator/write/staging.ts) beats.
    const beat = () => utimesSync(live, new Date(), new Date());
    beat();
    const heartbeat = setInterval(beat, 200);
    try {
      const check = await runCliIn(project, ["generate", "--check"]);
      expect(check.code).toBe(1);
      const leftover = "leftover: out/.statespec-staging-00000000.1.4242.0123456789ab";
      const why = "the staging folder of a statespec run that no longer exists; generate removes it";
      expect(check.stderr).toContain(`${leftover} (${why})`);
      expect(check.stderr).toContain("out is out of date: run statespec generate");
      expect(check.stderr).not.toContain("4343");
      // --format github: the dead run's folder an error annotation, and so is a file statespec no longer generates
      // (markdown dropped from the config: its pages are orphaned); the live run's folder is none.
      writeFileSync(join(project, "statespec.config.yaml"), "artifacts: [json-schema]\n");
      const github = await runCliIn(project, ["generate", "--check", "--format", "github"]);
      writeFileSync(join(project, "statespec.config.yaml"), config);
      expect(github.code).toBe(1);
      const annotations = github.stderr.split("\n").filter((line) => line.startsWith("::"));
      const title = "title=statespec generate --check::";
      expect(annotations).toContain(
        `::error file=out/.statespec-staging-00000000.1.4242.0123456789ab,${title}the staging folder of a dead statespec run`,
      );
      expect(annotations).toContain(`::error file=out/README.md,${title}orphaned: statespec no longer generates it`);
      expect(annotations.join("\n")).not.toContain("4343");
      expect(annotations.every((line) => line.startsWith("::error file=out/"))).toBe(true);
      const generated = await runCliIn(project, ["generate"]);
      expect(generated.code).toBe(0);
      expect(existsSync(dead)).toBe(false);
      expect(readFileSync(join(live, "new", "busy.ts"), "utf8")).toBe("export {};\n");
      const clean = await runCliIn(project, ["generate", "--check"]);
      expect([clean.code, clean.stderr]).toEqual([0, ""]);
    } finally {
      clearInterval(heartbeat);
    }
  });

  it("a journal that is not statespec's: --check says what generate says, and neither touches out/", async () => {
    const project = await generatedProject();
    const out = join(project, "out");
    writeFileSync(join(out, ".statespec-journal.json"), "{ not a journal\n");
    const before = tree(out);
    const check = await runCliIn(project, ["generate", "--check"]);
    const generated = await runCliIn(project, ["generate"]);
    const reason = ".statespec-journal.json is not a statespec journal; remove it if no statespec run is writing";
    expect([check.code, generated.code]).toEqual([1, 1]);
    expect(check.stderr).toContain(reason);
    expect(generated.stderr).toContain(reason);
    expect(tree(out)).toEqual(before);
  });

  it("a FIFO or a link to /dev/zero named as the journal is not read: no hang, the same refusal", async () => {
    const project = await generatedProject();
    const out = join(project, "out");
    const journal = join(out, ".statespec-journal.json");
    const reason = ".statespec-journal.json is not a statespec journal; remove it if no statespec run is writing";
    for (const make of [() => execFileSync("mkfifo", [journal]), () => symlinkSync("/dev/zero", journal)]) {
      make();
      const before = tree(out);
      // Processes with a deadline: a read that never ends would block an in-process run's whole worker.
      const check = await runBuilt(["generate", "--check"], { cwd: project, timeoutMs: 20_000 });
      const generated = await runBuilt(["generate"], { cwd: project, timeoutMs: 20_000 });
      expect([check.signal, generated.signal]).toEqual([null, null]);
      expect([check.code, generated.code]).toEqual([1, 1]);
      expect(check.stderr).toContain(reason);
      expect(generated.stderr).toContain(reason);
      expect(tree(out)).toEqual(before);
      rmSync(journal);
    }
  });
});

describe.concurrent("a patched installed package", () => {
  it("an edit of any file of dist/ that runs makes --check stale, until generate refreshes out/", async () => {
    const copy = installed; // the installed package, to patch as patch-package would
    // No TypeScript output: the fingerprint covers every file that runs, whatever a run emits; its compiler would be
    // most of this test's time.
    writeFileSync(join(copy, "statespec.config.yaml"), config);
    const spec = resolve(minimal);
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["dist/generator/cli/bin.cjs", "generate", "--spec", spec, ...args], {
        cwd: copy,
        encoding: "utf8",
      });
    expect(cli().status).toBe(0);
    expect(cli("--check").status).toBe(0);
    // The executable, the CLI's bundle, a module the bundle loads at run time, and precompiled code it requires.
    const patched = [
      "cli/bin.cjs",
      "cli/main.bundle.js",
      "emit/typescript.js",
      "emit/templates.precompiled.cjs",
      "validate/spec-validator.cjs",
    ];
    // Each file patched alone (the others as built, so the staleness is this one's), then all of them together
    // for the generate that refreshes out/: one generate, not one per file, and --check current after it.
    for (const file of patched) {
      const path = join(copy, "dist", "generator", file);
      const built = readFileSync(path);
      appendFileSync(path, "\n// patched by patch-package\n");
      const check = cli("--check");
      expect(check.status, `${file} patched`).toBe(1);
      expect(check.stderr, `${file} patched`).toContain("stale:    out/.statespec-manifest.json");
      expect(check.stderr).toMatch(/^ {2}- {3}"generatorHash": "[0-9a-z-]+",$/m);
      writeFileSync(path, built);
    }
    expect(cli("--check").status, "every file as built again").toBe(0);
    for (const file of patched)
      appendFileSync(join(copy, "dist", "generator", file), "\n// patched by patch-package\n");
    expect(cli("--check").status, "all patched").toBe(1);
    expect(cli().status).toBe(0);
    expect(cli("--check").status, "all patched, out/ refreshed").toBe(0);
  });
});

/** Why this test cannot kill a run in another PID namespace here, or undefined when it can. */
function noPidNamespace(): string | undefined {
  const namespace = ["--user", "--map-root-user", "--pid", "--fork", "--mount-proc", "--kill-child"];
  const probe = spawnSync("unshare", [...namespace, "sh", "-c", "echo $$"], { encoding: "utf8" });
  if (probe.error) return `unshare is not available here (${probe.error.message})`;
  const why = probe.stderr.trim() || `exit ${probe.status}`;
  if (probe.status !== 0 || probe.stdout.trim() !== "1") return `unshare cannot make a PID namespace here (${why})`;
  return undefined;
}

describe.concurrent("a run killed mid-commit in another PID namespace", () => {
  it("does not lock out/: --check says generate restores it; the next generate recovers out/", async (context) => {
    const missing = noPidNamespace();
    if (missing !== undefined) {
      if (process.env.STATESPEC_REQUIRE_TOOLS === "1") throw new Error(missing);
      return context.skip(missing);
    }
    const project = await generatedProject();
    const out = join(project, "out");
    const before = tree(out);
    // Another vendor id: the commit removes every acme/ file and creates acme2/, so a half-done one is visible.
    const specB = join(project, "..", "spec-b");
    cpSync(minimal, specB, { recursive: true });
    const base = readFileSync(join(minimal, "base.yaml"), "utf8");
    writeFileSync(join(specB, "base.yaml"), base.replace(/^ {2}id: acme$/m, "  id: acme2"));
    const journal = join(out, ".statespec-journal.json");
    // Test-only: a pause after each rename of the commit (commit.ts), so the kill lands inside it. The run is
    // process 1 of its namespace; --kill-child passes the SIGKILL of unshare on to it.
    const unshare = ["--user", "--map-root-user", "--pid", "--fork", "--mount-proc", "--kill-child=SIGKILL"];
    const env = { ...process.env, STATESPEC_TEST_COMMIT_PAUSE_MS: "500" };
    const command = [...unshare, process.execPath, builtCli, "generate", "--spec", specB];
    const child = spawn("unshare", command, { cwd: project, env, stdio: "ignore" });
    const exited = new Promise((done) => child.on("exit", done));
    while (!existsSync(journal) && child.exitCode === null) await new Promise((done) => setTimeout(done, 5));
    // Several seconds of commit remain (a pause per rename): the kill lands inside it even on a loaded machine.
    await new Promise((done) => setTimeout(done, 200));
    child.kill("SIGKILL");
    await exited;
    expect(existsSync(journal), "killed inside the commit").toBe(true);
    expect(JSON.parse(readFileSync(journal, "utf8")).owner.pid).toBe(1);
    // Its heartbeat (the modification times of its journal and staging folder) stops with it, and another PID
    // namespace counts it dead 10 s later. Those seconds are let pass by ageing the heartbeat, not by waiting.
    const past = new Date(Date.now() - 60_000);
    for (const name of readdirSync(out).filter((entry) => entry.startsWith(".statespec-")))
      if (name !== ".statespec-manifest.json") utimesSync(join(out, name), past, past);
    const halfWritten = tree(out);
    expect(halfWritten).not.toEqual(before);

    const check = await runCliIn(project, ["generate", "--check", "--spec", specB]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/interrupted run .*left it half-written; statespec generate puts it back as it was/);
    expect(check.stderr).not.toContain("another statespec run");
    expect(tree(out), "--check writes nothing").toEqual(halfWritten);

    const next = await runCliIn(project, ["generate", "--spec", specB]);
    expect(next.stderr).toBe("");
    expect(next.code).toBe(0);
    const clean = await runCliIn(project, ["generate", "--check", "--spec", specB]);
    expect(clean.stderr).toBe("");
    expect(clean.code).toBe(0);
    const names = Object.keys(tree(out));
    expect(names.filter((name) => name.startsWith(".statespec-") && name !== ".statespec-manifest.json")).toEqual([]);
    expect(names.some((name) => name.startsWith("acme2/"))).toBe(true);
    expect(names.some((name) => name.startsWith("acme/"))).toBe(false);
  }, 60_000);
});

describe.concurrent("a file statespec would replace or remove, swapped while the files stream in", () => {
  // A run reads out/ when it starts and commits after the last file: what stands at a listed path then must be what
  // it saw at first, or a user's own file or folder put there meanwhile would be moved aside and deleted with the
  // staging folder. The swap comes after out/ was read, before the first file streams in.
  const key = { generator: "0.0.0", generatorHash: "swap-test", inputs: "swap-test" };
  const write = (out: string, files: Record<string, string>, meanwhile = () => {}) => {
    async function* stream() {
      meanwhile();
      for (const [path, contents] of Object.entries(files)) yield { path, contents };
    }
    return writeOutput(out, stream(), key, false);
  };
  const cases = [
    // The second run no longer generates b.txt: an orphan, removed by the commit.
    { name: "an orphan swapped for the user's folder", path: "b.txt", next: { "a.txt": "a\n" }, folder: true },
    { name: "an orphan swapped for the user's file", path: "b.txt", next: { "a.txt": "a\n" }, folder: false },
    // The second run writes a.txt anew: a stale file, replaced by the commit.
    { name: "a stale file swapped for the user's folder", path: "a.txt", next: { "a.txt": "new\n" }, folder: true },
    // An editor saving the generated file (a new file renamed into place) while generate runs.
    { name: "a stale file swapped for the user's file", path: "a.txt", next: { "a.txt": "new\n" }, folder: false },
  ];
  it.for(cases)("$name: the user's content stays", async ({ path, next, folder }) => {
    const out = join(mkdtempSync(join(tmpdir(), "statespec-swap-")), "out");
    expect((await write(out, { "a.txt": "a\n", "b.txt": "b\n" })).diagnostics).toEqual([]);
    let swapped: Record<string, string> = {};
    const swap = () => {
      rmSync(join(out, path));
      if (folder) {
        mkdirSync(join(out, path));
        writeFileSync(join(out, path, "mine.txt"), "the user's\n");
      } else writeFileSync(join(out, path), "the user's own file\n");
      swapped = tree(out);
    };
    const { diagnostics, plan } = await write(out, next, swap);
    if (path === "b.txt") {
      // An orphan is removed only as the manifest lists it: what stands there now is left, reported as not statespec's.
      expect(diagnostics).toEqual([]);
      expect(plan?.orphaned).toEqual([]);
    } else
      expect(diagnostics.map(({ message }) => message)).toEqual([
        expect.stringContaining(`(${path} changed while statespec was running; run again)`),
      ]);
    // out/ as the user left it: nothing moved, no staging folder left behind (a new manifest where the run committed).
    const { ".statespec-manifest.json": _now, ...rest } = tree(out);
    const { ".statespec-manifest.json": _then, ...left } = swapped;
    expect(path === "b.txt" ? rest : tree(out)).toEqual(path === "b.txt" ? left : swapped);
    expect(tree(out)[folder ? `${path}/mine.txt` : path]).toMatch(/^the user's/);
  });
});

describe("a manifest that lists a file statespec did not write", () => {
  const key = { generator: "0.0.0", generatorHash: "forged-list", inputs: "forged-list" };
  const writer = (out: string) => (files: Record<string, string>) =>
    writeOutput(
      out,
      (async function* () {
        for (const [path, contents] of Object.entries(files)) yield { path, contents };
      })(),
      key,
      false,
    );
  // The manifest is committed: a pull request can list a developer's own, untracked file in out/. statespec removes an
  // orphan only where its bytes are those the manifest lists; the listed user's file stays, reported as not its own.
  it("never makes a user's file an orphan to delete", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "statespec-forged-list-")), "out");
    const write = writer(out);
    expect((await write({ "a.txt": "a\n", "b.txt": "b\n" })).diagnostics).toEqual([]);
    mkdirSync(join(out, "keep"));
    writeFileSync(join(out, "notes.md"), "my own notes\n");
    writeFileSync(join(out, "keep", "data.txt"), "kept\n");
    const manifestPath = join(out, ".statespec-manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    Object.assign(manifest.files, { "notes.md": "1111111111111111", "keep/data.txt": contentHash("other\n") });
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const { diagnostics, plan } = await write({ "a.txt": "a\n" });
    expect(diagnostics).toEqual([]);
    // b.txt, as written, is statespec's orphan; the user's files are not.
    expect(plan?.orphaned).toEqual(["b.txt"]);
    expect(plan?.foreign).toEqual(["keep/data.txt", "notes.md"]);
    expect(tree(out)["notes.md"]).toBe("my own notes\n");
    expect(tree(out)["keep/data.txt"]).toBe("kept\n");
    expect(tree(out)["b.txt"]).toBeUndefined();
  });

  it("never moves a user's file aside where statespec needs a folder: the run stops, naming it", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "statespec-forged-list-")), "out");
    const write = writer(out);
    expect((await write({ "a.txt": "a\n" })).diagnostics).toEqual([]);
    writeFileSync(join(out, "sub"), "my own file\n");
    const manifestPath = join(out, ".statespec-manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.files.sub = contentHash("what statespec wrote\n");
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const { diagnostics } = await write({ "a.txt": "a\n", "sub/x.txt": "x\n" });
    expect(diagnostics.map(({ code, file }) => [code, file?.endsWith("/sub")])).toEqual([["foreign-file", true]]);
    expect(tree(out)["sub"]).toBe("my own file\n");
  });
});
