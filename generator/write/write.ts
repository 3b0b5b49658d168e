// Stage 5, the write: one transaction, and the only code that writes to out/.
//   plan.ts       what in out/ is statespec's and what this run changes, decided before anything moves
//   staging.ts    each changed file written into a staging folder inside out/, as the files stream in
//   commit.ts     under the lock, renamed into out/; any failure puts out/ back as it was
//   recover.ts    the next run undoes a commit a killed run left half-done; dead runs' staging folders go
//   lock.ts       the lock (the journal) and who holds it
// Which folder out/ may be at all is the config's rule (config/folders.ts), checked before this stage runs.
import type { Diagnostic } from "../common/diagnostics.js";
import type { GeneratedFile } from "../emit/contract.js";
import { commitOutput } from "./commit.js";
import { planOutput, writeFailed, type ManifestKey, type OutputPlan } from "./plan.js";
import { recoverOutFolder } from "./recover.js";
import { openStaging, type Staging } from "./staging.js";

export { unchangedOutput, type OutputPlan } from "./plan.js";
export { recoverOutFolder } from "./recover.js";

/** Plan and stage the files as they stream in, then commit (with `check`, only plan). */
export async function writeOutput(
  outDir: string,
  files: AsyncIterable<GeneratedFile>,
  key: ManifestKey,
  check: boolean,
): Promise<{ diagnostics: Diagnostic[]; plan?: OutputPlan }> {
  const planner = planOutput(outDir, key);
  // Made with the first file that changes: a run that changes nothing writes nothing, not even a folder.
  let staging: Staging | undefined;
  const stage = (file: GeneratedFile) => {
    if (planner.take(file) && !check) (staging ??= openStaging(outDir)).put(file.path, file.contents);
  };
  let planned;
  try {
    for await (const file of files) stage(file);
    stage(planner.manifestFile());
    planned = planner.finish();
    // Nothing to move in but something to remove: the commit still needs a staging folder to move it aside into.
    if (!check && planned.conflicts.length === 0 && planned.plan.orphaned.length > 0) staging ??= openStaging(outDir);
  } catch (error) {
    staging?.remove();
    staging?.release();
    // A file system error (an interrupted run's too) is reported; anything else is a bug, or the emitters' stop.
    const code = (error as NodeJS.ErrnoException)?.code;
    if (typeof code !== "string") throw error;
    return { diagnostics: [writeFailed(outDir, code)] };
  }
  const { plan, conflicts } = planned;
  // Recovery again, right before the commit: waits for a concurrent run's commit to finish.
  const diagnostics = conflicts.length > 0 || check ? conflicts : await recoverOutFolder(outDir);
  if (diagnostics.length > 0 || check || !staging) {
    staging?.remove();
    staging?.release();
    return diagnostics.length > 0 ? { diagnostics } : { diagnostics: [], plan };
  }
  const failed = commitOutput(plan, staging);
  return failed.length === 0 ? { diagnostics: [], plan } : { diagnostics: failed };
}
