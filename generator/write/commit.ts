// The commit: under the lock, the staged files are renamed into out/ and the orphans out, synchronously (no signal
// handler runs in between). Every file it replaces or removes is first moved aside into the staging folder, so a
// failure puts out/ back exactly as it was (rollBack; should that fail, the next run does, as after a SIGKILL).
import { mkdirSync, rmdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { Diagnostic } from "../common/diagnostics.js";
import { attempt, identity, isFolder, move } from "../common/file-system.js";
import { displayPath, parentFolders } from "../common/paths.js";
import { journalName, lock, unlock, type Moves } from "./lock.js";
import { writeFailed, type OutputPlan } from "./plan.js";
import { hasRealParents, rollBack } from "./recover.js";
import type { Staging } from "./staging.js";

// Test-only, never set otherwise: a pause after each rename, so the kill tests land signals inside the commit.
const pauseMs = Number(process.env.STATESPEC_TEST_COMMIT_PAUSE_MS ?? 0);

/** Moves the staged files into out/ under the lock; says why where nothing moved (or all was rolled back). */
export function commitOutput({ outDir, writes, orphaned: removes, seen }: OutputPlan, staging: Staging): Diagnostic[] {
  if (staging.signal) return [writeFailed(outDir, `interrupted by ${staging.signal}`)];
  const createdFolders = [...new Set(writes.flatMap(parentFolders))].filter((path) => !isFolder(join(outDir, path)));
  const journal: Moves = { staging: basename(staging.dir), writes, removes, createdFolders };
  const locked = lock(outDir, journal);
  if (locked !== undefined) return [writeFailed(outDir, locked)];
  // Under the lock: each file the plan saw must be as out/ was first read, or the run would move what it did not check.
  // Where a write needs a folder, a file it removes may stand (moved aside first): below it the plan saw nothing.
  const moved = [...removes, ...writes].sort();
  const was = (path: string) => seen.get(path) ?? "-";
  const changed = moved
    .filter((path) => !parentFolders(path).some((folder) => seen.has(folder)))
    .find((path) => !hasRealParents(outDir, path) || identity(join(outDir, path)) !== was(path));
  if (changed !== undefined) {
    unlock(outDir);
    return [writeFailed(outDir, `${changed} changed while statespec was running; run again`)];
  }
  const { code } = attempt(() => {
    const step = (from: string, to: string) => {
      move(from, to);
      if (pauseMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
      staging.beat();
    };
    for (const path of moved.filter((path) => was(path) !== "-"))
      step(join(outDir, path), join(staging.dir, "old", path));
    // One at a time, never recursive: a link put where a folder is made fails the commit instead of being followed.
    for (const folder of createdFolders) if (!isFolder(join(outDir, folder))) mkdirSync(join(outDir, folder));
    for (const path of writes) step(join(staging.dir, "new", path), join(outDir, path));
  });
  if (code !== undefined) {
    if (rollBack(outDir, journal)) return [writeFailed(outDir, code)];
    staging.keep = true;
    const then = `the next statespec generate restores ${displayPath(outDir)} from its journal (${journalName})`;
    return [writeFailed(outDir, code, ` and could not put everything back; ${then}`)];
  }
  // The commit point: without the journal, the next run keeps what is in out/ now.
  unlock(outDir);
  // Folders emptied by removing orphans go too (not out/ itself), each before its parent; one not empty stays.
  for (const folder of [...new Set(removes.flatMap(parentFolders))].reverse())
    attempt(() => rmdirSync(join(outDir, folder)));
  return [];
}
