// What a run of the pipeline takes and gives, shared by compile.ts and the threads it may run in.
import type { Diagnostic } from "../common/diagnostics.js";
import type { Model } from "../model/model.js";
import type { OutputPlan } from "../write/plan.js";

export interface CompileOptions {
  /** Compare only; write nothing. */
  check: boolean;
  /** Ignore the manifest and regenerate everything in memory, even when the inputs are unchanged. */
  full?: boolean;
  /**
   * Stop before writing when the validated model's diagnostics fail this test, as an error stops a run
   * (`--fail-on warning`). Such a run validates even when out/ is current: a no-op run would not see the warnings.
   */
  stopOn?: (diagnostics: readonly Diagnostic[]) => boolean;
}

export interface CompileResult {
  diagnostics: Diagnostic[];
  /** What was written (or, with check, would be); absent when a stage reported an error. */
  plan?: OutputPlan;
}

export interface ModelResult {
  /** Present only when no stage reported an error. */
  model?: Model;
  diagnostics: Diagnostic[];
}
