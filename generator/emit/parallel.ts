// The TypeScript emitter in a worker thread: same emitter, same output, less wall time on a cold start.
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { generatorFolder, runningFromSources } from "../common/package-root.js";
import type { Emitted, OffloadedEmitter } from "./contract.js";

/** An offloaded emitter its starter must stop, however the run ends. */
export interface EmitterThread extends OffloadedEmitter {
  /** Ends the thread, finished or not. */
  stop: () => Promise<void>;
}

/** undefined when running from TypeScript sources (tests), where a worker cannot load the emitter. */
export function startTypeScriptWorker(): EmitterThread | undefined {
  if (runningFromSources) return undefined;
  // The compiled module (tsc's output, also beside the bundled executable), which loads ts-morph in the thread.
  const worker = new Worker(join(generatorFolder(), "emit", "typescript-worker.js"));
  // Unreferenced until its output is awaited. That alone does not let a run that stops early (invalid spec) exit:
  // the message listener below keeps the thread's port referenced. Hence `stop`, which the starter always calls.
  worker.unref();
  const files: Emitted[] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  worker.on("message", (file: Emitted) => {
    files.push(file);
    wake?.();
  });
  worker.on("error", (error) => {
    failure = error;
    wake?.();
  });
  worker.on("exit", () => {
    finished = true;
    wake?.();
  });
  return {
    async stop() {
      if (!finished) await worker.terminate();
    },
    start(model, options) {
      worker.ref();
      // The whole model and options, as any emitter gets them: the thread runs the same pure emitter, so it must
      // see the same input (whatever the TypeScript emitter reads today or tomorrow).
      worker.postMessage({ model, options });
    },
    ready() {
      if (failure) throw failure;
      return files.splice(0);
    },
    async *rest() {
      for (;;) {
        if (failure) throw failure;
        const file = files.shift();
        if (file) yield file;
        else if (finished) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
