// A side of a diff: a spec folder, or the spec folders of the current repository at a git ref.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { Diagnostic } from "../diagnostics.js";
import type { Model } from "../model.js";
import { displayPath } from "../paths.js";
import { buildModel } from "../pipeline.js";

const run = promisify(execFile);

export interface Side {
  label: string;
  model?: Model;
  diagnostics: Diagnostic[];
}

export class SideError extends Error {}

/** The spec folders of the config, and which of them are the installed package's (`statespec:builtin`). */
export interface SpecFolders {
  specs: readonly string[];
  shippedSpecs: readonly string[];
}

/**
 * One side, with the config's folders: the shipped specs come from the installed package on both sides (they are
 * not part of the user's history); the user's spec folders come from `ref`. `ref` names a folder when one exists at
 * that path (it then stands for the user's spec folders); otherwise a git ref, whose copy of each spec folder is read
 * with `git show` (the working tree is not touched). undefined: the spec folders as they are now.
 */
export async function loadSide(ref: string | undefined, folders: SpecFolders, cwd: string): Promise<Side> {
  if (ref === undefined) return { label: "working tree", ...(await buildModel(folders.specs)) };
  const shipped = (folder: string) => folders.shippedSpecs.includes(folder);
  const folder = resolve(cwd, ref);
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    const userFolders = folders.specs.filter((spec) => !shipped(spec));
    // The folder takes the place of the user's folders, where the first of them stands in the config's order.
    const at = userFolders.length === 0 ? folders.specs.length : folders.specs.indexOf(userFolders[0]);
    const specs = [...folders.specs.slice(0, at).filter(shipped), folder, ...folders.specs.slice(at).filter(shipped)];
    return { label: ref, ...(await buildModel(specs)) };
  }
  const temp = mkdtempSync(join(tmpdir(), "statespec-diff-"));
  try {
    const { top, specs } = await checkoutSpecs(ref, folders, cwd, temp);
    const built = specs.length === 0 ? { model: emptyModel(), diagnostics: [] } : await buildModel(specs);
    const copyPrefix = `${displayPath(temp, cwd)}/`;
    const inRepo = (file: string) => (file.startsWith(copyPrefix) ? file.slice(copyPrefix.length) : undefined);
    // Diagnostics name the file as `ref:path`; the model's locations name it as it is in the working tree.
    const diagnostics = built.diagnostics.map((d) => ({ ...d, file: inRepo(d.file) === undefined ? d.file : `${ref}:${inRepo(d.file)}` }));
    if (built.model) renameFiles(built.model, (file) => (inRepo(file) === undefined ? file : displayPath(join(top, inRepo(file)!), cwd)));
    return { label: ref, model: built.model, diagnostics };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** A ref from before the project had any spec of its own, and no shipped specs configured. */
function emptyModel(): Model {
  return { documents: [], vendors: [], specHash: "" };
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

async function git(args: string[], cwd: string): Promise<string> {
  try {
    return (await run("git", args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" })).stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split("\n")[0];
    throw new SideError(`git ${args[0]} failed: ${stderr}`);
  }
}

/**
 * The config's folders as they are at `ref`: each user folder copied out of git into `temp` (skipped when the ref
 * has no spec file there: it predates the folder), each shipped folder as installed.
 */
async function checkoutSpecs(ref: string, folders: SpecFolders, cwd: string, temp: string): Promise<{ top: string; specs: string[] }> {
  const top = (await git(["rev-parse", "--show-toplevel"], cwd).catch(() => {
    throw new SideError(`'${ref}' is neither a folder nor a git ref (not inside a git repository)`);
  })).trim();
  await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd).catch(() => {
    throw new SideError(`'${ref}' is neither a folder nor a git ref of this repository`);
  });
  const specs: string[] = [];
  for (const specFolder of folders.specs) {
    if (folders.shippedSpecs.includes(specFolder)) {
      specs.push(specFolder);
      continue;
    }
    const inRepo = relative(top, specFolder).split("\\").join("/");
    if (inRepo.startsWith("..") || isAbsolute(inRepo)) {
      throw new SideError(`spec folder ${displayPath(specFolder, cwd)} is outside the git repository ${displayPath(top, cwd) || "."}, so it has no version at '${ref}'; compare with --base DIR instead`);
    }
    const prefix = inRepo === "" ? "" : `${inRepo}/`;
    const listed = await git(["ls-tree", "-r", "-z", "--name-only", ref, "--", prefix === "" ? "." : prefix], top);
    const files = listed.split("\0").filter((name) => /\.ya?ml$/.test(name) && dirname(name) === (inRepo === "" ? "." : inRepo));
    if (files.length === 0) continue;
    const target = join(temp, inRepo);
    await mkdir(target, { recursive: true });
    specs.push(target);
    for (const path of files) {
      const contents = await run("git", ["show", `${ref}:${path}`], { cwd: top, encoding: "buffer", maxBuffer: 64 * 1024 * 1024 });
      await writeFile(join(temp, path), contents.stdout);
    }
  }
  return { top, specs };
}
