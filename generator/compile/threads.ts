// Where the stages run, behind one function: in this thread, with the TypeScript emitter on a second core or not.
// The output is the same bytes whichever runs (test/generate.test.ts).
import type { Config } from "../config/config.js";
import type { OffloadedEmitter } from "../emit/contract.js";
import type { ArtifactKind } from "../emit/index.js";
import type { Inputs } from "./inputs.js";
import type { CompileResult } from "./types.js";

const workerSpecBytesLimit = 1024 * 1024;

export type Offloaded = Partial<Record<ArtifactKind, OffloadedEmitter>>;

/**
 * Runs `stages` with the emitters that run elsewhere. The TypeScript worker starts before the specs are loaded, so
 * ts-morph loads on the other core meanwhile: that pays where loading ts-morph dominates, on specs of ordinary
 * size. A large spec is emitted in this thread, so its model is not held twice.
 */
export async function inThreads(
  config: Config,
  inputs: Inputs,
  stages: (offloaded: Offloaded) => Promise<CompileResult>,
): Promise<CompileResult> {
  const offloading = inputs.specBytes < workerSpecBytesLimit && config.artifacts.includes("typescript");
  const [threads, record] = await Promise.all([import("../emit/parallel.js"), import("./typescript-record.js")]);
  const name = offloading ? record.recordName(config, inputs) : "";
  // Files recorded for these specs need no thread: the one started early is ended before it has loaded much.
  const recorded = offloading ? record.recordedTypeScript(name) : undefined;
  const typescriptWorker = offloading && !recorded ? threads.startTypeScriptWorker() : undefined;
  if (!typescriptWorker) threads.dropEarlyTypeScriptWorker();
  const typescript = recorded ?? (typescriptWorker && record.recording(typescriptWorker, name));
  try {
    return await stages(typescript ? { typescript } : {});
  } finally {
    // However the run ends (invalid spec, unknown vendor, a failed write), the thread must not outlive it: it
    // would keep the process from exiting, and `--watch` would gain one per run.
    await typescriptWorker?.stop();
  }
}
