// The plan: what in out/ is statespec's and what a run changes, decided before anything moves. One walk of out/
// that never follows a link (so no write, rename or removal can land outside it), passing over only the journal
// and live runs' staging folders: any other name, however much it looks like statespec's, is a file like every
// other. The manifest is the record of ownership (only files it lists may be replaced or removed) and the no-op
// run's key. A file statespec must write over but did not write stops the run before anything is written.
import { sha256 } from "../common/hash.js";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { displayPath } from "../common/paths.js";
import { shortDiff } from "../common/short-diff.js";
import type { GeneratedFile } from "../emit/contract.js";
import { isSafeOutPath, journalName, stagingState } from "./lock.js";

export const manifestName = ".statespec-manifest.json";

interface Manifest {
  $comment: string;
  generator: string;
  /** Hash of the generator's code (compile/fingerprint.ts): a changed generator never trusts an old out/. */
  generatorHash?: string;
  /** Hash of the specs, templates and settings. */
  inputs: string;
  files: Record<string, string>;
}
export type ManifestKey = Required<Omit<Manifest, "$comment" | "files">>;

export interface OutputPlan {
  outDir: string;
  /** Files to move into out/ (relative paths, in the order the commit moves them). */
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
  /** Each file the commit replaces or removes, as planned (stampOf): it moves nothing that changed since. */
  seen: Map<string, string | null>;
}

type Kind = "file" | "symbolic link" | "special file" | "folder";

/** out/ as it is: what each path is (links are never followed), and dead runs' staging folders. */
function scanOut(outDir: string) {
  const entries = new Map<string, Kind>();
  const leftovers: string[] = [];
  const walk = (prefix: string) => {
    let list;
    try {
      list = readdirSync(join(outDir, prefix), { withFileTypes: true });
    } catch {
      return; // out/ does not exist yet, or cannot be read: the write says so.
    }
    for (const entry of list) {
      const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      // statespec makes staging folders only: a file or link of that name is someone else's.
      const staging = prefix === "" && entry.isDirectory() ? stagingState(outDir, entry.name) : undefined;
      if (staging === "dead") leftovers.push(path);
      if (staging || path === journalName) continue;
      const kind = entry.isSymbolicLink() ? "symbolic link" : entry.isFile() ? "file" : "special file";
      entries.set(path, entry.isDirectory() ? "folder" : kind);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk("");
  return { entries, leftovers: leftovers.sort() };
}

function contentHash(contents: string | Uint8Array): string {
  // The first 8 bytes as hex: a string of its own, not a slice that keeps the whole digest (one per file listed).
  return sha256().update(contents).digest().toString("hex", 0, 8);
}

/** The manifest out/ holds, or why the file there is none. */
function readManifest(outDir: string, kind: Kind | undefined): Manifest | string | undefined {
  if (kind === undefined) return undefined;
  if (kind !== "file") return `is a ${kind}, not a statespec manifest`;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outDir, manifestName), "utf8")) as Manifest;
  } catch {
    return "is not a statespec manifest (not JSON)";
  }
  const valid =
    typeof manifest?.files === "object" && manifest.files !== null && typeof manifest.generator === "string";
  return valid ? manifest : "is not a statespec manifest";
}

export function writeFailed(outDir: string, reason: string): Diagnostic {
  const file = displayPath(outDir);
  return diagnostic("write-failed", `cannot write the output (${reason}); ${file} was left as it was`, { file });
}

/** What is at `path` now, to tell whether it changed since (null: nothing). */
export function stampOf(path: string): string | null {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  return stat ? `${stat.isFile()}:${stat.ino}:${stat.size}:${stat.mtimeMs}` : null;
}

/** The folders above a relative path, shallowest first: "a/b/c.ts" -> ["a", "a/b"]. */
export const parentFolders = (path: string) =>
  path
    .split("/")
    .map((_, index, parts) => parts.slice(0, index).join("/"))
    .slice(1);

/** The plan of a run that changes nothing (same generator and inputs, every listed file intact), or undefined. */
export const unchangedOutput = (outDir: string, key: ManifestKey) => planOutput(outDir, key).unchanged();

/** Plans as files stream in: take(file) says whether to stage it; the manifest comes last; then finish(). Or,
 * before any file, unchanged(): the plan when the manifest's key and files say nothing changes. */
export function planOutput(outDir: string, key: ManifestKey) {
  const { entries, leftovers } = scanOut(outDir);
  const manifest = readManifest(outDir, entries.get(manifestName));
  const listed = typeof manifest === "object" ? Object.keys(manifest.files) : [];
  // The files it lists (with safe paths) are statespec's, from any earlier version.
  const owned = new Set(listed.filter(isSafeOutPath)).add(manifestName);
  const seen = new Map<string, string | null>();
  const empty = { writes: [], missing: [], stale: [], orphaned: [], foreign: [], unchanged: 0 };
  const plan: OutputPlan = { outDir, ...empty, leftovers, seen };
  const hashes = new Map<string, string>();
  const conflicts = new Map<string, Diagnostic>();
  const conflict = (path: string, why: string) => {
    const shown = displayPath(outDir);
    const only = `statespec replaces only files it wrote, as listed in ${manifestName}`;
    const message = `${why}. Move it out of ${shown} or delete it, then run again (${only}); nothing was written`;
    if (!conflicts.has(path)) conflicts.set(path, diagnostic("foreign-file", message, { file: `${shown}/${path}` }));
    return false;
  };
  const take = (file: GeneratedFile): boolean => {
    hashes.set(file.path, contentHash(file.contents));
    for (const folder of parentFolders(file.path)) {
      const kind = entries.get(folder) ?? "folder";
      // A file statespec wrote where it now needs a folder is moved aside by the commit, like any orphan.
      if (kind === "folder" || (kind === "file" && owned.has(folder))) continue;
      const links = kind === "symbolic link" ? ", and statespec never writes through links" : "";
      return conflict(folder, `statespec writes ${file.path} in this folder, but it is a ${kind}${links}`);
    }
    const kind = entries.get(file.path);
    if (kind !== undefined && kind !== "file")
      return conflict(file.path, `statespec writes a file here, but this is a ${kind}`);
    const current = kind === "file" ? readFileSync(join(outDir, file.path), "utf8") : undefined;
    // Byte-identical to what statespec writes: kept as is, and from now on listed as statespec's.
    if (current === file.contents) {
      plan.unchanged++;
      return false;
    }
    if (current !== undefined && !owned.has(file.path)) {
      const ours = file.path === manifestName && typeof manifest === "string";
      const why = ours ? `statespec writes its manifest here, but this file ${manifest}` : "";
      return conflict(file.path, why || "statespec writes this file, but did not write the one that is there");
    }
    if (current === undefined) plan.missing.push(file.path);
    else plan.stale.push({ path: file.path, diff: shortDiff(current, file.contents) });
    plan.writes.push(file.path);
    seen.set(file.path, current === undefined ? null : stampOf(join(outDir, file.path)));
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
      if (kind === "file" && owned.has(path)) {
        plan.orphaned.push(path);
        seen.set(path, stampOf(join(outDir, path)));
      } else plan.foreign.push(path);
    }
    plan.writes.sort();
    return { plan, conflicts: [...conflicts.values()] };
  };
  const unchanged = (): OutputPlan | undefined => {
    if (typeof manifest !== "object" || (Object.keys(key) as (keyof ManifestKey)[]).some((k) => manifest[k] !== key[k]))
      return undefined;
    for (const [path, hash] of Object.entries(manifest.files)) {
      if (!isSafeOutPath(path) || entries.get(path) !== "file") return undefined;
      // The bytes, not decoded text: the same hash for a file written from that text (UTF-8), one step less per file.
      if (contentHash(readFileSync(join(outDir, path))) !== hash) return undefined;
      hashes.set(path, hash);
    }
    hashes.set(manifestName, "");
    plan.unchanged = hashes.size;
    return finish().plan;
  };
  return { plan, take, manifestFile, finish, unchanged };
}
