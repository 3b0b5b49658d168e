// The no-op run's record (generator/cli/no-op-record.ts): a no-op `generate` answered from the identities of the
// files it looked at. It must never answer for a file that changed, whatever changed it, and it may only be made
// from identities that a later change must alter (nothing changed within the last two seconds).
// The runs that answer (or must not) are the built executable as a process: the record is read and written in
// bin.ts's no-op path, before main() loads. The generate that only sets a project up runs in-process (runCliIn).
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { builtCli, runBuilt, runCliIn } from "./helpers/cli.js";

const settle = () => sleep(2_100);
// In-process runs change the working folder while concurrent tests go on: every path here is absolute.
// A small spec, and JSON Schema alone where there is a config: the record names the files a run looked at, whatever
// their number and kind, and a larger spec or more kinds only lengthen each run that takes the long way.
const minimalSpec = resolve("test/fixtures/valid-minimal/spec");
const config = "specs: [spec]\nout: out\nartifacts: [json-schema]\n";

/** A project with its own copy of the spec, generated into out/, and a cache of its own. */
async function generated(): Promise<{ project: string; cache: string; env: NodeJS.ProcessEnv }> {
  const project = mkdtempSync(join(tmpdir(), "statespec-noop-record-"));
  cpSync(minimalSpec, join(project, "spec"), { recursive: true });
  writeFileSync(join(project, "statespec.config.yaml"), config);
  const cache = join(project, ".cache");
  const env = { STATESPEC_CACHE_DIR: cache };
  // In-process: how out/ came to be is not the subject; the full reader's reading of the config is cached as by
  // the executable, so the executable's no-op path can answer here.
  expect((await runCliIn(project, ["generate"], env)).code).toBe(0);
  return { project, cache, env };
}

const records = (cache: string) => (existsSync(join(cache, "no-op")) ? readdirSync(join(cache, "no-op")) : []);
const check = (project: string, env: NodeJS.ProcessEnv) => runBuilt(["generate", "--check"], { cwd: project, env });

// Concurrent: each test has its own projects and cache, and mostly waits for what it wrote to settle.
describe.concurrent("the no-op record", () => {
  it("keeps the 256 records used last: one per project and command line, never a disk filled", async () => {
    const { project, cache, env } = await generated();
    const folder = join(cache, "no-op");
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // 258 records of other projects, each older than the next.
    const planted = Array.from({ length: 258 }, (_, index) => `${index.toString(16).padStart(40, "0")}.json`);
    for (const [index, name] of planted.entries()) {
      writeFileSync(join(folder, name), "{}\n", { mode: 0o600 });
      utimesSync(join(folder, name), 1000 + index, 1000 + index);
    }
    await settle();
    expect((await check(project, env)).code).toBe(0);
    const left = records(cache);
    expect(left).toHaveLength(256);
    // This run's record is kept; the three planted first are gone.
    expect(left.filter((name) => !planted.includes(name))).toHaveLength(1);
    expect(planted.filter((name) => !left.includes(name))).toEqual(planted.slice(0, 3));
  }, 60_000);

  it("is made only from what settled two seconds ago, then answers without node:crypto", async () => {
    const { project, cache, env } = await generated();
    // out/ was written just now: the run answers the long way and records nothing.
    const first = await check(project, env);
    expect([first.code, first.stdout]).toEqual([0, expect.stringMatching(/^out is up to date \(\d+ files\)\n$/)]);
    expect(records(cache)).toEqual([]);
    await settle();
    expect((await check(project, env)).stdout).toBe(first.stdout);
    expect(records(cache)).toHaveLength(1);
    // Answered from the record: the same line, and Node never loads node:crypto (nothing is hashed).
    // Outside the project: a new file in the working folder is a change the record must see.
    const list = `${project}-builtins.txt`;
    const preload = `${project}-builtins.cjs`;
    writeFileSync(
      preload,
      `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));\n`,
    );
    const traced = spawnSync(process.execPath, ["--require", preload, builtCli, "generate", "--check"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    expect([traced.status, traced.stdout, traced.stderr]).toEqual([0, first.stdout, ""]);
    const builtins = readFileSync(list, "utf8").split("\n");
    expect(builtins, "Node's own record of loaded builtins").toContain("NativeModule fs");
    expect(builtins.filter((name) => name.includes("crypto"))).toEqual([]);
  }, 60_000);

  it("never answers for an output edited in place, a foreign file, an edited spec or config, or a new spec file", async () => {
    const projects = await Promise.all([1, 2, 3, 4, 5].map(() => generated()));
    await settle();
    for (const { project, cache, env } of projects) {
      expect((await check(project, env)).code).toBe(0);
      expect(records(cache), project).toHaveLength(1);
    }
    const [output, foreign, spec, config, added] = projects.map(({ project }) => project) as string[];
    // Same size, same folder entries: only the bytes (and so the change time) differ.
    const schema = join(output!, "out", "acme", "schema", "status.schema.json");
    writeFileSync(schema, readFileSync(schema, "utf8").replace('"ACTIVE"', '"ACTIVX"'));
    writeFileSync(join(foreign!, "out", "acme", "notes.txt"), "mine\n");
    const base = join(spec!, "spec", "base.yaml");
    writeFileSync(base, readFileSync(base, "utf8").replace("Running.", "Running!"));
    appendFileSync(join(config!, "statespec.config.yaml"), "# a comment\n");
    cpSync(join(added!, "spec", "base.yaml"), join(added!, "spec", "base-copy.yml"));
    const [edited, withForeign, specEdited, configEdited, specAdded] = await Promise.all(
      projects.map(({ project, env }) => check(project, env)),
    );
    expect([edited.code, edited.stderr]).toEqual([1, expect.stringContaining("acme/schema/status.schema.json")]);
    expect([withForeign.code, withForeign.stdout + withForeign.stderr]).toEqual([
      1,
      expect.stringContaining("foreign:"),
    ]);
    expect([specEdited.code, specEdited.stderr]).toEqual([1, expect.stringContaining("stale:")]);
    expect([configEdited.code, configEdited.stderr]).toEqual([1, expect.stringContaining("stale:")]);
    // A new spec file is an input too: the folder's listing changed.
    expect(specAdded.code).not.toBe(0);
  }, 60_000);

  it("sees through links, and a config put where the search would find it", async () => {
    const root = mkdtempSync(join(tmpdir(), "statespec-noop-links-"));
    const env = { STATESPEC_CACHE_DIR: join(root, ".cache") };
    const project = (name: string) => {
      const dir = join(root, name);
      // A repository of its own: the config search stops here (config/discover.ts).
      mkdirSync(join(dir, ".git"), { recursive: true });
      return dir;
    };
    // 1. No config: --spec chose the specs; a config written here later would be read.
    const bare = project("bare");
    cpSync(minimalSpec, join(bare, "spec"), { recursive: true });
    // 2. A spec file that is a link: editing what it points to is editing the input.
    const linked = project("linked");
    mkdirSync(join(linked, "spec"));
    cpSync(minimalSpec, join(linked, "shared"), { recursive: true });
    for (const name of readdirSync(minimalSpec)) symlinkSync(join("..", "shared", name), join(linked, "spec", name));
    // 3. out/ that is a link: a file added to the folder it points to is a foreign file in out/.
    const redirected = project("redirected");
    cpSync(minimalSpec, join(redirected, "spec"), { recursive: true });
    mkdirSync(join(redirected, "real-out"));
    symlinkSync("real-out", join(redirected, "out"));
    // 2 and 3 have a config of one artifact kind (the options override its specs: and out:): links are their
    // subject, not the artifacts, and TypeScript's emitter is most of a full run.
    for (const cwd of [linked, redirected]) writeFileSync(join(cwd, "statespec.config.yaml"), config);
    const args = ["generate", "--spec", "spec", "--out", "out"];
    const runs = [bare, linked, redirected].map(
      (cwd) =>
        (...more: string[]) =>
          runBuilt([...args, ...more], { cwd, env }),
    );
    // Set-up: the record is made by the executable's no-op runs below.
    for (const cwd of [linked, redirected]) expect((await runCliIn(cwd, args, env)).code).toBe(0);
    // Without a config, TypeScript too: in-process, ts-morph would load into this worker for this one run.
    expect((await runs[0]!()).code).toBe(0);
    await settle();
    for (const run of runs) expect((await run("--check")).code).toBe(0);
    expect(records(env.STATESPEC_CACHE_DIR)).toHaveLength(3);
    writeFileSync(join(bare, "statespec.config.yaml"), "specs: [spec]\nout: elsewhere\n");
    const shared = join(linked, "shared", "base.yaml");
    writeFileSync(shared, readFileSync(shared, "utf8").replace("Running.", "Running!"));
    writeFileSync(join(redirected, "real-out", "notes.txt"), "mine\n");
    const [configured, edited, foreign] = await Promise.all(runs.map((run) => run("--check")));
    // Its out: and specs are overridden by the options, but the config is an input: out/ is stale now.
    expect([configured.code, configured.stderr]).toEqual([1, expect.stringContaining("stale:")]);
    expect([edited.code, edited.stderr]).toEqual([1, expect.stringContaining("stale:")]);
    expect([foreign.code, foreign.stdout + foreign.stderr]).toEqual([1, expect.stringContaining("foreign:")]);
  }, 60_000);
});
