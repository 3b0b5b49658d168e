// The folders a config names: the config reader (config.ts) refuses paths that cannot be folders here, a run whose
// spec folder is missing says where that folder came from, and an output folder that holds the project is refused.
import { lstatSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { packageRoot, templatesFolder } from "../common/package-root.js";
import { displayPath, isWithin } from "../common/paths.js";
import { configFileName } from "./discover.js";
import type { Config } from "./types.js";

/**
 * Why a path written in the config cannot be a folder on this system, or undefined. On Linux and macOS a backslash
 * is a character of a name, not a separator, and `C:` is no drive: `out: "C:\\gen"` would quietly make one folder
 * named `C:\gen` beside the config. Windows reads both as it should, so only other systems refuse them.
 */
export function pathProblem(written: string, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === "win32") return undefined;
  if (written.includes("\\")) {
    const why = "contains a backslash, which is no folder separator here";
    return `${why}: it would make one folder named '${written}'; write paths with / (they work on every system)`;
  }
  const drive = /^[A-Za-z]:/.test(written) ? written.split("/")[0] : undefined;
  if (drive === undefined) return undefined;
  return `starts with a drive letter, which this system does not have: it would make a folder named '${drive}'`;
}

/** Each spec folder of the run that cannot be read, reported where it was named: the config's line, or --spec. */
export function specFolderProblems(config: Config, cwd: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [index, folder] of config.specs.entries()) {
    const reason = unreadableFolder(folder);
    if (reason === undefined) continue;
    const shown = displayPath(folder, cwd);
    const at = config.specsAt?.[index] ?? { file: config.specsFromOption || !config.file ? shown : config.file };
    // Where the position is the folder itself, the message need not name it again.
    const what = at.file === shown ? "spec folder" : `spec folder ${shown}`;
    problems.push(diagnostic("spec-folder-missing", `cannot read ${what}: ${reason}; ${whereFrom(config)}`, at));
  }
  return problems;
}

/** Where the run's spec folders came from, and what to do about one that is missing. */
function whereFrom(config: Config): string {
  const init = "run 'statespec init' to write a config and a spec folder";
  if (config.specsFromOption) {
    if (config.file !== undefined) return `given with --spec, in place of the specs of ${config.file}`;
    return `given with --spec; no ${configFileName} was found ${config.searched ?? ""}: ${init}`;
  }
  if (config.file === undefined) return "the shipped specs are missing from the installed statespec: reinstall it";
  const fix = `create the folder, correct the path, or ${init}`;
  const named = `named by ${config.file}, whose paths are relative to its own folder`;
  if (config.specsAt !== undefined) return `${named}: ${fix}`;
  return `${config.file} has no specs key, so it reads spec/ beside it: add specs, ${fix}`;
}

function unreadableFolder(folder: string): string | undefined {
  try {
    return statSync(folder).isDirectory() ? undefined : "it is not a folder";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? "no such folder" : `cannot read it (${code ?? "unknown error"})`;
  }
}

/** The real path of `path`, also when its last parts do not exist yet. */
export function realPath(path: string): string {
  try {
    // The system call (one per path), not Node's JavaScript walk over every part of it: this runs on every no-op.
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

/**
 * Refused before anything is read or written: an output folder that holds the project, its specs or its config.
 * statespec would otherwise be one typo (`out: .`) away from writing among the user's own files.
 */
export function refuseUnsafeOut(config: Pick<Config, "out" | "outAt" | "specs" | "configPath">, cwd: string) {
  const out = realPath(config.out);
  const refuse = (why: string): Diagnostic[] => {
    const message = `refusing to write to ${displayPath(config.out, cwd) || "."}: ${why}; `;
    const at = config.outAt ?? { file: displayPath(config.out, cwd) };
    return [diagnostic("out-folder-refused", `${message}choose a folder of its own for the output, such as out`, at)];
  };
  try {
    if (!statSync(config.out).isDirectory())
      return refuse(`it is a ${lstatSync(config.out).isSymbolicLink() ? "link to a file" : "file"}, not a folder`);
  } catch {
    // Does not exist yet: created by the first write.
  }
  const configFile = config.configPath === undefined ? [] : [config.configPath];
  for (const root of [cwd, ...configFile.map(dirname)].map(realPath)) {
    if (out === root) return refuse("it is the project folder");
    if (isWithin(out, root)) return refuse("it is a parent of the project folder");
  }
  const inputs: [string, string][] = [
    ...config.specs.map((folder): [string, string] => [folder, `the spec folder ${displayPath(folder, cwd)}`]),
    ...configFile.map((file): [string, string] => [file, `the config file ${displayPath(file, cwd)}`]),
    [templatesFolder(), "statespec's templates"],
    [packageRoot(), "statespec itself"],
  ];
  for (const [path, what] of inputs) if (isWithin(out, realPath(path))) return refuse(`it contains ${what}`);
  return [];
}
