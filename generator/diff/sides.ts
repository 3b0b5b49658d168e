// A side of a diff: a spec folder, or the spec folders of the current repository at a git ref.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../common/diagnostics.js";
import type { Model } from "../model/model.js";
import { displayPath } from "../common/paths.js";
import { buildModel } from "../compile/compile.js";
import { copySpecsAtRef, type RefFolder } from "./ref-specs.js";
import { nameSide, pathInRepository, refuseLinksOut, repositoryTop, type SideName } from "./repository.js";
import { SideError } from "./side-error.js";

export { SideError };

export interface Side {
  label: string;
  model?: Model;
  diagnostics: Diagnostic[];
}

/** The spec folders of the config, and which of them are the installed package's (`statespec:builtin`). */
export interface SpecFolders {
  specs: readonly string[];
  shippedSpecs: readonly string[];
}

/**
 * Both sides. Each of `base` and `head` names a folder or a git ref, never both (see repository.ts); a ref's copy
 * of each spec folder is read from git (the working tree is not touched). `head` undefined: the spec folders as
 * they are now, held against a ref by the ref's rules.
 */
export async function loadSides(
  base: string,
  head: string | undefined,
  folders: SpecFolders,
  cwd: string,
): Promise<{ base: Side; head: Side }> {
  const baseName = await nameSide(base, "--base", cwd);
  const headName = head === undefined ? undefined : await nameSide(head, "--head", cwd);
  const ref = "commit" in baseName ? base : headName !== undefined && "commit" in headName ? head : undefined;
  let top = "";
  let inRepo: string[] = [];
  if (ref !== undefined) {
    top = await repositoryTop(cwd);
    const userFolders = folders.specs.filter((spec) => !folders.shippedSpecs.includes(spec));
    inRepo = userFolders.map((folder) => pathInRepository(folder, top, cwd, ref));
    if (headName === undefined) for (const folder of userFolders) refuseLinksOut(folder, top, cwd);
  }
  const load = (name: SideName | undefined, label: string) => {
    if (name === undefined) return loadWorkingTree(folders);
    if ("commit" in name) return loadRef(name.commit, label, top, folders, inRepo, cwd);
    return loadFolder(name.folder, label, folders);
  };
  return { base: await load(baseName, base), head: await load(headName, head ?? "") };
}

async function loadWorkingTree(folders: SpecFolders): Promise<Side> {
  return { label: "working tree", ...(await buildModel(folders.specs)) };
}

/**
 * A folder stands for the user's folders; shipped specs come from the installed package on both sides, where the
 * first user folder stands in the config's order.
 */
async function loadFolder(folder: string, label: string, folders: SpecFolders): Promise<Side> {
  const shipped = (spec: string) => folders.shippedSpecs.includes(spec);
  const userFolders = folders.specs.filter((spec) => !shipped(spec));
  const at = userFolders.length === 0 ? folders.specs.length : folders.specs.indexOf(userFolders[0]);
  const specs = [...folders.specs.slice(0, at).filter(shipped), folder, ...folders.specs.slice(at).filter(shipped)];
  return { label, ...(await buildModel(specs)) };
}

/** `inRepo`: the path in the repository of each user folder, in the config's order. */
async function loadRef(
  commit: string,
  label: string,
  top: string,
  folders: SpecFolders,
  inRepo: readonly string[],
  cwd: string,
): Promise<Side> {
  let temp: string;
  try {
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
    const { copied, diagnostics: unread } = await copySpecsAtRef(commit, label, top, wanted, scratch);
    const copies = wanted.filter((folder) => copied.includes(folder));
    // Shipped specs keep their place in the config's order; a user folder the ref does not have is left out.
    const specs = folders.specs.flatMap((spec) =>
      folders.shippedSpecs.includes(spec)
        ? [spec]
        : copies.filter((copy) => copy.folder === spec).map((copy) => copy.copy),
    );
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
    return { label, model: hasErrors(unread) ? undefined : built.model, diagnostics };
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
