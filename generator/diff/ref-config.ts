// The config a git ref was generated with. A side read at a ref is read as that ref's own config says (its spec
// folders, output folder and vendors), never as the working tree's: a pull request that moves the spec folder,
// renames the output folder or drops a vendor through its config changes what is generated, and a base read through
// the pull request's config would change with it, so the gate would pass a breaking change.
import { realpathSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { isWithin } from "../common/paths.js";
import { maxSpecFileBytes } from "../common/read-file.js";
import {
  applyOverrides,
  configFileName,
  configFromSettings,
  defaultConfig,
  type Config,
  type ConfigOverrides,
  type ConfigSettings,
} from "../config/config.js";
import { CatFile } from "./git-batch.js";
import { folderMode, GitTree, submoduleMode } from "./git-tree.js";
import { SideError } from "./side-error.js";
import { manifestName } from "../write/plan.js";

/**
 * The config file the search (config/discover.ts: --config, else the nearest statespec.config.yaml from `cwd` up to
 * the repository's top) finds at `commit`, read with the command line's overrides. Where the ref has none, the
 * defaults (the shipped specs, out/): what a checkout of it would generate.
 */
export async function configAtRef(
  commit: string,
  label: string,
  top: string,
  cwd: string,
  overrides: ConfigOverrides,
): Promise<{ config?: Config; notInUse?: true; diagnostics: Diagnostic[] }> {
  const here = realpathSync(cwd);
  const candidates: string[] = [];
  if (overrides.config !== undefined) candidates.push(resolve(cwd, overrides.config));
  else
    for (let folder = here; isWithin(top, folder); folder = dirname(folder)) {
      candidates.push(join(folder, configFileName));
      if (folder === top || folder === dirname(folder)) break;
    }
  const inRepository = (path: string) => relative(top, path).split("\\").join("/");
  const objects = new CatFile(top, ["--batch"]);
  try {
    const tree = await GitTree.open(objects, commit);
    for (const path of candidates) {
      if (!isWithin(top, path)) continue;
      const inRepo = inRepository(path);
      const found = await tree.resolve(inRepo);
      const file = `${label}:${inRepo}`;
      if (found.kind === "outside")
        throw new SideError(`at '${label}', the config ${inRepo} is a link that leaves the repository`, 2);
      if (found.kind === "broken") return unreadable(file, `the link ${found.link}: ${found.why}`);
      if (found.kind !== "found" || [folderMode, submoduleMode].includes(found.entry.mode)) continue;
      objects.ask(found.entry.oid);
      const answer = await objects.answer(maxSpecFileBytes);
      await objects.close();
      if ("absent" in answer || answer.bytes === undefined)
        return unreadable(file, "absent" in answer ? "cannot read it" : `over ${maxSpecFileBytes} bytes`);
      return await readAtRef(path, answer.bytes, file, cwd, overrides);
    }
    const defaults = applyOverrides(defaultConfig(cwd), overrides, cwd);
    // No config, and no manifest where its defaults would have written one: statespec did not run at this ref (the
    // base of the pull request that adopts it). It is a side without vendors, rather than the shipped ones, whose
    // "removal" would fail that pull request for vendors it never had. --spec names the folders itself.
    const manifest = inRepository(join(defaults.out, manifestName));
    const found =
      overrides.spec === undefined && isWithin(top, defaults.out) ? await tree.resolve(manifest) : undefined;
    await objects.close();
    if (found?.kind === "absent")
      return { config: { ...defaults, specs: [], shippedSpecs: [] }, notInUse: true, diagnostics: [] };
    return { config: defaults, diagnostics: [] };
  } finally {
    objects.stop();
  }
}

const unreadable = (file: string, why: string) => ({
  diagnostics: [diagnostic("config-invalid", `the config at this ref: ${why}`, { file })],
});

/**
 * The settings that decide what a ref generated, `specs`, `out` and `vendors`, read from its config; the others are
 * left at their defaults. Not the full reader's checks: a base written for an earlier statespec, whose rules were
 * looser, must stay readable, or every pull request (the one that fixes the config too) would fail. A file that is
 * not YAML, or those three of the wrong type, make the side invalid.
 */
async function readAtRef(path: string, bytes: Buffer, file: string, cwd: string, overrides: ConfigOverrides) {
  const { parseSpecText } = await import("../load/load.js");
  const parsed = parseSpecText(file, bytes);
  if (!parsed.file) return { diagnostics: parsed.diagnostics };
  const data = (parsed.file.data ?? {}) as Record<string, unknown>;
  const strings = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === "string");
  const settings: ConfigSettings = {};
  for (const key of ["specs", "vendors"] as const) {
    if (data[key] === undefined) continue;
    if (!strings(data[key])) return unreadable(file, `${key} is not a list of names`);
    settings[key] = data[key] as string[];
  }
  if (data.out !== undefined && typeof data.out !== "string") return unreadable(file, "out is not a folder name");
  if (typeof data.out === "string") settings.out = data.out;
  // Its paths are relative to its folder, which is this config's folder in the working tree.
  const config = configFromSettings(settings, path, cwd);
  return { config: applyOverrides(config, overrides, cwd), diagnostics: [] };
}
