// The config a git ref was generated with. A side read at a ref is read as that ref's own config says (its spec
// folders, output folder and vendors), not as the working tree's: a pull request that moves the spec folder, renames
// the output folder or drops a vendor through its config changes what is generated, and a base read through the
// pull request's config would change with it, so the gate would pass a breaking change.
import { realpathSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { isWithin } from "../common/paths.js";
import { maxSpecFileBytes } from "../common/read-file.js";
import {
  applyOverrides,
  configFileName,
  configFromBytes,
  type Config,
  type ConfigOverrides,
} from "../config/config.js";
import { CatFile } from "./git-batch.js";
import { folderMode, GitTree, submoduleMode } from "./git-tree.js";

/**
 * The config file the search (config/discover.ts: --config, else the nearest statespec.config.yaml from `cwd` up to
 * the repository's top) finds at `commit`, read with the command line's overrides; undefined when the ref has none
 * there, and then the working tree's config stands for it (a project that committed its config later).
 */
export async function configAtRef(
  commit: string,
  label: string,
  top: string,
  cwd: string,
  overrides: ConfigOverrides,
): Promise<{ config?: Config; diagnostics: Diagnostic[] } | undefined> {
  const here = realpathSync(cwd);
  if (!isWithin(top, here)) return undefined;
  const candidates: string[] = [];
  if (overrides.config !== undefined) candidates.push(resolve(cwd, overrides.config));
  else
    for (let folder = here; isWithin(top, folder); folder = dirname(folder)) {
      candidates.push(join(folder, configFileName));
      if (folder === top || folder === dirname(folder)) break;
    }
  const objects = new CatFile(top, ["--batch"]);
  try {
    const tree = await GitTree.open(objects, commit);
    for (const path of candidates) {
      if (!isWithin(top, path)) continue;
      const inRepo = relative(top, path).split("\\").join("/");
      const found = await tree.resolve(inRepo);
      if (found.kind !== "found" || [folderMode, submoduleMode].includes(found.entry.mode)) continue;
      const file = `${label}:${inRepo}`;
      objects.ask(found.entry.oid);
      const answer = await objects.answer(maxSpecFileBytes);
      await objects.close();
      if ("absent" in answer || answer.bytes === undefined) {
        const why = "absent" in answer ? "cannot read it" : `over ${maxSpecFileBytes} bytes`;
        return { diagnostics: [diagnostic("config-invalid", `the config at this ref: ${why}`, { file })] };
      }
      // Its paths are relative to its folder, which is this config's folder in the working tree.
      const read = await configFromBytes(path, answer.bytes, cwd, file);
      return read.config ? { config: applyOverrides(read.config, overrides, cwd), diagnostics: [] } : read;
    }
    await objects.close();
    return undefined;
  } finally {
    objects.stop();
  }
}
