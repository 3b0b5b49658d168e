// Imported first where statespec starts loading large modules (the executable before the CLI, compile/stages.ts, the
// TypeScript thread): keeps V8's compiled code of ts-morph, the TypeScript compiler and yaml (about 10 MB of
// JavaScript) on disk, so a run after the first skips most of the parsing and compiling.
// Node 22.1+ has the cache built in (one file per module, written only when a module is new, in the system's
// temporary folder). Node 20 has no such cache, so there statespec keeps the compiled code of the large CommonJS
// modules (ts-morph and TypeScript: about a fifth of a cold `generate`'s CPU) itself, in its own cache folder
// (user-cache.ts: the running user's own, never a shared or planted file). The TypeScript thread keeps its own on
// every version: Node's cache holds the code compiled as a module loads, and most of what that thread compiles
// (ts-morph's printers, TypeScript's scanner) is compiled after, when the emitter first calls it.
// NODE_DISABLE_COMPILE_CACHE=1 turns either off.
import module from "node:module";
import { dirname } from "node:path";
import type { Script } from "node:vm";
import { sha256 } from "./hash.js";
import { keepNewest, readCacheBytes, writeCacheBytes } from "./user-cache.js";

const enableCompileCache = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
const disabled = Boolean(process.env.NODE_DISABLE_COMPILE_CACHE);
if (enableCompileCache && !disabled) {
  try {
    enableCompileCache();
  } catch {
    // A cache is only ever a speed-up: without one (say, an unwritable temporary folder), run as usual.
  }
}

/**
 * Compiles large CommonJS modules with V8's code cache from here on, kept at exit with every function the run
 * compiled: on Node 20, and with `wholeRun` where Node has a compile cache too (the TypeScript thread). Only where
 * statespec owns the module system: the executable's process and the TypeScript thread (also the one the
 * programmatic API starts, whose module loader is its own), never the module loader of a process that loads the API.
 */
export function keepCompiledCode(wholeRun = false): void {
  if ((wholeRun || !enableCompileCache) && !disabled && !installed) install();
}

let installed = false;

interface CommonJsModule {
  exports: unknown;
  require: (id: string) => unknown;
  _compile: (content: string, filename: string, format?: string) => unknown;
}

/** CommonJS modules of at least this size are compiled with V8's code cache; smaller ones cost too little. */
const minimumSize = 64 * 1024;
const kind = "v8-code";
// The entries kept: a run makes one per large module (ts-morph's three), and each new statespec, ts-morph, Node
// release or set of flags makes new ones, several MB each, which nothing else would ever remove.
const keptEntries = 16;

function install(): void {
  installed = true;
  const Module = module.Module as unknown as {
    prototype: CommonJsModule;
    wrap: (content: string) => string;
    _resolveFilename: (request: string, parent: CommonJsModule, isMain: boolean, options?: unknown) => string;
    _resolveLookupPaths: (request: string, parent: CommonJsModule) => string[] | null;
    _cache: unknown;
    _extensions: unknown;
  };
  const compile = Module.prototype._compile;
  // Scripts compiled without an accepted cache: their code is kept at exit, when it holds every function the run
  // compiled, not only the top level.
  const fresh: { script: Script; file: string; replace: boolean }[] = [];
  // Loaded here, where the hook is installed: each is a module less to load in a process that never installs it.
  const vm = process.getBuiltinModule("node:vm");
  const { crc32 } = process.getBuiltinModule("node:zlib");
  // Node's own loader for anything but a large plain CommonJS module: an ES module Node requires (`format`), a
  // file with a shebang, or a run that maps stacks through source maps (this wrapper's offset would shift them).
  const sourceMaps = (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true;
  // V8 rejects code cached under other flags: they are part of an entry's name, so runs with and without
  // --max-old-space-size (say) keep an entry each instead of replacing each other's.
  const flags = `${process.execArgv.join(" ")}\0${process.env.NODE_OPTIONS ?? ""}`;
  Module.prototype._compile = function (this: CommonJsModule, content: string, filename: string, format?: string) {
    const plain = (format === undefined || format === "commonjs") && !content.startsWith("#!") && !sourceMaps;
    if (!plain || content.length < minimumSize) return compile.call(this, content, filename, format);
    // Named by what it was compiled from and by what compiled it: V8 itself checks only the source's length.
    const key = `${process.versions.v8}\0${process.arch}\0${flags}\0${filename}\0${crc32(content)}`;
    const file = `${sha256().update(key).digest("hex")}.bin`;
    // Marked as used: the pruning below removes the entries used least recently.
    const cachedData = readCacheBytes(kind, file, 64 * 1024 * 1024, true);
    let script: Script;
    try {
      script = new vm.Script(Module.wrap(content), {
        filename,
        cachedData,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      // Not CommonJS after all (an ES module Node detects by its syntax) or not valid: Node's loader decides, and
      // says so in its own words.
      return compile.call(this, content, filename, format);
    }
    // A rejected entry (another V8 build's, or damaged) is replaced.
    if (cachedData === undefined || script.cachedDataRejected)
      fresh.push({ script, file, replace: cachedData !== undefined });
    // The require() a CommonJS module is given, as Node makes it (makeRequireFunction is internal).
    const require = Object.assign((id: string) => this.require(id), {
      resolve: Object.assign(
        (request: string, options?: unknown) => Module._resolveFilename(request, this, false, options),
        { paths: (request: string) => Module._resolveLookupPaths(request, this) },
      ),
      main: process.mainModule,
      cache: Module._cache,
      extensions: Module._extensions,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  process.once("exit", () => {
    for (const { script, file, replace } of fresh) writeCacheBytes(kind, file, script.createCachedData(), { replace });
    if (fresh.length > 0) keepNewest(kind, keptEntries, ".bin");
  });
}
