// One walk of out/ that never follows a symbolic link: what is there, and of what kind. Every ownership decision
// is made from it, so a link inside out/ can never lead a write, rename or removal outside out/. Only the journal
// (read and reported on its own, journal.ts) and the staging folders of live runs are left out: any other name,
// however much it looks like statespec's (.statespec-staging-notes/), is seen like every other file.
import { lstatSync, readdirSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { journalName } from "./names.js";
import { isRunAlive, ownerOfStaging } from "./owner.js";

export type EntryKind = "file" | "symbolic link" | "folder" | "special file";

export interface OutScan {
  /** Every entry but folders, by path relative to out/ ("/"-separated). */
  entries: Map<string, Exclude<EntryKind, "folder">>;
  /** Real folders (not links to folders), by relative path. */
  folders: Set<string>;
  /** False when out/ does not exist yet. */
  exists: boolean;
  /** Staging folders of runs that no longer exist, by name (never in `entries`). */
  leftovers: string[];
}

function kindOf(entry: Dirent): EntryKind {
  if (entry.isSymbolicLink()) return "symbolic link";
  if (entry.isDirectory()) return "folder";
  if (entry.isFile()) return "file";
  return "special file";
}

export function scanOut(outDir: string): OutScan {
  const scan: OutScan = { entries: new Map(), folders: new Set(), exists: false, leftovers: [] };
  try {
    if (!lstatSync(outDir).isDirectory() && !statIsFolder(outDir)) return scan;
  } catch {
    return scan;
  }
  scan.exists = true;
  const walk = (folder: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (prefix === "" && isWorkingName(outDir, entry, scan)) continue;
      const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      const kind = kindOf(entry);
      if (kind === "folder") {
        scan.folders.add(path);
        walk(join(folder, entry.name), path);
      } else scan.entries.set(path, kind);
    }
  };
  walk(outDir, "");
  scan.leftovers.sort();
  return scan;
}

/** statespec's own working names at the top of out/: the journal and staging folders (a dead run's is a leftover). */
function isWorkingName(outDir: string, entry: Dirent, scan: OutScan): boolean {
  const name = entry.name;
  if (name === journalName) return true;
  // statespec makes staging folders only: a file or link of that name is someone else's.
  const owner = entry.isDirectory() ? ownerOfStaging(name) : undefined;
  if (owner === undefined) return false;
  if (!isRunAlive(owner, join(outDir, name))) scan.leftovers.push(name);
  return true;
}

/** out/ itself may be a link to a folder (the user chose it); links below it are never followed. */
function statIsFolder(path: string): boolean {
  try {
    return readdirSync(path) !== undefined;
  } catch {
    return false;
  }
}

/** The folders above a relative path, shallowest first: "a/b/c.ts" -> ["a", "a/b"]. */
export function parentFolders(path: string): string[] {
  const segments = path.split("/");
  return segments.slice(0, -1).map((_, index) => segments.slice(0, index + 1).join("/"));
}
