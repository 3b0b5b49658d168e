// The TypeScript emitter's files, recorded for the specs and settings they were made from, so that a `generate` of
// the same specs into a new or emptied out/ (another clone, another branch's folder, a test's temporary project)
// does not load ts-morph and the TypeScript compiler again: about 300 ms of CPU, most of a small generate's.
// Keyed like validate's record (validation-record.ts) by the generator's version and code, and by what the
// emitter's input is a function of: the spec files (folder order, names, bytes; not where they are, which the
// TypeScript never names: test/typescript-record.test.ts holds that), the vendors chosen and the enum style.
// Kept in statespec's cache (common/user-cache.ts: the running user's own); an entry missing or of the wrong shape
// is emitted again. Only a run whose emitter reported nothing is recorded.
import { sha256 } from "../common/hash.js";
import { readCacheEntry, writeCacheEntry } from "../common/user-cache.js";
import { generatorVersion } from "../common/version.js";
import type { Config } from "../config/config.js";
import { isGeneratedFile, type Emitted, type GeneratedFile, type OffloadedEmitter } from "../emit/contract.js";
import { isSafeOutPath } from "../write/lock.js";
import { generatorFingerprint } from "./fingerprint.js";
import type { Inputs } from "./inputs.js";

const kind = "typescript";
// Only specs under the worker's limit (threads.ts) are emitted in a thread, so entries stay well below this.
const maxEntryBytes = 16 * 1024 * 1024;

export function recordName(config: Config, inputs: Inputs): string {
  const key = [generatorVersion, generatorFingerprint(), inputs.specsHash, config.vendors ?? null, config.enumStyle];
  return sha256().update(JSON.stringify(key)).digest("hex").slice(0, 40);
}

/** The recorded files as an offloaded emitter that has finished, or undefined when there is no record. */
export function recordedTypeScript(name: string): OffloadedEmitter | undefined {
  const recorded = readCacheEntry(kind, name, maxEntryBytes) as { files?: unknown } | undefined;
  if (!Array.isArray(recorded?.files) || !recorded.files.every(isFile)) return undefined;
  const files = recorded.files;
  return {
    start: () => {},
    ready: () => files.splice(0),
    rest: async function* () {
      yield* files.splice(0);
    },
  };
}

/** `emitter`, recording its files once it has emitted all of them without a diagnostic. */
export function recording(emitter: OffloadedEmitter, name: string): OffloadedEmitter {
  const files: GeneratedFile[] = [];
  let reported = false;
  const keep = (items: Emitted[]) => {
    for (const item of items)
      if (isGeneratedFile(item)) files.push(item);
      else reported = true;
    return items;
  };
  return {
    start: emitter.start,
    ready: () => keep(emitter.ready()),
    rest: async function* () {
      for await (const item of emitter.rest()) yield* keep([item]);
      if (reported) return;
      // Replacing: a record is written only where none was read, or the one there was damaged. Pruned: `--watch`
      // makes a record per edit (each some 10 to 100 KB for specs of ordinary size).
      writeCacheEntry(kind, name, { files }, { replace: true, prune: true });
    },
  };
}

function isFile(value: unknown): value is GeneratedFile {
  const { path, contents } = (value ?? {}) as Partial<GeneratedFile>;
  // A path the manifest may name: one that stays in out/ (write/lock.ts).
  return typeof contents === "string" && isSafeOutPath(path);
}
