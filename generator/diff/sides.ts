// A side of a diff: a spec folder, or the spec folders of the current repository at a git ref.
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../common/diagnostics.js";
import type { Model } from "../model/model.js";
import { displayPath } from "../common/paths.js";
import { buildModel } from "../compile/compile.js";
import { copySpecsAtRef, type RefFolder } from "./ref-specs.js";
import { nameSide, pathInRepository, refuseLinksOut, repositoryTop, type SideName } from "./repository.js";
import { SideError } from "./side-error.js";
import { generatorVersion } from "../common/version.js";
import { shippedRecordFolder } from "../load/shipped-record.js";
import { recordedVersion } from "./recorded-version.js";
import { configAtRef } from "./ref-config.js";
import type { Config, ConfigOverrides } from "../config/config.js";

export { SideError };

export interface Side {
  label: string;
  /** The config the side was read by: a ref's own, or its defaults where it has none (ref-config.ts); else the
   * working tree's (the working tree, a folder). */
  config: Config;
  model?: Model;
  /** A ref where statespec did not run (no config, no manifest in the default output folder): no vendors. */
  notInUse?: true;
  diagnostics: Diagnostic[];
  /**
   * Where the side's shipped specs came from, when the config uses them: the installed package, or the record a
   * `generate` at the ref committed in the output folder (load/shipped-record.ts), with that run's version.
   */
  shipped?:
    | { from: "installed"; version: string; refWithoutRecord?: true }
    | { from: "record"; version?: string; folder: string };
}

/**
 * Both sides. Each of `base` and `head` names a folder or a git ref, never both (see repository.ts); a ref's copy
 * of each spec folder is read from git (the working tree is not touched), as the config the ref holds names them
 * (ref-config.ts; its defaults where the ref has none). `head` undefined: the spec folders as they are
 * now, held against a ref by the ref's rules.
 */
export async function loadSides(
  base: string,
  head: string | undefined,
  config: Config,
  overrides: ConfigOverrides,
  cwd: string,
): Promise<{ base: Side; head: Side }> {
  const baseName = await nameSide(base, "--base", cwd);
  const headName = head === undefined ? undefined : await nameSide(head, "--head", cwd);
  const ref = "commit" in baseName ? base : headName !== undefined && "commit" in headName ? head : undefined;
  const top = ref !== undefined ? await repositoryTop(cwd) : "";
  if (ref !== undefined && headName === undefined)
    for (const folder of userFolders(config)) {
      // The working tree against a ref: a folder outside the repository has no version there; a link out is refused.
      pathInRepository(folder, top, cwd, ref);
      refuseLinksOut(folder, top, cwd);
    }
  const load = async (name: SideName | undefined, label: string): Promise<Side> => {
    if (name === undefined) return loadWorkingTree(config);
    if (!("commit" in name)) return loadFolder(name.folder, label, config);
    const own = await configAtRef(name.commit, label, top, cwd, overrides);
    // A config the ref holds but that cannot be read: that side cannot be, as with an invalid spec.
    if (own.config === undefined) return { label, config, diagnostics: own.diagnostics };
    const read = own.config;
    if (own.notInUse)
      return { label, config: read, model: { documents: [], vendors: [] }, notInUse: true, diagnostics: [] };
    // Placed in the repository as written, never through this working tree's links: the ref's own are followed.
    const inRepo = userFolders(read).map((folder) => pathInRepository(folder, top, cwd, label, "as written"));
    const record = shippedRecordInRepository(read, top, cwd, label);
    return loadRef(name.commit, label, top, read, { inRepo, record }, cwd);
  };
  return { base: await load(baseName, base), head: await load(headName, head ?? "") };
}

const userFolders = (config: Config) => config.specs.filter((spec) => !config.shippedSpecs.includes(spec));

async function loadWorkingTree(config: Config): Promise<Side> {
  return { label: "working tree", config, ...installed(config), ...(await buildModel(config.specs)) };
}

function installed(folders: Config): Pick<Side, "shipped"> {
  return folders.shippedSpecs.length === 0 ? {} : { shipped: { from: "installed", version: generatorVersion } };
}

/** A ref whose output folder has no record: its shipped specs are the installed ones, and the diff says so. */
function withoutRecord(side: Pick<Side, "shipped">): Pick<Side, "shipped"> {
  return side.shipped?.from === "installed" ? { shipped: { ...side.shipped, refWithoutRecord: true } } : side;
}

/** The output folder's record of the shipped specs, as a path in the repository; undefined where there is none. */
function shippedRecordInRepository(folders: Config, top: string, cwd: string, ref: string): string | undefined {
  if (folders.shippedSpecs.length === 0 || folders.out === undefined) return undefined;
  try {
    return pathInRepository(join(folders.out, shippedRecordFolder), top, cwd, ref, "as written");
  } catch (error) {
    // An output folder outside the repository has no version at the ref: the installed specs stand for both sides.
    if (error instanceof SideError) return undefined;
    throw error;
  }
}

/**
 * A folder stands for the user's folders; shipped specs come from the installed package on both sides, where the
 * first user folder stands in the config's order.
 */
async function loadFolder(folder: string, label: string, folders: Config): Promise<Side> {
  const shipped = (spec: string) => folders.shippedSpecs.includes(spec);
  const userFolders = folders.specs.filter((spec) => !shipped(spec));
  const at = userFolders.length === 0 ? folders.specs.length : folders.specs.indexOf(userFolders[0]);
  const specs = [...folders.specs.slice(0, at).filter(shipped), folder, ...folders.specs.slice(at).filter(shipped)];
  return { label, config: folders, ...installed(folders), ...(await buildModel(specs)) };
}

/**
 * `inRepo`: the path in the repository of each user folder, in the config's order; `record`: that of the output
 * folder's record of the shipped specs, which stands for them at the ref when the ref has it.
 */
async function loadRef(
  commit: string,
  label: string,
  top: string,
  folders: Config,
  paths: { inRepo: readonly string[]; record?: string },
  cwd: string,
): Promise<Side> {
  const { inRepo } = paths;
  let temp: string;
  try {
    // Node 24's mkdtemp makes a missing TMPDIR (and its parents): a folder nobody asked for, outside out/.
    const folder = statSync(tmpdir(), { throwIfNoEntry: false });
    if (!folder?.isDirectory()) throw Object.assign(new Error(tmpdir()), { code: folder ? "ENOTDIR" : "ENOENT" });
    temp = mkdtempSync(join(tmpdir(), "statespec-diff-"));
  } catch (error) {
    throw new SideError(
      `cannot create a temporary folder in ${tmpdir()} (${(error as NodeJS.ErrnoException).code}); ` +
        "set TMPDIR to a writable folder",
      1,
    );
  }
  try {
    const userFolders = folders.specs.filter((spec) => !folders.shippedSpecs.includes(spec));
    const scratch = join(temp, "git");
    mkdirSync(scratch);
    const wanted: (RefFolder & { folder: string })[] = userFolders.map((folder, index) => ({
      folder,
      inRepo: inRepo[index],
      copy: join(temp, String(index)),
    }));
    const recorded =
      paths.record === undefined ? [] : [{ folder: "", inRepo: paths.record, copy: join(temp, "record") }];
    const { copied, diagnostics: unread } = await copySpecsAtRef(commit, label, top, [...wanted, ...recorded], scratch);
    const copies = wanted.filter((folder) => copied.includes(folder));
    const record = recorded.find((folder) => copied.includes(folder));
    // Shipped specs keep their place in the config's order (the ref's record of them where it has one); a user
    // folder the ref does not have is left out.
    const shippedAt = (spec: string) => (record === undefined || spec !== folders.shippedSpecs[0] ? [] : [record.copy]);
    const specs = folders.specs.flatMap((spec) =>
      folders.shippedSpecs.includes(spec)
        ? record === undefined
          ? [spec]
          : shippedAt(spec)
        : copies.filter((copy) => copy.folder === spec).map((copy) => copy.copy),
    );
    if (record) copies.push({ ...record, folder: join(folders.out!, shippedRecordFolder) });
    const shipped: Pick<Side, "shipped"> =
      record === undefined
        ? withoutRecord(installed(folders))
        : {
            shipped: { from: "record", folder: record.inRepo, ...(await recordedVersion(top, commit, record.inRepo)) },
          };
    const built = specs.length === 0 ? { model: emptyModel(), diagnostics: [] } : await buildModel(specs);
    /** A copy's file as `ref:path` (for diagnostics) and as the working tree names it (for the model). */
    const original = (file: string, asRef: boolean) => {
      for (const copy of copies) {
        if (file === displayPath(copy.copy, cwd))
          return asRef ? `${label}:${copy.inRepo || "."}` : displayPath(copy.folder, cwd);
        const prefix = `${displayPath(copy.copy, cwd)}/`;
        if (!file.startsWith(prefix)) continue;
        const name = file.slice(prefix.length);
        return asRef
          ? `${label}:${copy.inRepo === "" ? "" : `${copy.inRepo}/`}${name}`
          : displayPath(join(copy.folder, name), cwd);
      }
      return file;
    };
    const diagnostics = sortDiagnostics([
      ...unread,
      ...built.diagnostics.map((d) => ({ ...d, file: original(d.file, true) })),
    ]);
    if (built.model) renameFiles(built.model, (file) => original(file, false));
    // A file that could not be read makes the side invalid, as it does in the working tree.
    return { label, config: folders, ...shipped, model: hasErrors(unread) ? undefined : built.model, diagnostics };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** A ref from before the project had any spec of its own, and no shipped specs configured. */
function emptyModel(): Model {
  return { documents: [], vendors: [] };
}

/** Every `file` in the model (documents, values, rows), renamed in place. */
function renameFiles(node: unknown, rename: (file: string) => string): void {
  if (Array.isArray(node)) for (const item of node) renameFiles(item, rename);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "file" && typeof value === "string") (node as Record<string, unknown>)[key] = rename(value);
      else renameFiles(value, rename);
    }
  }
}
