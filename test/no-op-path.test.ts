// The built executable answers a no-op `generate` before loading the CLI (generator/cli/up-to-date.ts): it must print
// exactly what the full path prints, hand every other case to the full path, and load only what it needs.
// The executable's runs are real processes (bin.ts answers before main() loads); what sets an out/ up, and the full
// path (--full: main() itself) that the fast path's output is compared with, run in-process (runCliIn).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runBuilt, runCliIn } from "./helpers/cli.js";
import { copyInTemp, files } from "./helpers/folders.js";

// A small spec: what is read, hashed and compared is the same path whatever the spec's size, and a larger spec
// costs every full-path run here parsing and validation time.
const minimal = resolve("test/fixtures/valid-minimal/spec");

/** The full path, in-process: main() as the executable runs it when its no-op path does not answer. */
const runFull = (args: string[], cwd = process.cwd()) => runCliIn(cwd, args);

let generated: Promise<{ project: string; out: string }> | undefined;
/**
 * A project (the minimal spec, a config) whose out/ was generated once, in-process, and a copy of that out/: how it
 * came to be is not what these tests are about. The copy is named by --out from the project, as the original's
 * out/ would be. JSON Schema only: the no-op path reads, hashes and compares files whatever their kind, and the
 * TypeScript emitter (ts-morph, in a thread) would be most of this file's time.
 */
async function generatedOut(
  prefix: string,
): Promise<{ project: string; out: string; upToDate: RegExp; outFiles: number }> {
  generated ??= (async () => {
    const project = join(mkdtempSync(join(tmpdir(), "statespec-noop-generated-")), "project");
    cpSync(minimal, join(project, "spec"), { recursive: true });
    writeFileSync(join(project, "statespec.config.yaml"), "artifacts: [json-schema]\n");
    const out = join(project, "out");
    expect((await runFull(["generate", "--out", out], project)).code).toBe(0);
    return { project, out };
  })();
  const { project, out } = await generated;
  // How many files out/ holds (the manifest among them), counted on disk rather than written down.
  const outFiles = files(out).size;
  return {
    project,
    out: copyInTemp(out, prefix, "out"),
    upToDate: new RegExp(` is up to date \\(${outFiles} files\\)\n$`),
    outFiles,
  };
}

describe("no-op generate, answered before the CLI loads", () => {
  it("prints what the full path prints, leaves foreign files to it, and loads no stage it does not need", async () => {
    const { project, out, upToDate, outFiles } = await generatedOut("statespec-noop-");

    // --full always takes the full path (load, emit, compare); on a current out/ it must say the same.
    const [fast, full, fastCheck, fullCheck] = await Promise.all([
      runBuilt(["generate", "--out", out], { cwd: project }),
      runFull(["generate", "--full", "--out", out], project),
      runBuilt(["generate", "--check", `--out=${out}`], { cwd: project }),
      runFull(["generate", "--check", "--full", "--out", out], project),
    ]);
    expect(fast.stdout).toMatch(new RegExp(`^wrote 0 file\\(s\\), ${outFiles} unchanged, removed 0 in `));
    expect([fast.code, fast.stdout, fast.stderr]).toEqual([full.code, full.stdout, ""]);
    expect(fastCheck.stdout).toMatch(upToDate);
    expect([fastCheck.code, fastCheck.stdout, fastCheck.stderr]).toEqual([fullCheck.code, fullCheck.stdout, ""]);

    // What the no-op run loads: every file, and through the bundle's record, every source in those files.
    const loaded = loadedSources(out, ["generate", "--check", "--out", out], project);
    expect(loaded.stdout).toMatch(upToDate);
    expect(loaded.files, "one module: the bundled executable").toEqual(["dist/generator/cli/bin.cjs"]);
    expect(loaded.sources).toContain("generator/cli/up-to-date.ts");
    // This project has a statespec.config.yaml: its settings come from the full reader's earlier reading of the same
    // bytes, without yaml (config/cached-config.ts).
    expect(loaded.sources).toContain("generator/config/cached-config.ts");
    for (const source of [
      "generator/cli/main.ts",
      "generator/cli/commands/generate.ts",
      "generator/compile/compile.ts",
      "generator/compile/stages.ts",
      "generator/load/load.ts",
      "generator/write/write.ts",
      "generator/write/staging.ts",
      "generator/write/commit.ts",
    ]) {
      expect(loaded.sources, source).not.toContain(source);
    }
    // No package at all: neither yaml (bundled, it would show as a source) nor ajv, handlebars or ts-morph.
    expect(loaded.sources.filter((source) => source.includes("node_modules/"))).toEqual([]);
    expect(loaded.files.filter((file) => file.includes("node_modules/"))).toEqual([]);

    // A file statespec did not write changes what both commands print: the full path reports it.
    writeFileSync(join(out, "notes.txt"), "mine\n");
    const foreign = await runBuilt(["generate", "--check", "--out", out], { cwd: project });
    expect(foreign.code).toBe(1);
    expect(foreign.stdout + foreign.stderr).toContain("foreign:");
  }, 60_000);

  it("is CommonJS, so Node loads neither fs/promises (with readline) nor webcrypto for it", async () => {
    // An ES module executable costs the ES module loader, and its import of node:fs or node:crypto reads every
    // export, which loads these: about a tenth of a no-op run (generator/build/bundle.mjs).
    const { project, out, upToDate } = await generatedOut("statespec-noop-builtins-");
    const list = `${out}-builtins.txt`;
    const preload = `${out}-builtins.cjs`;
    writeFileSync(
      preload,
      `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));\n`,
    );
    const run = spawnSync(
      process.execPath,
      ["--require", preload, resolve("dist/generator/cli/bin.cjs"), "generate", "--check", "--out", out],
      { cwd: project, encoding: "utf8" },
    );
    expect(run.stdout).toMatch(upToDate);
    const builtins = readFileSync(list, "utf8").split("\n");
    expect(builtins, "the list is Node's own record of loaded builtins").toContain("NativeModule fs");
    expect(
      builtins.filter((name) => /internal\/fs\/promises|internal\/crypto\/webcrypto|internal\/readline\//.test(name)),
    ).toEqual([]);
  }, 60_000);

  it("reads the config without yaml, honours its out:, and leaves every changed config to the full path", async () => {
    const project = mkdtempSync(join(tmpdir(), "statespec-noop-config-"));
    const config = join(project, "statespec.config.yaml");
    writeFileSync(
      config,
      `# the minimal spec, two kinds\nspecs:\n  - ${JSON.stringify(minimal)}\nout: gen # beside the config\nartifacts: [json-schema, openapi]\n`,
    );
    const run = (...args: string[]) => runBuilt(["generate", ...args], { cwd: project });
    // Set-up, in-process; the full reader's reading of the config is cached for the executable as by a process.
    expect((await runFull(["generate"], project)).stdout).toMatch(
      /^wrote \d+ file\(s\), 0 unchanged, removed 0 in gen\n$/,
    );
    // Current: the executable alone answers, with the line the full path prints.
    const fast = loadedSources(project, ["generate"], project);
    expect(fast.files).toEqual(["dist/generator/cli/bin.cjs"]);
    expect(fast.stdout).toMatch(/^wrote 0 file\(s\), \d+ unchanged, removed 0 in gen\n$/);
    expect(fast.stdout).toBe((await runFull(["generate", "--full"], project)).stdout);
    // The config is an input like a spec file: a comment edited makes out/ stale (its manifest only).
    writeFileSync(config, readFileSync(config, "utf8").replace("two kinds", "two artifact kinds"));
    expect((await run("--check")).code).toBe(1);
    expect((await run()).stdout).toMatch(/^wrote 1 file\(s\), \d+ unchanged, removed 0 in gen\n$/);
    // Another out: in the config: nothing current there, so the full path writes it.
    writeFileSync(config, readFileSync(config, "utf8").replace("out: gen", "out: gen2"));
    expect((await run()).stdout).toMatch(/^wrote \d+ file\(s\), 0 unchanged, removed 0 in gen2\n$/);
    // gen/ named on the command line with the changed config: gen/ was made from the old config, so not a no-op.
    expect((await run("--out", "gen")).stdout).toMatch(/^wrote 1 file\(s\), \d+ unchanged, removed 0 in gen\n$/);
    // The same settings as a flow mapping: the full path reads it once, and from then on its reading is cached.
    writeFileSync(config, `{ specs: [${JSON.stringify(minimal)}], out: gen2, artifacts: [json-schema, openapi] }\n`);
    const edited = loadedSources(project, ["generate"], project);
    expect(edited.files).toContain("dist/generator/cli/main.bundle.js");
    expect(edited.stdout).toMatch(/^wrote 1 file\(s\), \d+ unchanged, removed 0 in gen2\n$/);
    const again = loadedSources(project, ["generate"], project);
    expect(again.files).toEqual(["dist/generator/cli/bin.cjs"]);
    expect(again.stdout).toMatch(/^wrote 0 file\(s\), \d+ unchanged, removed 0 in gen2\n$/);
    // Without the cache (STATESPEC_CACHE_DIR empty), the full path, the same line.
    const uncached = loadedSources(project, ["generate"], project, { STATESPEC_CACHE_DIR: "" });
    expect(uncached.files).toContain("dist/generator/cli/main.bundle.js");
    expect(uncached.stdout).toBe(again.stdout);
  }, 60_000);
});

/**
 * Runs the built CLI with a module hook that records every file it loads (ES modules through the hook, CommonJS
 * from require.cache at exit), and maps each file of the bundle to the sources esbuild put in it
 * (dist/generator/cli/bundle-inputs.json, written by generator/build/bundle.mjs). Paths relative to the repository.
 */
function loadedSources(
  scratch: string,
  args: string[],
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = {},
): { stdout: string; files: string[]; sources: string[] } {
  const list = join(scratch, "..", `${scratch.split("/").pop()}-modules-${Math.random().toString(36).slice(2)}.txt`);
  const hooks = `data:text/javascript,${encodeURIComponent(`import { appendFileSync } from "node:fs"; export async function load(url, context, next) { appendFileSync(${JSON.stringify(list)}, url + "\\n"); return next(url, context); }`)}`;
  const register = `data:text/javascript,${encodeURIComponent(`import { register } from "node:module"; register(${JSON.stringify(hooks)});`)}`;
  const requires = `${list}.cjs`;
  writeFileSync(
    requires,
    `process.on("exit", () => require("node:fs").appendFileSync(${JSON.stringify(list)}, Object.keys(require.cache).map((file) => require("node:url").pathToFileURL(file).href + "\\n").join("")));\n`,
  );
  const traced = spawnSync(
    process.execPath,
    ["--require", requires, "--import", register, resolve("dist/generator/cli/bin.cjs"), ...args],
    { cwd, encoding: "utf8", env: { ...process.env, ...env } },
  );
  const root = pathToFileURL(resolve(".")).href;
  const files = [
    ...new Set(
      readFileSync(list, "utf8")
        .split("\n")
        .filter((url) => url.startsWith("file:") && url !== pathToFileURL(requires).href),
    ),
  ].map((url) => (url.startsWith(`${root}/`) ? url.slice(root.length + 1) : url));
  const bundled = JSON.parse(readFileSync("dist/generator/cli/bundle-inputs.json", "utf8")) as Record<string, string[]>;
  const sources = files.flatMap(
    (file) =>
      bundled[file.replace(/^dist\/generator\/cli\//, "")] ?? [file.replace(/^dist\//, "").replace(/\.js$/, ".ts")],
  );
  return { stdout: traced.stdout, files, sources };
}
