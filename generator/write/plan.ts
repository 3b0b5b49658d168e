// The plan: what in out/ is statespec's and what a run changes, decided before anything moves. The manifest is the
// record of ownership (only files it lists may be replaced or removed) and the no-op run's key. A file statespec
// must write over but did not write stops the run before anything is written.
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { attempt, fileIdentity } from "../common/file-system.js";
import { contentHash, sha256 } from "../common/hash.js";
import { displayPath, parentFolders } from "../common/paths.js";
import { maxSpecFileBytes, parseJson, readRegularBytes } from "../common/read-file.js";
import { shortDiff } from "../common/short-diff.js";
import { readCacheEntry, writeCacheEntry } from "../common/user-cache.js";
import type { GeneratedFile } from "../emit/contract.js";
import { isSafeOutPath, journalName, stagingRun } from "./lock.js";

export const manifestName = ".statespec-manifest.json";
/** Files in out/ are compared up to this size. A larger one (a log written there, a sparse file) is not one
 * statespec wrote as it is: it is not read, so it can neither exhaust memory nor stop the run. */
const maxOutFileBytes = 64 * 1024 * 1024;
const notCompared = `  (over ${maxOutFileBytes} bytes, or no longer a regular file: not compared)`;

/** The manifest's key: the generator, the hash of its code (compile/fingerprint.ts: a changed generator never trusts
 * an old out/), and the hash of the specs, templates and settings. */
export type ManifestKey = Record<"generator" | "generatorHash" | "inputs", string>;
type Kind = "file" | "symbolic link" | "special file" | "folder";

export interface OutputPlan {
  outDir: string;
  /** Files to move into out/ (relative paths, sorted). */
  writes: string[];
  missing: string[];
  stale: { path: string; diff: string }[];
  /** Files statespec wrote earlier and no longer generates: removed. */
  orphaned: string[];
  /** Files statespec did not write and does not need: left alone, but --check names them. */
  foreign: string[];
  /** Staging folders of runs that no longer exist (top-level names): generate removes them, --check names them. */
  leftovers: string[];
  unchanged: number;
  /** Each file the manifest lists, as out/ was first read (identity; none: nothing): the commit moves none changed. */
  seen: Map<string, string>;
}

/** out/ as it is, in one walk that never follows a link (so no write, rename or removal can land outside it): what
 * each path is, passing over only the journal and the staging folders (dead runs' are leftovers). */
function scanOut(outDir: string, prefix = "", found = { entries: new Map<string, Kind>(), leftovers: [] as string[] }) {
  // out/ does not exist yet, or cannot be read: the write says so.
  for (const entry of attempt(() => readdirSync(join(outDir, prefix), { withFileTypes: true })).value ?? []) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    // Any other name, however much it looks like statespec's (a file or link named as a staging folder), is foreign.
    const staging = prefix === "" && entry.isDirectory() ? stagingRun(outDir, entry.name) : undefined;
    if (staging?.live === false) found.leftovers.push(path);
    if (staging || path === journalName) continue;
    const kind = entry.isSymbolicLink() ? "symbolic link" : entry.isFile() ? "file" : "special file";
    found.entries.set(path, entry.isDirectory() ? "folder" : kind);
    if (entry.isDirectory()) scanOut(outDir, path, found);
  }
  return found;
}

export const writeFailed = (outDir: string, reason: string, then = `; ${displayPath(outDir)} was left as it was`) =>
  diagnostic("write-failed", `cannot write the output (${reason})${then}`, { file: displayPath(outDir) });

// Whose word the manifest is: it is committed with out/, so a pull request can set its `inputs` hash to match changed
// specs and leave the generated files as they were; trusted as it stands, unchanged() would find out/ current, and
// `generate --check`, the gate, would pass stale output. So it is trusted only where this user's statespec vouched
// for it: a run that wrote out/, or compared every file of it, records its hash in the running user's own cache
// (common/user-cache.ts). Any other manifest is checked the long way: a clone's first `generate --check` compares.
const vouchedEntry = (manifest: string | Uint8Array) => ["vouched", sha256().update(manifest).digest("hex")] as const;

/** Records that out/ is what this manifest says: one small entry, pruned like every record named by a hash. */
export const vouch = (manifest: string): void => writeCacheEntry(...vouchedEntry(manifest), {}, { prune: true });

/** Whether out/ holds a manifest file: without one no run is a no-op, whatever the inputs (a first run, a cold one). */
export const hasManifest = (outDir: string) =>
  lstatSync(join(outDir, manifestName), { throwIfNoEntry: false })?.isFile() === true;

/** The plan of a run that changes nothing (same generator and inputs, every listed file intact), or undefined. */
export const unchangedOutput = (outDir: string, key: ManifestKey) => planOutput(outDir, key).unchanged();

/** Plans as files stream in (take(file): whether to stage it; the manifest last; finish()), or first, unchanged(). */
export function planOutput(outDir: string, key: ManifestKey) {
  const { entries, leftovers } = scanOut(outDir);
  // Only a file is read: a link is never followed, and a FIFO would never end.
  const manifestBytes =
    entries.get(manifestName) === "file"
      ? attempt(() => readRegularBytes(join(outDir, manifestName), maxSpecFileBytes)).value
      : undefined;
  const read = parseJson(manifestBytes) as (Partial<ManifestKey> & { files: Record<string, string> }) | undefined;
  const manifest =
    typeof read?.files === "object" && read.files !== null && typeof read.generator === "string" ? read : undefined;
  // The files it lists (with safe paths) are statespec's, from any earlier version; so is the manifest itself.
  const owned = new Set(Object.keys(manifest?.files ?? {}).filter(isSafeOutPath)).add(manifestName);
  const empty = { writes: [], missing: [], stale: [], orphaned: [], foreign: [], unchanged: 0 };
  const plan: OutputPlan = { outDir, ...empty, leftovers: leftovers.sort(), seen: new Map() };
  // Now, not as files stream in: the commit moves no file or folder a user put in a listed file's place meanwhile.
  // Only a regular file is statespec's: anything else there now is seen as none, which the commit never moves.
  for (const path of owned) if (entries.get(path) === "file") plan.seen.set(path, fileIdentity(join(outDir, path)));
  const hashes = new Map<string, string>();
  const conflicts = new Map<string, Diagnostic>();
  const conflict = (path: string, why: string) => {
    const shown = displayPath(outDir);
    const only = `statespec replaces only files it wrote, as listed in ${manifestName}`;
    const message = `${why}. Move it out of ${shown} or delete it, then run again (${only}); nothing was written`;
    if (!conflicts.has(path)) conflicts.set(path, diagnostic("foreign-file", message, { file: `${shown}/${path}` }));
    return false;
  };
  // A listed file is statespec's to move aside or remove only if its bytes are those the manifest lists: a committed
  // manifest is a pull request's word, and listing a user's own file in out/ must not make it statespec's to delete.
  const asListed = (path: string) => {
    const bytes = owned.has(path) ? readRegularBytes(join(outDir, path), maxOutFileBytes) : undefined;
    return bytes !== undefined && contentHash(bytes) === manifest?.files[path];
  };
  const take = (file: GeneratedFile): boolean => {
    hashes.set(file.path, contentHash(file.contents));
    for (const folder of parentFolders(file.path)) {
      const kind = entries.get(folder) ?? "folder";
      // A file statespec wrote where it now needs a folder is moved aside by the commit, like any orphan.
      if (kind === "folder" || (kind === "file" && asListed(folder))) continue;
      const links = kind === "symbolic link" ? ", and statespec never writes through links" : "";
      return conflict(folder, `statespec writes ${file.path} in this folder, but it is a ${kind}${links}`);
    }
    const kind = entries.get(file.path);
    if (kind !== undefined && kind !== "file")
      return conflict(file.path, `statespec writes a file here, but this is a ${kind}`);
    const current = kind && readRegularBytes(join(outDir, file.path), maxOutFileBytes)?.toString("utf8");
    // Byte-identical to what statespec writes: kept as is, and from now on listed as statespec's.
    if (current === file.contents) return false;
    if (kind === "file" && !owned.has(file.path))
      return conflict(file.path, "statespec writes this file, but did not write the one that is there");
    const diff = current === undefined ? notCompared : shortDiff(current, file.contents);
    if (kind === undefined) plan.missing.push(file.path);
    else plan.stale.push({ path: file.path, diff });
    return conflicts.size === 0;
  };
  const manifestFile = (): GeneratedFile => {
    const files = Object.fromEntries([...hashes].sort(([a], [b]) => (a < b ? -1 : 1)));
    const { generator, generatorHash, inputs } = key;
    const written = { $comment: `Generated by statespec ${generator}. Do not edit.`, generator, generatorHash, inputs };
    return { path: manifestName, contents: `${JSON.stringify({ ...written, files }, null, 2)}\n` };
  };
  const finish = () => {
    for (const [path, kind] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (hashes.has(path) || kind === "folder") continue;
      (kind === "file" && asListed(path) ? plan.orphaned : plan.foreign).push(path);
    }
    plan.writes = [...plan.missing, ...plan.stale.map(({ path }) => path)].sort();
    plan.unchanged = hashes.size - plan.writes.length;
    return { plan, conflicts: [...conflicts.values()] };
  };
  const unchanged = (): OutputPlan | undefined => {
    if (!manifest || (Object.keys(key) as (keyof ManifestKey)[]).some((k) => manifest[k] !== key[k])) return undefined;
    // The manifest's word, taken only where this user's statespec vouched for it (above); marks the record used.
    if (readCacheEntry(...vouchedEntry(manifestBytes!), 64) === undefined) return undefined;
    for (const [path, hash] of Object.entries(manifest.files)) {
      if (!isSafeOutPath(path) || entries.get(path) !== "file") return undefined;
      // The bytes, not decoded text: the same hash for a file written from that text (UTF-8), one step less per file.
      const bytes = readRegularBytes(join(outDir, path), maxOutFileBytes);
      if (bytes === undefined || contentHash(bytes) !== hash) return undefined;
      hashes.set(path, hash);
    }
    hashes.set(manifestName, "");
    return finish().plan;
  };
  return { plan, take, manifestFile, finish, unchanged };
}
