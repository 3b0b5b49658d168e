// statespec's cache on disk, one folder per kind of entry: what an earlier run worked out from the same bytes, so
// that a run on unchanged inputs does less. An entry is only ever a speed-up: one missing, damaged, unwritable or
// untrusted is no entry, and what reads one checks its shape. A folder or entry is trusted only when it is the
// running user's own and no one else can write to it (a shared or planted cache is not read), and an entry is
// written with O_EXCL under a random name, so a link planted in the folder is never followed.
// Where: STATESPEC_CACHE_DIR (absolute; set empty, or relative: no cache), else $XDG_CACHE_HOME/statespec, else
// ~/.cache/statespec.
import { attempt } from "./file-system.js";
import { randomHex } from "./hash.js";
import { parseJson } from "./read-file.js";
import {
  closeSync,
  constants,
  fstatSync,
  futimesSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

/** The folder of one kind of entry, or undefined when there is no cache. */
export function userCacheFolder(kind: string): string | undefined {
  const chosen = process.env.STATESPEC_CACHE_DIR;
  // A relative folder would land wherever the command runs, inside a project or its out/: no cache.
  if (chosen !== undefined) return isAbsolute(chosen) ? join(chosen, kind) : undefined;
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

/** The running user's own, not a link, and writable by no one else (where the platform has owners). */
function ownedByMe(info: Stats | undefined, kind: "folder" | "file"): boolean {
  if (!info || (kind === "folder" ? !info.isDirectory() : !info.isFile())) return false;
  if (process.getuid === undefined) return true;
  return info.uid === process.getuid() && (info.mode & 0o022) === 0;
}

const trustedFolder = (folder: string) => ownedByMe(lstatSync(folder, { throwIfNoEntry: false }), "folder");

/** The parsed JSON of an entry, or undefined (none, unreadable, untrusted, over `maxBytes`, not JSON). */
export function readCacheEntry(kind: string, name: string, maxBytes: number): unknown {
  return parseJson(readCacheBytes(kind, `${name}.json`, maxBytes, true));
}

/** The bytes of an entry file, or undefined (none, unreadable, untrusted, over `maxBytes`); `used`: marked as used. */
export function readCacheBytes(kind: string, file: string, maxBytes: number, used = false): Buffer | undefined {
  const folder = userCacheFolder(kind);
  if (folder === undefined) return undefined;
  let fd: number | undefined;
  try {
    if (!trustedFolder(folder)) return undefined;
    // Judged by what was opened, not by the path: the folder or the entry could be swapped for a link to someone
    // else's between a check of the path and the open (a cache root others can write to). The entry itself is
    // never followed; whatever folder the path led through, the file read is the running user's own.
    fd = openSync(join(folder, file), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (!ownedByMe(info, "file") || info.size > maxBytes) return undefined;
    const bytes = readFileSync(fd);
    // Marked as used now: keepNewest() removes the entries used least recently, not the ones made first. Where the
    // times cannot be set, the entry is read all the same.
    if (used) attempt(() => futimesSync(fd!, new Date(), new Date()));
    return bytes;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// The entries of a pruned kind that are kept (prune, below).
const keptEntries = 256;

/**
 * Writes an entry once: an entry's name is most often a hash of what it was made from, so an existing one is the
 * same. With `replace`, an entry whose name says what it is for (not what it holds) replaces the one there. With
 * `prune`, the kind keeps only the entries read or written last: entries named by a hash of what they were made from
 * pile up as that changes (every edit of a spec makes new ones), and nothing else ever removes them.
 */
export function writeCacheEntry(kind: string, name: string, value: unknown, { replace = false, prune = false } = {}) {
  writeCacheBytes(kind, `${name}.json`, `${JSON.stringify(value)}\n`, { replace });
  if (prune) keepNewest(kind, keptEntries, ".json");
}

/** writeCacheEntry's bytes: the file `file` in the folder of `kind`. */
export function writeCacheBytes(
  kind: string,
  file: string,
  bytes: string | Uint8Array,
  { replace = false } = {},
): void {
  const folder = userCacheFolder(kind);
  if (folder === undefined) return;
  const entry = join(folder, file);
  const temporary = join(folder, `.${file}.${randomHex(8)}.tmp`);
  let created = false;
  try {
    if (!replace && lstatSync(entry, { throwIfNoEntry: false }) !== undefined) return;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!trustedFolder(folder)) return;
    // Written whole and renamed into place: a reader sees the entry complete or not at all. "wx": a path that
    // exists, a link included, is refused rather than written through.
    writeFileSync(temporary, bytes, { mode: 0o600, flag: "wx" });
    created = true;
    renameSync(temporary, entry);
  } catch {
    // Whatever failed, the cache is only a speed-up: the command goes on without it.
    try {
      if (created) rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: a leftover temporary file is never read as an entry.
    }
  }
}

/** Removes all but the `count` entries (files named `*<suffix>`) of `kind` read or written last. Only the running
 * user's own regular files are removed; a failure leaves the cache as it is. */
export function keepNewest(kind: string, count: number, suffix: string): void {
  const folder = userCacheFolder(kind);
  try {
    if (folder === undefined || !trustedFolder(folder)) return;
    const entries = readdirSync(folder)
      .filter((name) => name.endsWith(suffix))
      .map((name) => ({ name, info: lstatSync(join(folder, name), { throwIfNoEntry: false }) }))
      .filter((entry): entry is { name: string; info: Stats } => ownedByMe(entry.info, "file"))
      .sort((a, b) => b.info.mtimeMs - a.info.mtimeMs);
    for (const { name } of entries.slice(count)) rmSync(join(folder, name), { force: true });
  } catch {
    // Only a speed-up: a cache that cannot be pruned now is pruned by a later run.
  }
}
