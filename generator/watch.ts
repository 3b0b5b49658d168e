// `statespec generate --watch`: regenerate when specs, templates or the config change; survive invalid states.
import { watch, type FSWatcher } from "node:fs";
import { dirname, join } from "node:path";
import { configFileName, loadConfig, visibleDiagnostics, type ConfigOverrides } from "./config.js";
import { templatesFolder } from "./package-root.js";
import type { CommandContext } from "./commands.js";
import { hasErrors } from "./diagnostics.js";
import { generate, summarize } from "./generate.js";
import { displayPath } from "./paths.js";

/** Runs until the process is stopped (or `signal` aborts, in tests). */
export async function watchAndGenerate(overrides: ConfigOverrides, context: CommandContext, signal?: AbortSignal): Promise<number> {
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const configFolder = overrides.config !== undefined ? dirname(join(context.cwd, overrides.config)) : context.cwd;

  const run = async () => {
    const loaded = await loadConfig(context.cwd, overrides);
    // Folders are watched again after every run: the config may have named other spec folders.
    for (const watcher of watchers) watcher.close();
    const folders = [...(loaded.config?.specs ?? []), templatesFolder(), configFolder];
    watchers = folders.flatMap((folder) => {
      try {
        return [watch(folder, () => schedule())];
      } catch {
        return [];
      }
    });
    if (!loaded.config) {
      context.printDiagnostics(loaded.diagnostics);
    } else {
      const result = await generate(loaded.config, { check: false });
      context.printDiagnostics(visibleDiagnostics(result.diagnostics, loaded.config, context.cwd, overrides.allWarnings));
      if (!hasErrors(result.diagnostics) && result.plan) context.io.out(summarize(result.plan, false));
    }
    context.io.out(`watching ${folders.map((folder) => displayPath(folder)).join(", ")} (${configFileName}); Ctrl-C to stop\n`);
  };
  const schedule = () => {
    clearTimeout(timer);
    // Editors write a file in several steps; wait for them to settle, and never run two generations at once.
    timer = setTimeout(() => {
      running = running.then(run);
    }, 150);
  };

  running = running.then(run);
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      resolve();
    };
    signal?.addEventListener("abort", stop, { once: true });
    process.once("SIGINT", stop);
  });
  await running;
  return 0;
}
