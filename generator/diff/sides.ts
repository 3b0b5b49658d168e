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

/**
 * `ref` names a folder when one exists at that path; otherwise a git ref, whose copy of each spec folder is
 * read with `git show` (the working tree is not touched). undefined: the spec folders as they are now.
 */
export async function loadSide(ref: string | undefined, specFolders: readonly string[], cwd: string): Promise<Side> {
  if (ref === undefined) return { label: "working tree", ...(await buildModel(specFolders)) };
  const folder = resolve(cwd, ref);
  if (existsSync(folder) && statSync(folder).isDirectory()) return { label: ref, ...(await buildModel([folder])) };
  const temp = mkdtempSync(join(tmpdir(), "statespec-diff-"));
  try {
    const { top, folders } = await checkoutSpecs(ref, specFolders, cwd, temp);
    const built = await buildModel(folders);
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

async function checkoutSpecs(ref: string, specFolders: readonly string[], cwd: string, temp: string): Promise<{ top: string; folders: string[] }> {
  const top = (await git(["rev-parse", "--show-toplevel"], cwd).catch(() => {
    throw new SideError(`'${ref}' is neither a folder nor a git ref (not inside a git repository)`);
  })).trim();
  await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd).catch(() => {
    throw new SideError(`'${ref}' is neither a folder nor a git ref of this repository`);
  });
  const folders: string[] = [];
  for (const specFolder of specFolders) {
    const inRepo = relative(top, specFolder).split("\\").join("/");
    if (inRepo.startsWith("..") || isAbsolute(inRepo)) continue;
    const target = join(temp, inRepo);
    await mkdir(target, { recursive: true });
    folders.push(target);
    const listed = await git(["ls-tree", "-r", "-z", "--name-only", ref, "--", `${inRepo}/`], top);
    for (const path of listed.split("\0").filter((name) => /\.ya?ml$/.test(name) && dirname(name) === inRepo)) {
      const contents = await run("git", ["show", `${ref}:${path}`], { cwd: top, encoding: "buffer", maxBuffer: 64 * 1024 * 1024 });
      await writeFile(join(temp, path), contents.stdout);
    }
  }
  return { top, folders };
}
