// Imported first where statespec starts loading large modules (the executable before the CLI, compile/stages.ts, the
// TypeScript thread): keeps V8's compiled code of ts-morph, the TypeScript compiler and yaml (about 10 MB of
// JavaScript) on disk, so a run after the first skips most of the parsing and compiling.
// Node 22.1+ has the cache built in (one file per module, written only when a module is new, in the system's
// temporary folder). Node 20 has no such cache, so there statespec keeps the compiled code of the large CommonJS
// modules (ts-morph and TypeScript: about a fifth of a cold `generate`'s CPU) itself, in its own cache folder
// (user-cache.ts: the running user's own, never a shared or planted file). NODE_DISABLE_COMPILE_CACHE=1 turns
// either off.
import module from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";
import { crc32 } from "node:zlib";
import { sha256 } from "./hash.js";
import { readCacheBytes, writeCacheBytes } from "./user-cache.js";

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
 * Node 20: compiles large CommonJS modules with V8's code cache from here on. Only where statespec owns the module
 * system: the executable's process and the TypeScript thread, never a process that loads the programmatic API.
 */
export function keepCompiledCode(): void {
  if (!enableCompileCache && !disabled && !installed) install();
}

let installed = false;

interface CommonJsModule {
  exports: unknown;
  require: (id: string) => unknown;
  _compile: (content: string, filename: string) => unknown;
}

/** Node 20: CommonJS modules of at least this size are compiled with V8's code cache; smaller ones cost too little. */
const minimumSize = 64 * 1024;
const kind = "v8-code";

function install(): void {
  installed = true;
  const Module = module.Module as unknown as {
    prototype: CommonJsModule;
    wrap: (content: string) => string;
    _resolveFilename: (request: string, parent: CommonJsModule, isMain: boolean, options?: unknown) => string;
    _cache: unknown;
    _extensions: unknown;
  };
  const compile = Module.prototype._compile;
  // Scripts compiled without an accepted cache: their code is kept at exit, when it holds every function the run
  // compiled, not only the top level.
  const fresh: { script: vm.Script; file: string; replace: boolean }[] = [];
  Module.prototype._compile = function (this: CommonJsModule, content: string, filename: string): unknown {
    if (content.length < minimumSize || content.startsWith("#!")) return compile.call(this, content, filename);
    // Named by what it was compiled from and by what compiled it: V8 itself checks only the source's length.
    const key = `${process.versions.v8}\0${process.arch}\0${filename}\0${crc32(content)}`;
    const file = `${sha256().update(key).digest("hex")}.bin`;
    const cachedData = readCacheBytes(kind, file, 64 * 1024 * 1024);
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    // A rejected entry (another V8 build's, or damaged) is replaced.
    if (cachedData === undefined || script.cachedDataRejected)
      fresh.push({ script, file, replace: cachedData !== undefined });
    // The require() a CommonJS module is given, as Node makes it (makeRequireFunction is internal).
    const require = Object.assign((id: string) => this.require(id), {
      resolve: (request: string, options?: unknown) => Module._resolveFilename(request, this, false, options),
      main: process.mainModule,
      cache: Module._cache,
      extensions: Module._extensions,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  process.once("exit", () => {
    for (const { script, file, replace } of fresh) writeCacheBytes(kind, file, script.createCachedData(), { replace });
  });
}
