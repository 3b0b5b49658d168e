// Recovery, before a run reads out/ and again right before its commit: a commit a killed run left half-done is
// undone from its journal, staging folders of runs that no longer exist are removed, and a live run's commit is
// waited for (commits take milliseconds). With `check` it changes nothing and says what generate would do.
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { journalName, readJournal, stagingState, type Moves } from "./lock.js";
import { parentFolders } from "./plan.js";

const exists = (path: string) => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

/** False if a folder above `path` in out/ is a link or not a folder: nothing may move through it. */
export const hasRealParents = (outDir: string, path: string) =>
  parentFolders(path).every(
    (folder) => lstatSync(join(outDir, folder), { throwIfNoEntry: false })?.isDirectory() ?? true,
  );

/** Puts out/ back as it was before the journal's commit began. False if something could not be restored. */
export function rollBack(outDir: string, journal: Moves): boolean {
  const staging = join(outDir, journal.staging);
  let restored = true;
  const attempt = (step: () => void) => {
    try {
      step();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") restored = false;
    }
  };
  // A staged file that is gone was moved in: take it out again.
  for (const path of journal.writes)
    if (!exists(join(staging, "new", path)) && hasRealParents(outDir, path))
      attempt(() => unlinkSync(join(outDir, path)));
  for (const folder of [...journal.createdFolders].reverse()) {
    try {
      rmdirSync(join(outDir, folder));
    } catch {
      // Not empty or not there: it held something before, leave it.
    }
  }
  // Then every file moved aside goes back where it was.
  for (const path of [...journal.writes, ...journal.removes]) {
    if (!exists(join(staging, "old", path))) continue;
    if (!hasRealParents(outDir, path)) restored = false;
    else
      attempt(() => {
        mkdirSync(dirname(join(outDir, path)), { recursive: true });
        renameSync(join(staging, "old", path), join(outDir, path));
      });
  }
  if (restored) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(join(outDir, journalName), { force: true });
  }
  return restored;
}

/** Whether out/ holds a journal at all: the no-op path then leaves the run to the full CLI. */
export const hasPendingJournal = (outDir: string) => existsSync(join(outDir, journalName));

/** Undefined when out/ is ready to be read and written; otherwise why not (with `check`: what generate would do). */
export async function recoverOutFolder(outDir: string, check = false, waitMs = 30_000): Promise<string | undefined> {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return undefined;
  }
  const deadline = Date.now() + waitMs;
  while (names.includes(journalName)) {
    const journal = readJournal(outDir);
    if (journal === "absent") break;
    if (journal === "foreign")
      return `${journalName} is not a statespec journal; remove it if no statespec run is writing this folder`;
    const run = journal.holder;
    if (!journal.live) {
      const then = "statespec generate puts it back as it was before that run, then writes what is out of date";
      if (check) return `an interrupted run (${run}) left it half-written; ${then}`;
      if (rollBack(outDir, journal.moves)) break;
      return `an interrupted run left it half-written and it could not be restored; see ${journalName}`;
    }
    if (Date.now() > deadline) return `another statespec run (${run}) is writing it; run again when it has finished`;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  for (const name of check ? [] : names) {
    const path = join(outDir, name);
    // A dead run's staging folder (a file or link of that name is someone else's).
    if (stagingState(outDir, name) === "dead" && lstatSync(path, { throwIfNoEntry: false })?.isDirectory())
      rmSync(path, { recursive: true, force: true });
  }
  return undefined;
}
