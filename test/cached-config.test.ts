// The no-op run's config (generator/config/cached-config.ts): the settings the one config reader (yaml and the
// schema, config.ts) read from a file's bytes, kept in the settings cache (settings-cache.ts). What it gives must be
// what the full reader gives, and whatever was not read from these very bytes it must not give at all.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shippedSpecFolder } from "../generator/common/package-root.js";
import { cachedConfig } from "../generator/config/cached-config.js";
import { loadConfig } from "../generator/config/config.js";
import { userCacheFolder } from "../generator/common/user-cache.js";
import { starterConfig } from "../generator/config/starter.js";

let cache: string;
const before = process.env.STATESPEC_CACHE_DIR;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), "statespec-settings-cache-"));
  process.env.STATESPEC_CACHE_DIR = cache;
});
afterEach(() => {
  if (before === undefined) delete process.env.STATESPEC_CACHE_DIR;
  else process.env.STATESPEC_CACHE_DIR = before;
});

function project(text: string): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-cached-config-"));
  mkdirSync(join(folder, "spec"));
  writeFileSync(join(folder, "statespec.config.yaml"), text);
  return folder;
}

/** The full reader's config without what only it records (the settings' lines, for its diagnostics). */
const withoutPositions = (config: object) => ({
  ...config,
  specsAt: undefined,
  vendorsAt: undefined,
  outAt: undefined,
  specsFromOption: undefined,
});

const configs: [string, string][] = [
  ["the config `statespec init` writes", starterConfig({ vendor: "acme", out: "generated" })],
  ["flow lists and comments", "specs: [spec, statespec:builtin] # both\nout: gen\nartifacts: [typescript]\n"],
  ["a flow mapping", "{ out: gen, vendors: [openstack] }\n"],
  ["an anchor and an alias", "out: &dir gen\nschemaBaseUri: https://example.com/s/\nspecs: [*dir]\n"],
  ["escapes in a quoted string", 'out: "g\\u0065n"\n'],
  ["failOn", "failOn: warning\n"],
  ["comments only", "# nothing set\n"],
];

describe("the no-op run's config: the full reader's reading of the same bytes", () => {
  it.each(configs)("gives nothing before a full read, then what the full reader read: %s", async (_, text) => {
    const folder = project(text);
    expect(cachedConfig(folder, {})).toBeUndefined();
    const full = await loadConfig(folder);
    expect(full.diagnostics).toEqual([]);
    expect(cachedConfig(folder, {})).toEqual(withoutPositions(full.config!));
    // Overrides apply as they do to the full reader's config.
    const overrides = { out: "elsewhere", enumStyle: "const" };
    expect(cachedConfig(folder, overrides)).toEqual(withoutPositions((await loadConfig(folder, overrides)).config!));
  });

  it("gives nothing for edited bytes, for the same bytes at another path, or from a damaged entry", async () => {
    const folder = project("out: gen\n");
    await loadConfig(folder);
    expect(cachedConfig(folder, {})?.out).toBe(join(folder, "gen"));
    writeFileSync(join(folder, "statespec.config.yaml"), "out: gen \n");
    expect(cachedConfig(folder, {})).toBeUndefined();
    const other = project("out: gen \n");
    expect(cachedConfig(other, {})).toBeUndefined();
    await loadConfig(folder);
    expect(cachedConfig(folder, {})?.out).toBe(join(folder, "gen"));
    const entries = readdirSync(userCacheFolder("config")!);
    expect(entries).toHaveLength(2);
    for (const [index, damaged] of ['{"out": 1}', '{"output": "gen"}', "[]", "{", '{"specs": "spec"}'].entries()) {
      for (const entry of entries) writeFileSync(join(userCacheFolder("config")!, entry), damaged);
      expect(cachedConfig(folder, {}), `damaged entry ${index}`).toBeUndefined();
    }
  });

  it("has no cache when STATESPEC_CACHE_DIR is empty, and caches no config the full reader refused", async () => {
    const refused = project("out: 'C:\\gen'\n");
    expect((await loadConfig(refused)).diagnostics.map((d) => d.code)).toEqual(["config-invalid"]);
    expect(cachedConfig(refused, {})).toBeUndefined();
    expect(readdirSync(cache)).toEqual([]);
    process.env.STATESPEC_CACHE_DIR = "";
    const folder = project("out: gen\n");
    expect((await loadConfig(folder)).diagnostics).toEqual([]);
    expect([userCacheFolder("config"), cachedConfig(folder, {}), readdirSync(cache)]).toEqual([
      undefined,
      undefined,
      [],
    ]);
  });

  it("from a subfolder: the nearest config upward, paths relative to it; no config is left to the full CLI", async () => {
    const outer = mkdtempSync(join(tmpdir(), "statespec-discover-"));
    writeFileSync(join(outer, "statespec.config.yaml"), "out: outer\n");
    const inner = join(outer, "project");
    const deep = join(inner, "a", "b");
    mkdirSync(deep, { recursive: true });
    mkdirSync(join(inner, "spec"));
    writeFileSync(join(inner, "statespec.config.yaml"), "specs: [statespec:builtin, spec]\nout: gen\n");
    const full = (await loadConfig(deep)).config!;
    expect(cachedConfig(deep, {})).toEqual(withoutPositions(full));
    expect([full.out, full.specs, full.configPath]).toEqual([
      join(inner, "gen"),
      [shippedSpecFolder(), join(inner, "spec")],
      join(inner, "statespec.config.yaml"),
    ]);
    // Without a config of its own, the project finds the one above it, until it is a repository of its own.
    rmSync(join(inner, "statespec.config.yaml"));
    expect((await loadConfig(deep)).config!.out).toBe(join(outer, "outer"));
    expect(cachedConfig(deep, {})?.out).toBe(join(outer, "outer"));
    mkdirSync(join(inner, ".git"));
    expect((await loadConfig(deep)).config!.notice).toBeDefined();
    // The full CLI says that it uses the shipped specs: the no-op path leaves that run to it.
    expect(cachedConfig(deep, {})).toBeUndefined();
  });
});
