// The no-op run's record. When a no-op `generate` (or `--check`) has found out/ current the long way (the config,
// the inputs' hash, the generator's fingerprint, every output file hashed against the manifest), it records what
// it looked at, every file and folder with its identity (device, inode, mode, size, modification and change times
// to the nanosecond), and the line it printed. The next run with the same arguments in the same folder that finds
// every identity as recorded prints that line without reading or hashing a byte, as git's index answers `git
// status`. A file's bytes cannot change without its change time changing (the kernel sets it on every write and no
// call sets it back); a folder's changes when an entry is added to it, removed or renamed; a path replaced by
// another file, folder or link is another inode. What a time cannot tell apart is a second write within the
// clock's granularity of the first: a record is written only when everything it names last changed over two
// seconds earlier (git's "racily clean" rule), so any later write has a later time. Any doubt, and the run takes
// the long way, which decides and reports everything itself (and records again).
import { lstatSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { attempt, identity } from "../common/file-system.js";
import { generatorVersion } from "../common/version.js";
import { realPath } from "../config/folders.js";
import { readCacheEntry, writeCacheEntry } from "../common/user-cache.js";

const kind = "no-op";
const maxEntryBytes = 1024 * 1024;
const settledNs = 2_000_000_000n;

interface NoOpRecord {
  key: string;
  /** Each path whose contents count, and its whole identity. */
  paths: [string, string][];
  /** The folders above them, and what each is (the same folder, not another or a link): a sibling's change in
   * them (a file saved in the home folder) must not count. */
  parents: [string, string][];
  line: string;
}

/** What else decides the answer: the version, the working folder and the arguments. */
const keyOf = (argv: readonly string[], cwd: string) => JSON.stringify([generatorVersion, cwd, argv]);

/** The entry's name: two FNV-1a hashes of the key. Not a safeguard: the entry holds its key, checked when read. */
function nameOf(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x2f6e7a1b;
  for (let index = 0; index < key.length; index++) {
    a = Math.imul(a ^ key.charCodeAt(index), 0x01000193);
    b = Math.imul(b ^ key.charCodeAt(index), 0x5bd1e995);
  }
  return [a, b].map((hash) => (hash >>> 0).toString(16).padStart(8, "0")).join("");
}

/** The line a no-op run with these arguments printed, if nothing it looked at has changed since; else undefined. */
export function recordedAnswer(argv: readonly string[], cwd: string): string | undefined {
  const key = keyOf(argv, cwd);
  const record = readCacheEntry(kind, nameOf(key), maxEntryBytes) as Partial<NoOpRecord> | undefined;
  if (record?.key !== key || typeof record.line !== "string") return undefined;
  const same = (entries: unknown, whole: boolean) =>
    Array.isArray(entries) &&
    entries.every(
      (entry: unknown) =>
        Array.isArray(entry) && typeof entry[0] === "string" && identity(entry[0], whole) === entry[1],
    );
  return same(record.paths, true) && same(record.parents, false) ? record.line : undefined;
}

/** Every folder and file below `folder`, links not followed (as the write stage sees out/). */
function tree(folder: string, into: Set<string>): void {
  for (const entry of attempt(() => readdirSync(folder, { withFileTypes: true })).value ?? []) {
    into.add(join(folder, entry.name));
    if (entry.isDirectory()) tree(join(folder, entry.name), into);
  }
}

/**
 * Records `line` for these arguments. `read`: the files read and the folders listed, including the folders the
 * config was looked for in; `outDir`: the output folder, all of which is watched. The folders above them are
 * watched for being the same folders. Nothing is recorded while anything watched changed too recently to be told
 * apart from a later change.
 */
export function recordAnswer(
  argv: readonly string[],
  cwd: string,
  seen: { read: readonly string[]; outDir: string; startedMs: number },
  line: string,
): void {
  const paths = new Set<string>([...seen.read, seen.outDir]);
  // A link is watched as a link (re-pointed, it is another inode) and through it: what it points to is what was
  // read or listed.
  for (const path of [...paths]) paths.add(realPath(path));
  tree(realPath(seen.outDir), paths);
  const parents = new Set<string>();
  for (const path of paths)
    for (let folder = dirname(path); !paths.has(folder) && !parents.has(folder); folder = dirname(folder))
      parents.add(folder);
  // Settled before the run began reading: a change made while it read is newer, and keeps it from recording.
  const settled = BigInt(seen.startedMs) * 1_000_000n - settledNs;
  const watched: [string, string][] = [];
  for (const path of [...paths].sort()) {
    const stat = lstatSync(path, { bigint: true, throwIfNoEntry: false });
    // A time ahead of the clock (another host's, a skewed one) counts as recent too.
    if (stat && (stat.mtimeNs > settled || stat.ctimeNs > settled)) return;
    watched.push([path, identity(path)]);
  }
  const key = keyOf(argv, cwd);
  const above = [...parents].sort().map((path): [string, string] => [path, identity(path, false)]);
  const record: NoOpRecord = { key, paths: watched, parents: above, line };
  writeCacheEntry(kind, nameOf(key), record, { replace: true, prune: true });
}
