// The compiled code statespec keeps (generator/common/compile-cache.ts): on Node 20, which has no compile cache of its
// own, and on every version for the TypeScript thread, whose code is mostly compiled after loading, where Node's cache
// does not reach: an entry per large CommonJS module, made once, read back on the next run, replaced when V8 rejects
// it, and never a change of what a run writes. Elsewhere on Node 22.1+ Node's own cache is used.
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeBinary } from "../bench/nodes.mjs";
import { files, tempProject } from "./helpers/folders.js";

const builtCli = resolve("dist/generator/cli/bin.cjs");

// Both sides of the switch, whatever Node runs the tests (in npm test, Node 24): Node 20, where statespec keeps the
// cache, and Node 24, where Node keeps its own and statespec keeps the TypeScript thread's.
describe.each([
  { major: "20", hasOwnCache: false },
  { major: "24", hasOwnCache: true },
])("the compiled code kept between runs, on Node $major", ({ major, hasOwnCache }) => {
  const node = nodeBinary(major, process.cwd());
  /** The Node binary of this side, or the test skipped (failed where every tool is required) without one. */
  const nodeOrSkip = (context: { skip: (note: string) => void }) => {
    const reason = `no Node ${major}: set STATESPEC_NODE${major} to its binary (bench/nodes.mjs says where it looks)`;
    if (node === undefined && process.env.STATESPEC_REQUIRE_TOOLS === "1") throw new Error(reason);
    if (node === undefined) context.skip(reason);
    return node!;
  };

  it("is made once, read back, replaced when damaged, and never changes the output", async (context) => {
    const node = nodeOrSkip(context);
    const cache = mkdtempSync(join(tmpdir(), "statespec-code-cache-"));
    // TypeScript output, whose compiler's modules are the large ones cached; of the minimal spec, as the modules
    // load and compile the same whatever the spec, and a larger one only lengthens each of the four runs.
    const project = tempProject("test/fixtures/valid-minimal/spec", "artifacts: [typescript]\n");
    // The built CLI as a process, one run at a time; spawned here rather than by the helper (helpers/cli.ts), which
    // loads the whole CLI into this worker to run it in-process too.
    const generate = async (out: string, env: NodeJS.ProcessEnv = {}) => {
      // Without the TypeScript emitter's record (compile/typescript-record.ts), every run loads the compiler.
      rmSync(join(cache, "typescript"), { recursive: true, force: true });
      const run = spawnSync(node, [builtCli, "generate", "--out", out], {
        cwd: project,
        env: { ...process.env, STATESPEC_CACHE_DIR: cache, ...env },
        encoding: "utf8",
        timeout: 45_000,
      });
      expect(run.stderr).not.toContain("internal error");
      expect(run.status).toBe(0);
      return files(join(project, out));
    };
    // Each entry's file: written again is a new file (an entry is written whole and renamed into place); a read
    // only marks it used (its time), for the pruning below.
    const entries = () => {
      const folder = join(cache, "v8-code");
      const names = readdirSync(folder).sort();
      return new Map(names.map((name) => [name, statSync(join(folder, name)).ino]));
    };
    const first = await generate("first");
    const made = entries();
    // ts-morph's and TypeScript's modules at least, each in a file of its own; no temporary file left.
    expect(made.size).toBeGreaterThanOrEqual(2);
    for (const name of made.keys()) expect(name).toMatch(/^[0-9a-f]{64}\.bin$/);
    expect(await generate("second")).toEqual(first);
    // Accepted: nothing written again.
    expect(entries()).toEqual(made);
    const [largest] = [...made.keys()].sort(
      (a, b) => statSync(join(cache, "v8-code", b)).size - statSync(join(cache, "v8-code", a)).size,
    );
    const damaged = join(cache, "v8-code", largest!);
    writeFileSync(damaged, Buffer.alloc(4096, 0x5a));
    expect(await generate("third")).toEqual(first);
    // Rejected by V8, so compiled from the source, and replaced by a good entry.
    expect(readFileSync(damaged).equals(Buffer.alloc(4096, 0x5a))).toBe(false);
    expect(statSync(damaged).size).toBeGreaterThan(4096);
    // V8 rejects code cached under other flags: a run with other flags keeps entries of its own and leaves these.
    // The cache keeps the 16 entries used last: 20 entries of earlier versions (a day old, oldest first) are pruned
    // by the run that writes new ones, the oldest first.
    const kept = entries();
    const earlier = Array.from({ length: 20 }, (_, index) => `${index.toString(16).padStart(64, "0")}.bin`);
    earlier.forEach((name, index) => {
      const file = join(cache, "v8-code", name);
      writeFileSync(file, "old");
      const time = new Date(Date.now() - 86_400_000 + index * 1000);
      utimesSync(file, time, time);
    });
    expect(await generate("fourth", { NODE_OPTIONS: "--max-old-space-size=300" })).toEqual(first);
    const after = entries();
    for (const [name, inode] of kept) expect(after.get(name), name).toBe(inode);
    const fresh = [...after.keys()].filter((name) => !kept.has(name) && !earlier.includes(name));
    expect(fresh.length).toBe(kept.size);
    expect(after.size).toBe(16);
    expect([...after.keys()].filter((name) => earlier.includes(name))).toEqual(earlier.slice(4 + 2 * kept.size));
  }, 60_000);

  it("leaves to Node's loader what is not a large plain CommonJS module, which loads as without it", (context) => {
    const node = nodeOrSkip(context);
    const folder = mkdtempSync(join(tmpdir(), "statespec-code-cache-modules-"));
    // Each over the size the cache takes: a CommonJS module, an ES module by its extension, a .js file Node
    // detects as an ES module by its syntax, one that is an ES module by its package's type alone (no import or
    // export: as CommonJS it would compile, with another `this`), and a CommonJS module that does not compile.
    const padding = `/*${"x".repeat(70 * 1024)}*/\n`;
    const sources = {
      "plain.cjs": "module.exports = { x: 42, self: this === module.exports, paths: typeof require.resolve.paths };",
      "module.mjs": "export const y = 7;",
      "detected.js": "export const z = 9;",
      "typed/module.js": "globalThis.thisInTyped = String(this);",
      "broken.cjs": "const a = ;",
    };
    mkdirSync(join(folder, "typed"));
    writeFileSync(join(folder, "typed", "package.json"), '{ "type": "module" }\n');
    for (const [name, source] of Object.entries(sources)) writeFileSync(join(folder, name), padding + source);
    const cacheModule = pathToFileURL(resolve("dist/generator/common/compile-cache.js")).href;
    const script = `
      if (process.env.HOOK) (await import(${JSON.stringify(cacheModule)})).keepCompiledCode(process.env.HOOK === "whole");
      const require = (await import("node:module")).createRequire(${JSON.stringify(join(folder, "x.cjs"))});
      for (const name of ${JSON.stringify(Object.keys(sources))}) {
        let seen;
        try { seen = { ...require("./" + name) }; } catch (error) { seen = error.name + ": " + error.message; }
        console.log(name, JSON.stringify(seen));
      }
      console.log("this in typed/module.js:", globalThis.thisInTyped);`;
    const load = (hook?: "cli" | "whole") => {
      const cache = mkdtempSync(join(tmpdir(), "statespec-code-cache-"));
      const env = { ...process.env, STATESPEC_CACHE_DIR: cache, ...(hook ? { HOOK: hook } : {}) };
      const printed = execFileSync(node, ["--input-type=module", "-e", script], { env, encoding: "utf8" });
      const entries = join(cache, "v8-code");
      return { printed, entries: existsSync(entries) ? readdirSync(entries).length : 0 };
    };
    const plain = load();
    expect(plain.printed).toContain('plain.cjs {"x":42,"self":true,"paths":"function"}');
    expect(plain.printed).toContain("broken.cjs \"SyntaxError: Unexpected token ';'\"");
    expect(plain.printed).toContain("this in typed/module.js: undefined");
    const hooked = load("cli");
    expect(hooked.printed).toBe(plain.printed);
    // Only the plain CommonJS module went through the cache (on Node 22+ Node's own cache is used instead, but for
    // the TypeScript thread, above).
    expect(hooked.entries).toBe(hasOwnCache ? 0 : 1);
    // As the TypeScript thread installs it, on every version: the same loading, and the one plain module cached.
    const whole = load("whole");
    expect(whole.printed).toBe(plain.printed);
    expect(whole.entries).toBe(1);
  });
});
