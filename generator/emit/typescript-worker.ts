// Runs the TypeScript emitter on a second core. It starts loading ts-morph (the slowest module to load) as
// soon as `generate` knows it must emit, while the main thread loads, validates and emits everything else.
import "../common/compile-cache.js"; // first: ts-morph, loaded below, is loaded through the cache
import { parentPort } from "node:worker_threads";
import { emitTypeScript } from "./typescript.js";
import type { EmitOptions } from "./contract.js";
import type { Model } from "../model/model.js";

parentPort!.once("message", ({ model, options }: { model: Model; options: EmitOptions }) => {
  for (const item of emitTypeScript(model, options)) parentPort!.postMessage(item);
  parentPort!.close();
});
