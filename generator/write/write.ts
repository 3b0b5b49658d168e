// Stage 5, the write: one transaction (plan -> stage -> commit; recover), and the only code that writes to out/.
// Which folder out/ may be at all is config/folders.ts's rule, checked before this stage runs.
import type { Diagnostic } from "../common/diagnostics.js";
import type { GeneratedFile } from "../emit/contract.js";
import { commitOutput } from "./commit.js";
import { planOutput, vouch, writeFailed, type ManifestKey, type OutputPlan } from "./plan.js";
import { recoverOutFolder } from "./recover.js";
import { openStaging, type Staging } from "./staging.js";

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
  try {
    for await (const file of files) stage(file);
    const manifest = planner.manifestFile();
    stage(manifest);
    const { plan, conflicts } = planner.finish();
    if (conflicts.length > 0) return { diagnostics: conflicts };
    if (!check) {
      // Nothing to move in but something to remove: the commit still needs a staging folder to move it aside into.
      if (plan.orphaned.length > 0) staging ??= openStaging(outDir);
      // Recovery again, right before the commit: waits for a concurrent run's commit to finish.
      let failed = await recoverOutFolder(outDir);
      if (failed.length === 0 && staging) failed = commitOutput(plan, staging);
      if (failed.length > 0) return { diagnostics: failed };
    }
    // Every file compared: out/ is (committed, or found current by --check) what this manifest says (plan.ts, vouch).
    if (!check || (plan.writes.length === 0 && plan.orphaned.length === 0)) vouch(manifest.contents);
    return { diagnostics: [], plan };
  } catch (error) {
    // A file system error (an interrupted run's too) is reported; anything else is a bug, or the emitters' stop.
    const code = (error as NodeJS.ErrnoException)?.code;
    if (typeof code !== "string") throw error;
    return { diagnostics: [writeFailed(outDir, code)] };
  } finally {
    staging?.close();
  }
}
