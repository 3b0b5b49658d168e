// The built executable answers a no-op `generate` before loading the CLI (generator/cli/up-to-date.ts): it must print
// exactly what the full path prints, hand every other case to the full path, and load only what it needs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runBuilt } from "./helpers.js";

describe("no-op generate, answered before the CLI loads", () => {
  it("prints what the full path prints, leaves foreign files to it, and loads no stage it does not need", async () => {
    const out = mkdtempSync(join(tmpdir(), "statespec-noop-"));
    expect((await runBuilt(["generate", "--out", out])).code).toBe(0);

    // --full always takes the full path (load, emit, compare); on a current out/ it must say the same.
    const [fast, full, fastCheck, fullCheck] = await Promise.all([
      runBuilt(["generate", "--out", out]),
      runBuilt(["generate", "--full", "--out", out]),
      runBuilt(["generate", "--check", `--out=${out}`]),
      runBuilt(["generate", "--check", "--full", "--out", out]),
    ]);
    expect(fast.stdout).toMatch(/^wrote 0 file\(s\), 37 unchanged, removed 0 in /);
    expect([fast.code, fast.stdout, fast.stderr]).toEqual([full.code, full.stdout, ""]);
    expect(fastCheck.stdout).toMatch(/ is up to date \(37 files\)\n$/);
    expect([fastCheck.code, fastCheck.stdout, fastCheck.stderr]).toEqual([fullCheck.code, fullCheck.stdout, ""]);

    // Which modules the no-op run loads, recorded by a module hook.
    const list = join(out, "..", `${out.split("/").pop()}-modules.txt`);
    const hooks = `data:text/javascript,${encodeURIComponent(`import { appendFileSync } from "node:fs"; export async function load(url, context, next) { appendFileSync(${JSON.stringify(list)}, url + "\\n"); return next(url, context); }`)}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from "node:module"; register(${JSON.stringify(hooks)});`)}`;
    // The hook sees ES modules; what require() loads (ajv's code is CommonJS) is read from require.cache at exit.
    const requires = join(out, "..", `${out.split("/").pop()}-require.cjs`);
    writeFileSync(requires, `process.on("exit", () => require("node:fs").appendFileSync(${JSON.stringify(list)}, Object.keys(require.cache).map((file) => require("node:url").pathToFileURL(file).href + "\\n").join("")));\n`);
    const traced = spawnSync(process.execPath, ["--require", requires, "--import", register, resolve("dist/generator/cli/bin.js"), "generate", "--check", "--out", out], { encoding: "utf8" });
    expect(traced.stdout).toMatch(/ is up to date \(37 files\)\n$/);
    const dist = pathToFileURL(resolve("dist/generator")).href;
    const loaded = readFileSync(list, "utf8").split("\n").filter((url) => url.startsWith("file:"));
    expect(loaded).toContain(`${dist}/cli/up-to-date.js`);
    for (const module of ["cli/main.js", "cli/commands/index.js", "compile/compile.js", "compile/stages.js", "write/write.js", "write/staging.js", "write/commit.js"]) expect(loaded, module).not.toContain(`${dist}/${module}`);
    // This project has a statespec.config.yaml: the YAML parser reads it and its validator, compiled at build time,
    // needs ajv's small runtime helpers; nothing else (no ajv compiler, handlebars, ts-morph).
    const dependencies = loaded.filter((url) => url.includes("/node_modules/")).map((url) => url.replace(/^.*\/node_modules\//, ""));
    expect([...new Set(dependencies.map((path) => path.split("/")[0]))].sort(), "no dependency but yaml and ajv's runtime").toEqual(["ajv", "fast-deep-equal", "yaml"]);
    expect(dependencies.filter((path) => path.startsWith("ajv/") && !path.startsWith("ajv/dist/runtime/")), "ajv's runtime only, not its compiler").toEqual([]);
    expect(loaded.some((url) => url.endsWith("/config/config-validator.cjs")), "the config's validator, compiled at build time").toBe(true);

    // A file statespec did not write changes what both commands print: the full path reports it.
    writeFileSync(join(out, "notes.txt"), "mine\n");
    const foreign = await runBuilt(["generate", "--check", "--out", out]);
    expect(foreign.code).toBe(1);
    expect(foreign.stdout + foreign.stderr).toContain("foreign:");
  }, 60_000);
});
