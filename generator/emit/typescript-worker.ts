// Runs the TypeScript emitter on a second core. It starts loading ts-morph (the slowest module to load) as
// soon as `generate` knows it must emit, while the main thread loads, validates and emits everything else.
// The build bundles it as CommonJS (dist/generator/emit/typescript-worker.cjs, generator/build/bundle.mjs): one
// file, no ES module graph to resolve and link in the new thread before ts-morph starts loading.
import { keepCompiledCode } from "../common/compile-cache.js"; // first: ts-morph is loaded through the cache
import { parentPort } from "node:worker_threads";
import type { EmitOptions } from "./contract.js";
import type { Model } from "../model/model.js";

// This thread is statespec's own: its code cache may hook the module loader before ts-morph loads. Kept whole on
// every Node version: Node's own cache would miss the code compiled after loading (measured in docs/performance.md).
keepCompiledCode(true);
// Loading starts now, not when the model arrives. No top-level await: CommonJS has none. A failed load rejects
// unhandled and ends the thread with an error, as a failed import did.
const emitter = import("./typescript.js");

parentPort!.once("message", ({ model, options }: { model: Model; options: EmitOptions }) => {
  void emitter.then(({ emitTypeScript }) => {
    for (const item of emitTypeScript(model, options)) parentPort!.postMessage(item);
    // The end of the output, said before the thread winds down: the run writes on while this thread's heap (ts-morph
    // and TypeScript, ~100 MB) is torn down, rather than after (measured: 10 to 30 ms of a cold run's wall time).
    parentPort!.postMessage(null);
    parentPort!.close();
  });
});
