// `statespec generate --watch`: regenerate when specs, templates or the config change; survive invalid states.
import { escapeForTerminal } from "../common/text-safety.js";
import { watch, type FSWatcher } from "node:fs";
import { dirname, join } from "node:path";
import { configFileName, loadConfig, visibleDiagnostics, type ConfigOverrides } from "../config/config.js";
import { templatesFolder } from "../common/package-root.js";
import type { CommandContext } from "./context.js";
import { hasErrors } from "../common/diagnostics.js";
import { compile } from "../compile/compile.js";
import { summarize } from "./summary.js";
import { displayPath } from "../common/paths.js";

const stopSignals = ["SIGINT", "SIGTERM"] as const;

/**
 * Runs until SIGINT or SIGTERM (or `signal` aborts: in tests, or when stdout is gone), then exits 0: stopping is
 * how a watch ends. A generation in progress is finished first, so out/ is never left half-written.
 */
export async function watchAndGenerate(overrides: ConfigOverrides, context: CommandContext, signal?: AbortSignal): Promise<number> {
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let stopped = false;
  const configFolder = overrides.config !== undefined ? dirname(join(context.cwd, overrides.config)) : context.cwd;

  const closeWatchers = () => {
    for (const watcher of watchers) watcher.close();
    watchers = [];
  };
  const run = async () => {
    // A change seen just before the stop may still have queued a run: it must not start new watchers.
    if (stopped) return;
    const loaded = await loadConfig(context.cwd, overrides);
    context.notice(loaded.config?.notice);
    // Folders are watched again after every run: the config may have named other spec folders.
    closeWatchers();
    // The folder of the config the run found (it may be above the working folder), or where one would be made.
    const found = loaded.config?.configPath;
    const folders = [...(loaded.config?.specs ?? []), templatesFolder(), found !== undefined ? dirname(found) : configFolder];
    watchers = folders.flatMap((folder) => {
      try {
        // A watcher that fails later (its folder removed) is replaced by the next run.
        return [watch(folder, () => schedule()).on("error", () => schedule())];
      } catch {
        return [];
      }
    });
    if (!loaded.config) {
      context.printDiagnostics(loaded.diagnostics);
    } else {
      const result = await compile(loaded.config, { check: false });
      context.printDiagnostics(visibleDiagnostics(result.diagnostics, loaded.config, context.cwd, overrides.allWarnings));
      if (!hasErrors(result.diagnostics) && result.plan) context.io.out(summarize(result.plan, false));
    }
    if (stopped) return;
    context.io.out(`watching ${folders.map((folder) => escapeForTerminal(displayPath(folder))).join(", ")} (${configFileName}); Ctrl-C to stop\n`);
  };
  // A run that fails (a folder removed under it, a disk that filled up) is reported in one line; watching goes on.
  const runReported = () =>
    run().catch((error: unknown) => {
      const reason = typeof (error as NodeJS.ErrnoException)?.syscall === "string" ? String((error as Error).message).split("\n")[0] : `internal error: ${(error as Error)?.stack ?? String(error)}`;
      context.io.err(`statespec generate --watch: ${reason}\n`);
    });
  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    // Editors write a file in several steps; wait for them to settle, and never run two generations at once.
    timer = setTimeout(() => {
      running = running.then(runReported);
    }, 150);
  };

  running = running.then(runReported);
  await new Promise<void>((resolve) => {
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      closeWatchers();
      for (const name of stopSignals) process.off(name, stop);
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    if (signal?.aborted) return stop();
    signal?.addEventListener("abort", stop, { once: true });
    // Once stopped, the listeners are gone: a second Ctrl-C during a long generation ends the process at once.
    for (const name of stopSignals) process.on(name, stop);
  });
  await running;
  closeWatchers();
  return 0;
}
