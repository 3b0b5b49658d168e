// File-system steps shared by the stages: a system call's failure as a value, what is at a path (a link as a link,
// never followed), a rename that makes its target's folders, and folders made where a recursive mkdir would hang.
import { existsSync, lstatSync, mkdirSync, renameSync, type BigIntStats } from "node:fs";
import { dirname } from "node:path";

/** Runs `step`: its value, or the code of the error it threw. */
export function attempt<T>(step: () => T): { value?: T; code?: string } {
  try {
    return { value: step() };
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code ?? "error" };
  }
}

/** Undefined if nothing is at `path`; links are not followed. */
export const isFolder = (path: string) => lstatSync(path, { throwIfNoEntry: false })?.isDirectory();

/** What is at `path` (a link itself, not followed): which file or folder it is, and (`whole`) its size and times, to
 * tell whether it changed since; "-" when nothing is there. */
export function identity(path: string, whole = true): string {
  const stat = lstatSync(path, { bigint: true, throwIfNoEntry: false });
  return stat ? describe(stat, whole) : "-";
}

/** identity() of a regular file; "none" for anything else at `path` (a folder, a link, a device, nothing). */
export function fileIdentity(path: string): string {
  const stat = lstatSync(path, { bigint: true, throwIfNoEntry: false });
  return stat?.isFile() ? describe(stat, true) : "none";
}

const describe = (stat: BigIntStats, whole: boolean) =>
  whole
    ? `${stat.dev}:${stat.ino}:${stat.mode}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`
    : `${stat.dev}:${stat.ino}:${stat.mode}`;

/** Renames `from` to `to`, making the folders above `to` first. */
export function move(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  renameSync(from, to);
}

/** Makes a folder and its missing parents one mkdir at a time: on a file system that refuses a folder with ENOENT
 * under a parent that exists (procfs, sysfs), Node's recursive mkdir retries forever. */
export function makeFolder(path: string): void {
  if (existsSync(path)) return;
  if (dirname(path) !== path) makeFolder(dirname(path));
  mkdirSync(path);
}

/** What the system said about a path, in words: for every "cannot read" a user is shown. */
export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "not a folder";
  if (code === "EISDIR") return "is a folder";
  return code ?? "unknown error";
}
