// A large spec makes a lot of short-lived garbage (parse trees, emitted text). V8 collects it late when the heap
// may grow to gigabytes, so peak memory follows the garbage, not the live model. A worker with a bounded heap
// collects early (1000 copies of the shipped spec: 610 MiB peak with it, 1.27 GB without, measured in Nov 2026).
// If the bound is ever too small, the run is repeated in this thread: correct before frugal.
import { Worker } from "node:worker_threads";
import type { Config } from "../config/config.js";
import type { CompileOptions as GenerateOptions, CompileResult as GenerateResult } from "./types.js";

const heapLimitMb = 640;

/** undefined: the worker ran out of memory (or cannot run from TypeScript sources); run in this thread. */
export async function generateInBoundedWorker(config: Config, options: GenerateOptions): Promise<GenerateResult | undefined> {
  if (!import.meta.url.endsWith(".js")) return undefined;
  const worker = new Worker(new URL("./generate-worker.js", import.meta.url), { workerData: { config, options }, resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
  try {
    return await new Promise((resolve, reject) => {
      worker.once("message", (result: GenerateResult) => resolve(result));
      worker.once("error", (error: NodeJS.ErrnoException) => (error.code === "ERR_WORKER_OUT_OF_MEMORY" ? resolve(undefined) : reject(error)));
      // A worker that ends without an answer would otherwise leave this promise pending and the process exiting 0.
      worker.once("exit", (code) => reject(new Error(`the generate worker stopped (exit code ${code}) without a result`)));
    });
  } finally {
    // The answer is in; whatever the worker still holds must not keep the process alive.
    await worker.terminate();
  }
}
