// Runs `generate` for a large spec in a worker whose heap is bounded (see bounded.ts).
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/config.js";
import { generate, type GenerateOptions } from "./compile.js";

const { config, options } = workerData as { config: Config; options: GenerateOptions };
parentPort!.postMessage(await generate(config, { ...options, bounded: false }));
