// Stage 5, and the only code that writes to disk (the modules of this folder). In order:
//   out-folder.ts  refuse an output folder that holds the project, its specs or its config
//   journal.ts     undo a commit a killed run left half-done; remove staging folders of dead runs
//   manifest.ts    what statespec wrote before (what it owns) and the key of a no-op run
//   staging.ts     plan against out/ (ownership decided here) and stage changed files inside out/
//   commit.ts      move them in by renames, rolled back on any failure
import type { Diagnostic } from "../common/diagnostics.js";
import { displayPath } from "../common/paths.js";
import { escapeForTerminal } from "../common/text-safety.js";
import type { GeneratedFile } from "../emit/contract.js";
import { commitOutput } from "./commit.js";
import { describeJournal, recoverOutFolder } from "./journal.js";
import type { ManifestKey } from "./manifest.js";
import { refuseUnsafeOut, type OutTarget } from "./out-folder.js";
import { stageOutput, writeFailed, type OutputPlan } from "./staging.js";

export { refuseUnsafeOut, type OutTarget } from "./out-folder.js";
export { hasPendingJournal, recoverOutFolder } from "./journal.js";
export { manifestName, matchesManifest, readPreviousManifest, type Manifest, type ManifestKey } from "./manifest.js";
export { scanOut } from "./scan.js";
export { unchangedOutput } from "./unchanged.js";
export { stageOutput, writeFailed, type OutputPlan } from "./staging.js";
export { commitOutput } from "./commit.js";

/**
 * Before anything reads out/: refuse a folder that holds the project, and undo a commit a killed run left half-done
 * (with `check`, only report it: --check writes nothing).
 */
export async function openOutFolder(target: OutTarget, cwd: string, check: boolean): Promise<Diagnostic[]> {
  const refused = refuseUnsafeOut(target, cwd);
  if (refused.length > 0) return refused;
  if (check) {
    // Read only, and worded after what generate would do: wait for a live commit, refuse, or put out/ back.
    const journal = await describeJournal(target.out);
    return journal === undefined ? [] : [writeFailed(target.out, journal)];
  }
  const recovered = await recoverOutFolder(target.out);
  return recovered.ok ? [] : [writeFailed(target.out, recovered.reason)];
}

/** The stage's entry: plan and stage the files as they stream in, then commit them (with `check`, only plan). */
export async function writeOutput(
  outDir: string,
  files: AsyncIterable<GeneratedFile>,
  key: ManifestKey,
  check: boolean,
): Promise<{ diagnostics: Diagnostic[]; plan?: OutputPlan }> {
  const staged = await stageOutput(outDir, files, key, check);
  if (!staged.plan || check) return staged;
  // Recovery again, right before the commit: waits for a concurrent run's commit to finish.
  const ready = await recoverOutFolder(outDir);
  const failed = commitOutput(staged.plan, staged.guard, ready.ok ? undefined : ready.reason);
  return failed.length === 0 ? { diagnostics: [], plan: staged.plan } : { diagnostics: failed };
}

export function isUpToDate(plan: OutputPlan): boolean {
  const changes = plan.writes.length + plan.orphaned.length;
  return changes === 0 && plan.foreign.length === 0 && plan.leftovers.length === 0;
}

/** What --check prints: every missing, stale, orphaned and foreign file (stale ones with their first difference), and
 * every staging folder a dead run left. */
export function describePlan(plan: OutputPlan): string {
  // Names in out/ are anyone's: one with a line break must not print a line of its own (a CI log command).
  const shown = escapeForTerminal(displayPath(plan.outDir));
  const lines: string[] = [];
  for (const path of plan.missing) lines.push(`missing:  ${shown}/${escapeForTerminal(path)}`);
  for (const { path, diff } of plan.stale) lines.push(`stale:    ${shown}/${escapeForTerminal(path)}`, diff);
  for (const path of plan.orphaned)
    lines.push(`orphaned: ${shown}/${escapeForTerminal(path)} (statespec no longer generates it; generate removes it)`);
  for (const name of plan.leftovers) {
    const why = "the staging folder of a statespec run that no longer exists; generate removes it";
    lines.push(`leftover: ${shown}/${escapeForTerminal(name)} (${why})`);
  }
  for (const path of plan.foreign)
    lines.push(
      `foreign:  ${shown}/${escapeForTerminal(path)} (not written by statespec; generate leaves it alone, but ${shown} is not clean: move it elsewhere or delete it)`,
    );
  return lines.join("\n");
}
