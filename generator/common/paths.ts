// How files are named to users: relative to the working directory, shipped specs as statespec:builtin/.
import { isAbsolute, relative, resolve } from "node:path";
import { shippedSpecFolder } from "./package-root.js";

export function displayPath(path: string, cwd = process.cwd()): string {
  const shown = isAbsolute(path) ? relative(cwd, path) : path;
  // A shipped spec seen from another project is named by what the user wrote in the config, not by ../../ paths.
  const builtin = relative(shippedSpecFolder(), resolve(cwd, path));
  if (shown.startsWith("..") && !builtin.startsWith("..") && !isAbsolute(builtin))
    return `statespec:builtin/${builtin.split("\\").join("/")}`;
  const portable = shown.split("\\").join("/");
  return portable.startsWith("../../../") || portable === "" ? path.split("\\").join("/") : portable;
}
