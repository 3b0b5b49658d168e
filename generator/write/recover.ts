// Recovery, before a run reads out/ and again right before its commit: a commit a killed run left half-done is undone
// from its journal, dead runs' staging folders go, and a live run's commit is waited for (commits take milliseconds).
import { existsSync, readdirSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../common/diagnostics.js";
import { attempt, isFolder, move } from "../common/file-system.js";
import { parentFolders } from "../common/paths.js";
import { journalName, readJournal, stagingRun, type Moves } from "./lock.js";
import { writeFailed } from "./plan.js";

/** False if a folder above `path` in out/ is a link or not a folder: nothing may move through it. */
export const hasRealParents = (outDir: string, path: string) =>
  parentFolders(path).every((folder) => isFolder(join(outDir, folder)) ?? true);

/** Puts out/ back as it was before the journal's commit began. False if something could not be restored. */
export function rollBack(outDir: string, journal: Moves): boolean {
  const inStaging = (part: "new" | "old", path: string) => join(outDir, journal.staging, part, path);
  let restored = true;
  // A file already gone is fine; any other failure leaves the journal for the next run.
  const undo = (step: () => void) => (restored = (attempt(step).code ?? "ENOENT") === "ENOENT" && restored);
  // A staged file that is gone was moved in: take it out again.
  for (const path of journal.writes)
    if (!existsSync(inStaging("new", path)) && hasRealParents(outDir, path)) undo(() => unlinkSync(join(outDir, path)));
  // A created folder that is not empty held something before: it stays.
  for (const folder of [...journal.createdFolders].reverse()) attempt(() => rmdirSync(join(outDir, folder)));
  for (const path of [...journal.writes, ...journal.removes].filter((path) => existsSync(inStaging("old", path))))
    if (hasRealParents(outDir, path)) undo(() => move(inStaging("old", path), join(outDir, path)));
    else restored = false;
  if (!restored) return false;
  // The journal first: without it out/ is as before, and the staging folder only a dead run's leftover.
  rmSync(join(outDir, journalName), { force: true });
  rmSync(join(outDir, journal.staging), { recursive: true, force: true });
  return true;
}

/** None when out/ is ready to read and write, or why not (with `check`: what generate would do; it changes nothing). */
export async function recoverOutFolder(outDir: string, check = false): Promise<Diagnostic[]> {
  const failed = (reason: string) => [writeFailed(outDir, reason)];
  const deadline = Date.now() + 30_000;
  for (let journal = readJournal(outDir); journal !== "absent"; journal = readJournal(outDir)) {
    if (journal === "foreign")
      return failed(`${journalName} is not a statespec journal; remove it if no statespec run is writing this folder`);
    if (!journal.live) {
      const then = "statespec generate puts it back as it was before that run, then writes what is out of date";
      if (check) return failed(`an interrupted run (${journal.holder}) left it half-written; ${then}`);
      if (rollBack(outDir, journal.moves)) break;
      return failed(`an interrupted run left it half-written and it could not be restored; see ${journalName}`);
    }
    if (Date.now() > deadline)
      return failed(`another statespec run (${journal.holder}) is writing it; run again when it has finished`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  // A dead run's staging folder (a file or link of that name is someone else's).
  for (const name of check ? [] : (attempt(() => readdirSync(outDir)).value ?? []))
    if (stagingRun(outDir, name)?.live === false && isFolder(join(outDir, name)))
      rmSync(join(outDir, name), { recursive: true, force: true });
  return [];
}
