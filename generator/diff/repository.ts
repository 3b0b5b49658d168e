// What a --base or --head names (a folder or a git ref, never silently one for the other), and where the spec
// folders are in the repository, for reading them at a ref.
import { execFile } from "node:child_process";
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { displayPath, isWithin } from "../common/paths.js";
import { SideError } from "./side-error.js";

const run = promisify(execFile);

/** A side names a folder (`path`, absolute) or a commit (`commit`, its object id, resolved once for the run). */
export type SideName = { folder: string } | { commit: string };

/** git's output, trimmed; undefined when git fails (not installed, not a repository, no such object). */
async function gitOutput(args: string[], cwd: string): Promise<string | undefined> {
  try {
    return (await run("git", args, { cwd, encoding: "utf8" })).stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * A name that is both a folder and a ref is refused (git calls it ambiguous): a gate that silently picked the folder
 * would compare the working tree with itself. `--end-of-options` keeps a name starting with `-` from being an option.
 */
export async function nameSide(name: string, option: string, cwd: string): Promise<SideName> {
  if (name === "") throw new SideError(`${option} is empty; give a git ref or a folder`, 2);
  const folder = resolve(cwd, name);
  const isFolder = isDirectory(folder);
  const commit = await gitOutput(["rev-parse", "--verify", "--quiet", "--end-of-options", `${name}^{commit}`], cwd);
  if (isFolder && commit !== undefined) {
    const full = await gitOutput(["rev-parse", "--verify", "--symbolic-full-name", "--end-of-options", name], cwd);
    const asRef = full?.startsWith("refs/") ? full : commit;
    const asFolder = name.startsWith("./") || name.startsWith("../") ? name : `./${name}`;
    const both = `names both a folder (${displayPath(folder, cwd) || "."}) and a git ref (${asRef})`;
    throw new SideError(
      `${option} '${name}' ${both}; write ${option} ${asFolder} for the folder or ${option} ${asRef} for the ref`,
      2,
    );
  }
  if (isFolder) return { folder };
  if (commit !== undefined) return { commit };
  const inRepository = (await gitOutput(["rev-parse", "--show-toplevel"], cwd)) !== undefined;
  const where = inRepository ? "of this repository" : "(not inside a git repository)";
  // A remote's branch a clone does not have: CI checkouts fetch one commit unless told otherwise.
  const remote = /^(?:refs\/remotes\/)?([^/\s]+)\/(\S+)$/.exec(name);
  const fetch =
    inRepository && remote && !existsSync(resolve(cwd, remote[1]))
      ? `; if it is a branch of remote '${remote[1]}', fetch it first (git fetch ${remote[1]} ${remote[2]}, or ` +
        "actions/checkout with fetch-depth: 0)"
      : "";
  throw new SideError(`'${name}' is neither a folder nor a git ref ${where}${fetch}`, 2);
}

/** The repository's top folder, with links resolved (as every path compared with it is). */
export async function repositoryTop(cwd: string): Promise<string> {
  const top = await gitOutput(["rev-parse", "--show-toplevel"], cwd);
  if (top === undefined) throw new SideError("git rev-parse failed: cannot find the repository's top folder", 1);
  return realpathSync(top);
}

const realpathOrUndefined = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
};

/**
 * Where a spec folder is in the repository (`/`-separated, "" for the top). The folders above it are taken as they
 * are here; the folder itself by its name, so that at a ref the ref's own link (or folder) of that name is read.
 * "as written": a folder a ref's own config names, placed by its path alone; this working tree's links (which a pull
 * request makes) must not choose what is read at the ref, where the ref's own links are followed.
 */
export function pathInRepository(folder: string, top: string, cwd: string, ref: string, as?: "as written"): string {
  const real = () =>
    realpathOrUndefined(folder) === top
      ? top
      : join(realpathOrUndefined(dirname(folder)) ?? dirname(folder), basename(folder));
  const here = as === "as written" ? folder : real();
  if (!isWithin(top, here)) {
    throw new SideError(
      `spec folder ${displayPath(folder, cwd)} is outside the git repository ${displayPath(top, cwd) || "."}, ` +
        `so it has no version at '${ref}'; compare with --base DIR instead`,
      2,
    );
  }
  return relative(top, here).split("\\").join("/");
}

/**
 * Against a ref, the working tree is held to the ref's rule: a spec folder or spec file that is a link out of the
 * repository is refused, since the same link at the ref could never be read (and would name this machine's files).
 */
export function refuseLinksOut(folder: string, top: string, cwd: string): void {
  const refuse = (path: string, real: string) => {
    throw new SideError(
      `${displayPath(path, cwd)} is a symbolic link to ${real}, outside the git repository ` +
        `${displayPath(top, cwd) || "."}; against a git ref, spec files are read only inside the repository`,
      2,
    );
  };
  const real = realpathOrUndefined(folder);
  // A folder or file that cannot be read is the loader's to report, located, as it always is.
  if (real === undefined || !isDirectory(real)) return;
  if (!isWithin(top, real)) refuse(folder, real);
  let names: string[];
  try {
    names = readdirSync(real).filter((entry) => /\.ya?ml$/.test(entry));
  } catch {
    return;
  }
  for (const name of names) {
    if (lstatSync(join(real, name), { throwIfNoEntry: false })?.isSymbolicLink() !== true) continue;
    const target = realpathOrUndefined(join(real, name));
    if (target !== undefined && !isWithin(top, target)) refuse(join(folder, name), target);
  }
}

/** Whether `path` is a folder; any error (missing, a file on the way, no permission) says it is not one. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
