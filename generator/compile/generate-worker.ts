// Runs `generate` for a large spec in a worker whose heap is bounded (see bounded.ts).
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/config.js";
import { compile } from "./compile.js";
import type { CompileOptions } from "./types.js";

const { config, options } = workerData as { config: Config; options: CompileOptions };
parentPort!.postMessage(await compile(config, { ...options, bounded: false }));
