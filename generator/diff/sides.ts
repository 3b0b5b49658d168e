// A side of a diff: a spec folder, or the spec folders of the current repository at a git ref.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from "../common/diagnostics.js";
import { maxSpecFileBytes } from "../load/read-file.js";
import type { Model } from "../model/model.js";
import { displayPath } from "../common/paths.js";
import { buildModel } from "../compile/compile.js";

const run = promisify(execFile);

export interface Side {
  label: string;
  model?: Model;
  diagnostics: Diagnostic[];
}

/** A side that cannot be read: a usage error (exit 2: not a folder nor a ref), or the machine failed (exit 1). */
export class SideError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/** The spec folders of the config, and which of them are the installed package's (`statespec:builtin`). */
export interface SpecFolders {
  specs: readonly string[];
  shippedSpecs: readonly string[];
}

/**
 * `ref` names a folder when one exists at that path; otherwise a git ref, whose copy of each spec folder is
 * read with `git show` (the working tree is not touched). undefined: the spec folders as they are now.
 */
export async function loadSide(ref: string | undefined, folders: SpecFolders, cwd: string): Promise<Side> {
  if (ref === undefined) return { label: "working tree", ...(await buildModel(folders.specs)) };
  const shipped = (folder: string) => folders.shippedSpecs.includes(folder);
  const folder = resolve(cwd, ref);
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    // Shipped specs come from the installed package on both sides; the folder stands for the user's folders,
    // where the first of them stands in the config's order.
    const userFolders = folders.specs.filter((spec) => !shipped(spec));
    const at = userFolders.length === 0 ? folders.specs.length : folders.specs.indexOf(userFolders[0]);
    const specs = [...folders.specs.slice(0, at).filter(shipped), folder, ...folders.specs.slice(at).filter(shipped)];
    return { label: ref, ...(await buildModel(specs)) };
  }
  let temp: string;
  try {
    temp = mkdtempSync(join(tmpdir(), "statespec-diff-"));
  } catch (error) {
    throw new SideError(`cannot create a temporary folder in ${tmpdir()} (${(error as NodeJS.ErrnoException).code}); set TMPDIR to a writable folder`, 1);
  }
  try {
    const { top, specs, diagnostics: unread } = await checkoutSpecs(ref, folders, cwd, temp);
    const built = specs.length === 0 ? { model: emptyModel(), diagnostics: [] } : await buildModel(specs);
    const copyPrefix = `${displayPath(temp, cwd)}/`;
    const inRepo = (file: string) => (file.startsWith(copyPrefix) ? file.slice(copyPrefix.length) : undefined);
    // Diagnostics name the file as `ref:path`; the model's locations name it as it is in the working tree.
    const diagnostics = sortDiagnostics([...unread, ...built.diagnostics.map((d) => ({ ...d, file: inRepo(d.file) === undefined ? d.file : `${ref}:${inRepo(d.file)}` }))]);
    if (built.model) renameFiles(built.model, (file) => (inRepo(file) === undefined ? file : displayPath(join(top, inRepo(file)!), cwd)));
    // A file that could not be read makes the side invalid, as it does in the working tree.
    return { label: ref, model: hasErrors(unread) ? undefined : built.model, diagnostics };
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

/** Runs git; a failure is the machine's or the repository's (exit 1) unless the caller says otherwise. */
async function git<Encoding extends "utf8" | "buffer">(args: string[], cwd: string, encoding: Encoding, maxBuffer = 256 * 1024 * 1024): Promise<Encoding extends "utf8" ? string : Buffer> {
  try {
    return (await run("git", args, { cwd, maxBuffer, encoding })).stdout as Encoding extends "utf8" ? string : Buffer;
  } catch (error) {
    const stderr = (String((error as { stderr?: unknown }).stderr ?? "").trim() || (error as Error).message).split("\n")[0];
    throw new SideError(`git ${args[0]} failed: ${stderr}`, 1);
  }
}

/** One entry of `git ls-tree --long -z`: `<mode> <type> <object> <size>\t<path>`. */
interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size: number;
  path: string;
}

function parseTree(listing: string): TreeEntry[] {
  return listing
    .split("\0")
    .filter((line) => line !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode, type, object, size] = line.slice(0, tab).split(/ +/);
      return { mode, type, object, size: Number(size), path: line.slice(tab + 1) };
    });
}

async function checkoutSpecs(ref: string, folders: SpecFolders, cwd: string, temp: string): Promise<{ top: string; specs: string[]; diagnostics: Diagnostic[] }> {
  const top = (
    await git(["rev-parse", "--show-toplevel"], cwd, "utf8").catch(() => {
      throw new SideError(`'${ref}' is neither a folder nor a git ref (not inside a git repository)`, 2);
    })
  ).trim();
  await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd, "utf8").catch(() => {
    throw new SideError(`'${ref}' is neither a folder nor a git ref of this repository`, 2);
  });
  const specs: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const specFolder of folders.specs) {
    if (folders.shippedSpecs.includes(specFolder)) {
      specs.push(specFolder);
      continue;
    }
    const inRepo = relative(top, specFolder).split("\\").join("/");
    if (inRepo.startsWith("..") || isAbsolute(inRepo)) {
      throw new SideError(`spec folder ${displayPath(specFolder, cwd)} is outside the git repository ${displayPath(top, cwd) || "."}, so it has no version at '${ref}'; compare with --base DIR instead`, 2);
    }
    const inTree = inRepo === "" ? "." : inRepo;
    const listed = parseTree(await git(["ls-tree", "-r", "-z", "--long", ref, "--", inRepo === "" ? "." : `${inRepo}/`], top, "utf8"));
    const entries = listed.filter(({ path }) => /\.ya?ml$/.test(path) && dirname(path) === inTree);
    // A ref that predates the folder has no spec there: that side simply has none of the user's documents.
    if (entries.length === 0) continue;
    const target = join(temp, inRepo);
    await mkdir(target, { recursive: true });
    specs.push(target);
    for (const entry of entries) {
      const file = `${ref}:${entry.path}`;
      // Checked from the listing, before anything is read: the working tree's rules for files that are not
      // regular or too large hold here too, and a huge blob never reaches memory.
      if (entry.type !== "blob" || entry.mode === "120000") {
        const what = entry.type === "commit" ? "a submodule" : entry.mode === "120000" ? "a symbolic link" : `a git ${entry.type}`;
        diagnostics.push(diagnostic("not-a-file", `is ${what}, not a regular file; statespec reads only regular files`, { file }));
      } else if (entry.size > maxSpecFileBytes) {
        diagnostics.push(diagnostic("yaml-too-large", `file is ${entry.size} bytes; the limit is ${maxSpecFileBytes}`, { file }));
      } else {
        await writeFile(join(temp, entry.path), await git(["cat-file", "blob", entry.object], top, "buffer", maxSpecFileBytes + 1));
      }
    }
  }
  return { top, specs, diagnostics };
}
