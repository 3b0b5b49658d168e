// How files are named to users: relative to the working directory, shipped specs as statespec:builtin/.
import { isAbsolute, relative, resolve, sep } from "node:path";
import { shippedSpecFolder } from "./package-root.js";

export function displayPath(path: string, cwd = process.cwd()): string {
  const shown = isAbsolute(path) ? relative(cwd, path) : path;
  // A shipped spec seen from another project is named by what the user wrote in the config, not by ../../ paths.
  const full = resolve(cwd, path);
  if (!isWithin(cwd, full) && isWithin(shippedSpecFolder(), full))
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
