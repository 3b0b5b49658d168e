// statespec's cache on disk, one folder per kind of entry: what an earlier run worked out from the same bytes, so
// that a run on unchanged inputs does less. An entry is only ever a speed-up: one missing, damaged or unwritable is
// no entry, and what reads one checks its shape. Its folder is the user's own (mode 0700): no other user can plant
// an entry there.
// Where: STATESPEC_CACHE_DIR (set empty: no cache), else $XDG_CACHE_HOME/statespec, else ~/.cache/statespec.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { readRegularFile } from "../load/read-file.js";

/** The folder of one kind of entry, or undefined when there is no cache. */
export function userCacheFolder(kind: string): string | undefined {
  const chosen = process.env.STATESPEC_CACHE_DIR;
  if (chosen !== undefined) return chosen === "" ? undefined : join(chosen, kind);
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, "statespec", kind);
  let home: string;
  try {
    home = homedir();
  } catch {
    // No home folder to be found (a system user without one): no cache.
    return undefined;
  }
  return home && isAbsolute(home) ? join(home, ".cache", "statespec", kind) : undefined;
}

/** The parsed JSON of an entry, or undefined (none, unreadable, over `maxBytes`, not JSON). */
export function readCacheEntry(kind: string, name: string, maxBytes: number): unknown {
  const folder = userCacheFolder(kind);
  if (folder === undefined) return undefined;
  try {
    const read = readRegularFile(join(folder, `${name}.json`), maxBytes);
    return "bytes" in read ? (JSON.parse(read.bytes.toString("utf8")) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes an entry once (an entry's name is a hash of what it was made from, so an existing one is the same). */
export function writeCacheEntry(kind: string, name: string, value: unknown): void {
  const folder = userCacheFolder(kind);
  if (folder === undefined) return;
  const entry = join(folder, `${name}.json`);
  const temporary = `${entry}.${process.pid}.tmp`;
  try {
    if (existsSync(entry)) return;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // Written whole and renamed into place: a reader sees the entry complete or not at all.
    writeFileSync(temporary, `${JSON.stringify(value)}\n`, { mode: 0o600 });
    renameSync(temporary, entry);
  } catch {
    rmSync(temporary, { force: true });
  }
}
