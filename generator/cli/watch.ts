// `statespec generate --watch`: regenerate when specs, templates or the config change (and nothing else: see
// watched-inputs.ts); survive invalid states.
import { join } from "node:path";
import { escapeForTerminal } from "../common/text-safety.js";
import {
  configFileName,
  locateConfig,
  loadConfig,
  visibleDiagnostics,
  type ConfigOverrides,
} from "../config/config.js";
import type { CommandContext } from "./context.js";
import { hasErrors } from "../common/diagnostics.js";
import { compile } from "../compile/compile.js";
import { summarize } from "./summary.js";
import { followFolder, type FollowedFolder } from "./follow-folder.js";
import { watchedInputs, type Input } from "./watched-inputs.js";

const stopSignals = ["SIGINT", "SIGTERM"] as const;

/**
 * Runs until SIGINT or SIGTERM (or `signal` aborts: in tests, or when stdout is gone), then exits 0: stopping is
 * how a watch ends. A generation in progress is finished first, so out/ is never left half-written.
 */
export async function watchAndGenerate(
  overrides: ConfigOverrides,
  context: CommandContext,
  signal?: AbortSignal,
): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let stopped = false;
  // Where a config would be made when none is found: the working folder (`statespec init` writes it there).
  const configFile = locateConfig(context.cwd, overrides).path ?? join(context.cwd, configFileName);
  const followed = new Map<string, FollowedFolder>();

  const closeWatchers = () => {
    for (const follower of followed.values()) follower.close();
    followed.clear();
  };
  /**
   * Follows exactly `inputs`: a folder no longer named is let go, a new one is armed, and one already followed keeps
   * its watchers (re-armed only if one failed), so no event between two runs is lost.
   */
  const follow = (inputs: readonly Input[]) => {
    const wanted = new Map(inputs.map((input) => [input.key, input]));
    for (const [key, follower] of followed) {
      if (wanted.has(key)) follower.retryIfFailed();
      else {
        follower.close();
        followed.delete(key);
      }
    }
    for (const [key, input] of wanted) if (!followed.has(key)) followed.set(key, followFolder(input, schedule));
  };
  const run = async () => {
    // A change seen just before the stop may still have queued a run: it must not start new watchers.
    if (stopped) return;
    const loaded = await loadConfig(context.cwd, overrides);
    context.notice(loaded.config?.notice);
    // Followed again after every run, before anything is read: the config may name other spec folders now. The
    // config the run found (it may be above the working folder), or where one would be made.
    const inputs = watchedInputs(loaded.config?.configPath ?? configFile, loaded.config);
    follow(inputs);
    if (!loaded.config) {
      context.printDiagnostics(loaded.diagnostics);
    } else {
      const result = await compile(loaded.config, { check: false });
      context.printDiagnostics(
        visibleDiagnostics(result.diagnostics, loaded.config, context.cwd, overrides.allWarnings),
      );
      if (!hasErrors(result.diagnostics) && result.plan) context.io.out(summarize(result.plan, false));
    }
    if (stopped) return;
    const shown = inputs.map((input) => escapeForTerminal(input.shownAs)).join(", ");
    context.io.out(`watching ${shown}; Ctrl-C to stop\n`);
  };
  // A run that fails (a folder removed under it, a disk that filled up) is reported in one line; watching goes on.
  const runReported = () =>
    run().catch((error: unknown) => {
      const reason =
        typeof (error as NodeJS.ErrnoException)?.syscall === "string"
          ? String((error as Error).message).split("\n")[0]
          : `internal error: ${(error as Error)?.stack ?? String(error)}`;
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
