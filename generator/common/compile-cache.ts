// Imported first where statespec starts loading large modules (the executable before the CLI, compile/stages.ts, the
// TypeScript worker): keeps V8's compiled code of ts-morph, the TypeScript compiler and yaml (about 10 MB of
// JavaScript) in Node's compile cache on disk, so a run after the first skips most of the parsing and compiling.
// Node 22.1+ has the cache built in (one file per module, written only when a module is new, in the system's
// temporary folder); older Node runs without one. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import module from "node:module";

const enableCompileCache = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
if (enableCompileCache && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    enableCompileCache();
  } catch {
    // A cache is only ever a speed-up: without one (say, an unwritable temporary folder), run as usual.
  }
}
