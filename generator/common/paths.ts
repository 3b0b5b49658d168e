// How files are named to users: relative to the working directory, shipped specs as statespec:builtin/.
import { isAbsolute, relative, resolve, sep } from "node:path";
import { packageRoot, shippedSpecFolder } from "./package-root.js";

export function displayPath(path: string, cwd = process.cwd()): string {
  const shown = isAbsolute(path) ? relative(cwd, path) : path;
  // A shipped spec is named as a config names it, from any folder of any project: not by ../../ paths, nor by
  // node_modules/statespec/spec/ where the package is installed in the project. Only statespec's own checkout
  // (where the shipped specs are its spec/ folder) names them by their path.
  const full = resolve(cwd, path);
  if (isWithin(shippedSpecFolder(), full) && !isWithin(packageRoot(), cwd))
    return `statespec:builtin/${relative(shippedSpecFolder(), full).split("\\").join("/")}`;
  const portable = shown.split("\\").join("/");
  return portable.startsWith("../../../") || portable === "" ? path.split("\\").join("/") : portable;
}

/**
 * True when `inner` is `outer` or lies below it. A relative path that starts with ".." may still be inside (a file
 * named "..notes"); only ".." itself or "../" leaves.
 */
export function isWithin(outer: string, inner: string): boolean {
  const rest = relative(outer, inner);
  return rest === "" || (rest !== ".." && !rest.startsWith(`..${sep}`) && !isAbsolute(rest));
}

/** The folders above a relative "/"-separated path, shallowest first: "a/b/c.ts" -> ["a", "a/b"]. */
export const parentFolders = (path: string) => [...path.matchAll(/\//g)].map((slash) => path.slice(0, slash.index));
