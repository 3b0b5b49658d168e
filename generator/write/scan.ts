// One walk of out/ that never follows a symbolic link: what is there, and of what kind. Every ownership decision
// is made from it, so a link inside out/ can never lead a write, rename or removal outside out/.
import { lstatSync, readdirSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { isReservedName } from "./names.js";

export type EntryKind = "file" | "symbolic link" | "folder" | "special file";

export interface OutScan {
  /** Every entry but folders, by path relative to out/ ("/"-separated). */
  entries: Map<string, Exclude<EntryKind, "folder">>;
  /** Real folders (not links to folders), by relative path. */
  folders: Set<string>;
  /** False when out/ does not exist yet. */
  exists: boolean;
}

function kindOf(entry: Dirent): EntryKind {
  if (entry.isSymbolicLink()) return "symbolic link";
  if (entry.isDirectory()) return "folder";
  if (entry.isFile()) return "file";
  return "special file";
}

export function scanOut(outDir: string): OutScan {
  const scan: OutScan = { entries: new Map(), folders: new Set(), exists: false };
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
      if (prefix === "" && isReservedName(entry.name)) continue;
      const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      const kind = kindOf(entry);
      if (kind === "folder") {
        scan.folders.add(path);
        walk(join(folder, entry.name), path);
      } else scan.entries.set(path, kind);
    }
  };
  walk(outDir, "");
  return scan;
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
