// An output folder that holds the project, its specs or its config is refused before anything is read or
// written: statespec would otherwise be one typo (`out: .`) away from writing among the user's own files.
import { lstatSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, relative, isAbsolute } from "node:path";
import { diagnostic, type Diagnostic, type SourcePosition } from "../common/diagnostics.js";
import { packageRoot, templatesFolder } from "../common/package-root.js";
import { displayPath } from "../common/paths.js";

/** The real path of `path`, also when its last parts do not exist yet. */
function realPath(path: string): string {
  try {
    // The system call (one per path), not Node's JavaScript walk over every part of it: this runs on every no-op.
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

/** True when `inner` is `outer` or lies somewhere below it. */
function isWithin(outer: string, inner: string): boolean {
  const rest = relative(outer, inner);
  return rest === "" || (!rest.startsWith("..") && !isAbsolute(rest));
}

/** What the refusal needs to know of the config (a Config is one): the output folder and the user's inputs. */
export interface OutTarget {
  /** Absolute output folder. */
  out: string;
  /** Where the config file sets `out`, for the diagnostic. */
  outAt?: SourcePosition;
  /** Absolute spec folders. */
  specs: readonly string[];
  /** The config file's absolute path, if one was read. */
  configPath?: string;
}

export function refuseUnsafeOut(config: OutTarget, cwd: string): Diagnostic[] {
  const out = realPath(config.out);
  const at = config.outAt ?? { file: displayPath(config.out, cwd) };
  const refuse = (why: string) => [
    diagnostic(
      "out-folder-refused",
      `refusing to write to ${displayPath(config.out, cwd) || "."}: ${why}; ` +
        "choose a folder of its own for the output, such as out",
      at,
    ),
  ];
  try {
    if (!statSync(config.out).isDirectory())
      return refuse(`it is a ${lstatSync(config.out).isSymbolicLink() ? "link to a file" : "file"}, not a folder`);
  } catch {
    // Does not exist yet: created by the first write.
  }
  const projectRoots = [cwd, ...(config.configPath !== undefined ? [dirname(config.configPath)] : [])].map(realPath);
  for (const root of projectRoots) {
    if (out === root) return refuse("it is the project folder");
    if (isWithin(out, root)) return refuse("it is a parent of the project folder");
  }
  const inputs: [string, string][] = [
    ...config.specs.map((folder): [string, string] => [folder, `the spec folder ${displayPath(folder, cwd)}`]),
    ...(config.configPath !== undefined
      ? [[config.configPath, `the config file ${displayPath(config.configPath, cwd)}`] as [string, string]]
      : []),
    [templatesFolder(), "statespec's templates"],
    [packageRoot(), "statespec itself"],
  ];
  for (const [path, what] of inputs) if (isWithin(out, realPath(path))) return refuse(`it contains ${what}`);
  return [];
}
