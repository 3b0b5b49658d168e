// Staging: each changed file is written into a staging folder inside out/ (the same file system: the commit is
// renames only). While it exists, the run's heartbeat touches it (lock.ts), and SIGINT, SIGTERM or SIGHUP remove it
// and end the process (128 + signal); one during the synchronous commit is handled once out/ is complete. SIGKILL is
// the journal's to cover. With another listener (--watch), the run is only abandoned: that one decides the exit.
import { existsSync, mkdirSync, rmdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { isMainThread } from "node:worker_threads";
import { attempt, makeFolder } from "../common/file-system.js";
import { newStagingName } from "./lock.js";

export type Staging = ReturnType<typeof openStaging>;

const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export function openStaging(outDir: string) {
  const createdOut = !existsSync(outDir);
  const dir = join(outDir, newStagingName());
  try {
    makeFolder(outDir);
    // Never a folder that is there already: a staging folder is one run's own.
    mkdirSync(dir);
  } catch (error) {
    if (createdOut) attempt(() => rmdirSync(outDir));
    throw error;
  }
  const staging = {
    dir,
    signal: undefined as NodeJS.Signals | undefined,
    /** Set by a commit that could not be undone: its journal names this folder, whose old/ the next run restores. */
    keep: false,
    put(path: string, contents: string) {
      if (staging.signal) throw Object.assign(new Error("interrupted"), { code: `interrupted by ${staging.signal}` });
      mkdirSync(dirname(join(dir, "new", path)), { recursive: true });
      writeFileSync(join(dir, "new", path), contents, "utf8");
    },
    /** The heartbeat: touches the folder (also called in synchronous work, where no timer fires). */
    beat: () => attempt(() => utimesSync(dir, new Date(), new Date())),
    /** Removes the folder (unless kept), and out/ if this run made it and it is empty again; stops the heartbeat. */
    close() {
      if (!staging.keep) {
        rmSync(dir, { recursive: true, force: true });
        if (createdOut) attempt(() => rmdirSync(outDir));
      }
      clearInterval(timer);
      // A signal that arrived during the synchronous commit is dispatched in the event loop's next poll phase; a
      // listener removed before that would drop it, and the run would exit 0. Two check-phase hops outlast it.
      setImmediate(() => setImmediate(stop));
    },
  };
  // Unreferenced: the heartbeat never keeps a finished process running.
  const timer = setInterval(() => staging.beat(), 1000).unref();
  const onSignal = (signal: NodeJS.Signals) => {
    staging.signal = signal;
    staging.close();
    stop();
    if (process.listenerCount(signal) === 0) process.exit(128 + constants.signals[signal]);
  };
  const stop = () => signals.forEach((signal) => process.off(signal, onSignal));
  // Signals reach only the main thread; a run in a worker is covered by the journal and the next run's recovery.
  if (isMainThread) signals.forEach((signal) => process.on(signal, onSignal));
  return staging;
}
