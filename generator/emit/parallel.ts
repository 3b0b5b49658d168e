// The TypeScript emitter in a worker thread: same emitter, same output, less wall time on a cold start.
import { Worker } from "node:worker_threads";
import type { Model } from "../model.js";
import type { EmitOptions, GeneratedFile } from "./index.js";

export interface ParallelEmitter {
  emit: (model: Model, options: EmitOptions) => AsyncIterable<GeneratedFile>;
}

/** undefined when running from TypeScript sources (tests), where a worker cannot load the emitter. */
export function startTypeScriptWorker(): ParallelEmitter | undefined {
  const url = new URL("./typescript-worker.js", import.meta.url);
  if (!import.meta.url.endsWith(".js")) return undefined;
  const worker = new Worker(url);
  // Unreferenced until its output is awaited: a run that stops early (invalid spec) must not wait for it.
  worker.unref();
  return {
    async *emit(model, options) {
      const files: GeneratedFile[] = [];
      let finished = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      worker.on("message", (file: GeneratedFile) => {
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
      worker.ref();
      worker.postMessage({ model, options: { enumStyle: options.enumStyle, schemaBaseUri: options.schemaBaseUri, templates: {} } });
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

