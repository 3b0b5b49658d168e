// The TypeScript emitter's record (generator/compile/typescript-record.ts): a `generate` of specs whose TypeScript
// this user's statespec emitted before takes the files from the record instead of loading ts-morph. It must give
// the bytes the emitter gives, be used only for the same specs, vendors and enum style, and be ignored when it is
// not a record. The built executable as a process: only there does the emitter run in the thread the record
// replaces (from the sources, tests emit in-process). One cache for the whole file, in order: a run that misses the
// record loads the compiler (most of its CPU), so the file makes each miss it needs once.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuilt } from "./helpers/cli.js";
import { tree } from "./helpers/folders.js";

const minimal = readFileSync(resolve("test/fixtures/valid-minimal/spec/base.yaml"), "utf8");
// Two vendors: the minimal spec's, and a copy of it as another document and vendor.
const second = minimal.replace(/^id: base$/m, "id: second").replace(/^ {2}id: acme$/m, "  id: zenith");

/** A project of its own with the two specs, and the cache folder `cache` (shared by the projects given it). */
function project(cache: string, settings = ""): { folder: string; env: NodeJS.ProcessEnv } {
  const folder = mkdtempSync(join(tmpdir(), "statespec-ts-record-"));
  mkdirSync(join(folder, "specs"));
  writeFileSync(join(folder, "specs", "base.yaml"), minimal);
  writeFileSync(join(folder, "specs", "second.yaml"), second);
  // TypeScript with one other kind: a second kind shows the run went on as usual around the record.
  const config = `specs: [specs]\nout: generated\nartifacts: [typescript, states]\n${settings}`;
  writeFileSync(join(folder, "statespec.config.yaml"), config);
  return { folder, env: { STATESPEC_CACHE_DIR: cache } };
}

async function generate({ folder, env }: { folder: string; env: NodeJS.ProcessEnv }): Promise<Record<string, string>> {
  const run = await runBuilt(["generate"], { cwd: folder, env });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return tree(join(folder, "generated"));
}

const records = (cache: string) => readdirSync(join(cache, "typescript")).filter((name) => name.endsWith(".json"));

// The header's content hash is of the contents as the run wrote them: compared apart from the first line.
const body = (text: string | undefined) => text?.split("\n").slice(1).join("\n");

describe("the TypeScript record", () => {
  const cache = mkdtempSync(join(tmpdir(), "statespec-ts-record-cache-"));
  let first: Record<string, string>;
  let path: string;

  it("gives another project with the same specs the emitter's bytes, and is what that run used", async () => {
    first = await generate(project(cache));
    expect(records(cache)).toHaveLength(1);
    // Same specs elsewhere, run from elsewhere: the same files, every one, byte for byte.
    expect(await generate(project(cache))).toEqual(first);
    // Marked, the record shows itself in the output: the run took the TypeScript from it, not from the emitter.
    path = join(cache, "typescript", records(cache)[0]!);
    const record = JSON.parse(readFileSync(path, "utf8")) as { files: { path: string; contents: string }[] };
    expect(record.files.map((file) => file.path).sort()).toEqual(["acme/index.ts", "zenith/index.ts"]);
    for (const file of record.files) file.contents += "// from the record\n";
    writeFileSync(path, JSON.stringify(record));
    const marked = await generate(project(cache));
    expect(body(marked["acme/index.ts"])).toBe(`${body(first["acme/index.ts"])}// from the record\n`);
    expect(marked["acme/states.json"]).toBe(first["acme/states.json"]);
  });

  // Not JSON is no entry to any of the cache's readers (user-cache.ts); a path out of out/ is this reader's own check.
  it("is ignored when it is not a record (a path that leaves out/), and is then made again", async () => {
    for (const contents of [JSON.stringify({ files: [{ path: "../escaped.ts", contents: "" }] })]) {
      writeFileSync(path, contents);
      const target = project(cache);
      expect(await generate(target), contents).toEqual(first);
      expect(readdirSync(target.folder).sort()).toEqual(["generated", "specs", "statespec.config.yaml"]);
      expect(JSON.parse(readFileSync(path, "utf8"))).toHaveProperty("files");
    }
  });

  it("is not taken for another enum style or another choice of vendors; the 256 used last are kept", async () => {
    // 262 older entries (a long --watch session), and the first record older still: a run that takes it marks it
    // used, so each new record removes the oldest of the planted ones instead.
    const planted = Array.from({ length: 262 }, (_, index) => `${index.toString(16).padStart(40, "0")}.json`);
    for (const [index, name] of planted.entries()) {
      writeFileSync(join(cache, "typescript", name), "{}\n");
      utimesSync(join(cache, "typescript", name), 1_000_000 + index, 1_000_000 + index);
    }
    utimesSync(path, 999_999, 999_999);
    expect(await generate(project(cache))).toEqual(first);
    const consts = await generate(project(cache, "enumStyle: const\n"));
    expect(consts["acme/index.ts"]).toContain("} as const;");
    expect(consts["acme/index.ts"]).not.toContain("export enum");
    const one = await generate(project(cache, "vendors: [zenith]\n"));
    expect(Object.keys(one).filter((file) => file.endsWith("index.ts"))).toEqual(["zenith/index.ts"]);
    // 263 entries, then two new records: the 253 planted ones used last are left, with the three records.
    expect(records(cache)).toHaveLength(256);
    expect(records(cache)).toContain(basename(path));
    expect(
      records(cache)
        .filter((name) => planted.includes(name))
        .sort(),
    ).toEqual(planted.slice(9));
    // And both vendors again after one: the record of both, not of the one.
    expect(await generate(project(cache))).toEqual(first);
  });
});
