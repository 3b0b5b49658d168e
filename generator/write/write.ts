// Stage 5, and the only code that writes to disk (the modules of this folder). In order:
//   out-folder.ts  refuse an output folder that holds the project, its specs or its config
//   journal.ts     undo a commit a killed run left half-done; remove staging folders of dead runs
//   manifest.ts    what statespec wrote before (what it owns) and the key of a no-op run
//   staging.ts     plan against out/ (ownership decided here) and stage changed files inside out/
//   commit.ts      move them in by renames, rolled back on any failure
import { displayPath } from "../paths.js";
import type { OutputPlan } from "./staging.js";
import { escapeForTerminal } from "../text-safety.js";

export { refuseUnsafeOut } from "./out-folder.js";
export { hasPendingJournal, recoverOutFolder } from "./journal.js";
export { manifestName, matchesManifest, readPreviousManifest, type Manifest, type ManifestKey } from "./manifest.js";
export { scanOut } from "./scan.js";
export { removeStagingFolder, stageOutput, writeFailed, type OutputPlan } from "./staging.js";
export { commitOutput } from "./commit.js";

export function isUpToDate(plan: OutputPlan): boolean {
  return plan.writes.length === 0 && plan.orphaned.length === 0 && plan.foreign.length === 0;
}

/** What --check prints: every missing, stale, orphaned and foreign file, stale ones with their first difference. */
export function describePlan(plan: OutputPlan): string {
  // Names in out/ are anyone's: one with a line break must not print a line of its own (a CI log command).
  const shown = escapeForTerminal(displayPath(plan.outDir));
  const lines: string[] = [];
  for (const path of plan.missing) lines.push(`missing:  ${shown}/${escapeForTerminal(path)}`);
  for (const { path, diff } of plan.stale) lines.push(`stale:    ${shown}/${escapeForTerminal(path)}`, diff);
  for (const path of plan.orphaned) lines.push(`orphaned: ${shown}/${escapeForTerminal(path)} (statespec no longer generates it; generate removes it)`);
  for (const path of plan.foreign) lines.push(`foreign:  ${shown}/${escapeForTerminal(path)} (not written by statespec; generate leaves it alone, but ${shown} is not clean: move it elsewhere or delete it)`);
  return lines.join("\n");
}
