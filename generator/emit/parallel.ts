// The TypeScript emitter in a worker thread: same emitter, same output, less wall time on a cold start.
import { Worker } from "node:worker_threads";
import type { GeneratedFile, OffloadedEmitter } from "./index.js";

/** undefined when running from TypeScript sources (tests), where a worker cannot load the emitter. */
export function startTypeScriptWorker(): OffloadedEmitter | undefined {
  if (!import.meta.url.endsWith(".js")) return undefined;
  const worker = new Worker(new URL("./typescript-worker.js", import.meta.url));
  // Unreferenced until its output is awaited: a run that stops early (invalid spec) must not wait for it.
  worker.unref();
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
  return {
    start(model, options) {
      worker.ref();
      // Only what the emitter reads crosses the thread boundary: vendors, not the documents they came from.
      worker.postMessage({ model: { documents: [], vendors: model.vendors, specHash: model.specHash }, options: { enumStyle: options.enumStyle, schemaBaseUri: options.schemaBaseUri, templates: {} } });
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
