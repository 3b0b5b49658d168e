// The TypeScript emitter in a worker thread: same emitter, same output, less wall time on a cold start.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { generatorFolder, runningFromSources } from "../common/package-root.js";
import type { Emitted, OffloadedEmitter } from "./contract.js";

/** An offloaded emitter its starter must stop, however the run ends. */
export interface EmitterThread extends OffloadedEmitter {
  /** Ends the thread, finished or not. */
  stop: () => Promise<void>;
}

/** A thread started, and what it has said so far: an error or its exit before anyone listens is kept. */
interface Started {
  worker: Worker;
  failure?: unknown;
  /** The thread has sent its last file (a null message), or has exited. */
  finished: boolean;
  wake?: () => void;
}

let early: Started | undefined;

/** The thread's script: the build's CommonJS bundle of it (generator/build/bundle.mjs), or tsc's module where dist/
 * was built by tsc alone. Either loads ts-morph in the thread. */
function workerScript(): string {
  const bundled = join(generatorFolder(), "emit", "typescript-worker.cjs");
  return existsSync(bundled) ? bundled : join(generatorFolder(), "emit", "typescript-worker.js");
}

function spawn(): Started {
  const started: Started = { worker: new Worker(workerScript()), finished: false };
  // Unreferenced until its output is awaited, and without a message listener until then (one keeps the thread's
  // port referenced): a thread started early that no run takes (an invalid config, a large spec) never keeps the
  // process from exiting. A taken one is stopped by its taker, however the run ends.
  started.worker.unref();
  started.worker.on("error", (error) => {
    started.failure = error;
    started.wake?.();
  });
  started.worker.on("exit", () => {
    started.finished = true;
    started.wake?.();
  });
  return started;
}

/**
 * Starts the thread as early as the executable knows it runs `generate`, before the CLI and the config load: the
 * thread's cost is loading ts-morph, about 300 ms that then overlap the main thread's loading. Not from sources.
 */
export function startTypeScriptWorkerEarly(): void {
  if (!runningFromSources && !early) early = spawn();
}

/** Ends the thread started early when the run does not emit TypeScript in it (no typescript artifact, a large
 * spec emitted in the main thread): it would hold ts-morph's heap, a second copy for a large spec. */
export function dropEarlyTypeScriptWorker(): void {
  void early?.worker.terminate();
  early = undefined;
}

/** The thread started early, or a new one; undefined when running from TypeScript sources (tests), where a worker
 * cannot load the emitter. */
export function startTypeScriptWorker(): EmitterThread | undefined {
  if (runningFromSources) return undefined;
  const started = early ?? spawn();
  early = undefined;
  const { worker } = started;
  const files: Emitted[] = [];
  worker.on("message", (file: Emitted | null) => {
    if (file === null) started.finished = true;
    else files.push(file);
    started.wake?.();
  });
  return {
    async stop() {
      if (!started.finished) await worker.terminate();
    },
    start(model, options) {
      worker.ref();
      // The whole model and options, as any emitter gets them: the thread runs the same pure emitter, so it must
      // see the same input (whatever the TypeScript emitter reads today or tomorrow).
      worker.postMessage({ model, options });
    },
    ready() {
      if (started.failure) throw started.failure;
      return files.splice(0);
    },
    async *rest() {
      for (;;) {
        if (started.failure) throw started.failure;
        const file = files.shift();
        if (file) yield file;
        else if (started.finished) return;
        else await new Promise<void>((resolve) => (started.wake = resolve));
      }
    },
  };
}
