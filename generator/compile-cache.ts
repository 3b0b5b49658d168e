// Imported first by each entry point (the CLI, the TypeScript worker): keeps V8's compiled code of the modules
// statespec loads (ts-morph and the TypeScript compiler above all) in a cache on disk, so a run after the first
// skips most of the parsing and compiling of ~10 MB of JavaScript. Node 22.1+ has this built in (its default
// folder in the system's temporary folder); on older Node, v8-compile-cache-lib does the same for CommonJS
// modules, which every large dependency is. NODE_DISABLE_COMPILE_CACHE=1 turns both off.
import module, { createRequire } from "node:module";
import { isMainThread } from "node:worker_threads";

function enableCompileCache(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const builtIn = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (builtIn) {
    builtIn();
    return;
  }
  try {
    const library = createRequire(import.meta.url)("v8-compile-cache-lib") as typeof import("v8-compile-cache-lib");
    // One cache per thread role: the threads load different modules and save their caches independently.
    library.install({ prefix: `statespec-${isMainThread ? "main" : "worker"}` });
  } catch {
    // A cache is only ever a speed-up: without one (unwritable temporary folder), run as usual.
  }
}

enableCompileCache();
