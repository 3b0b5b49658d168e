// Runs the TypeScript emitter on a second core. It starts loading ts-morph (the slowest module to load) as
// soon as `generate` knows it must emit, while the main thread loads, validates and emits everything else.
import { keepCompiledCode } from "../common/compile-cache.js"; // first: ts-morph is loaded through the cache
import { parentPort } from "node:worker_threads";
import type { EmitOptions } from "./contract.js";
import type { Model } from "../model/model.js";

// This thread is statespec's own: Node 20's code cache may hook its module loader before ts-morph loads.
keepCompiledCode();
const { emitTypeScript } = await import("./typescript.js");

parentPort!.once("message", ({ model, options }: { model: Model; options: EmitOptions }) => {
  for (const item of emitTypeScript(model, options)) parentPort!.postMessage(item);
  parentPort!.close();
});
