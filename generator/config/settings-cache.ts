// The settings of a config file as the one config reader (config.ts, loadConfig: yaml and the schema) read them,
// kept in statespec's cache (common/user-cache.ts) keyed by the file's path and bytes. The no-op run
// (cli/up-to-date.ts, through cached-config.ts) reads them back instead of loading yaml, which was about a third of
// its time. A cached reading is never trusted on its own: it goes into the config's key (config.ts, configKey) and
// so into the inputs hash, which matches out/'s manifest only if a full run read the same settings from the same
// bytes. A missing, stale or damaged entry only sends the run down the full path, which reads the file with yaml
// and records its reading here again.
import { sha256 } from "../common/hash.js";
import { readCacheEntry, writeCacheEntry } from "../common/user-cache.js";
import { generatorVersion } from "../common/version.js";
import type { ConfigSettings } from "./types.js";

const kind = "config";
const listKeys = ["specs", "vendors", "artifacts"] as const;
const stringKeys = ["out", "enumStyle", "schemaBaseUri", "failOn"] as const;
// A config file is small; an entry is its settings only.
const maxEntryBytes = 64 * 1024;

/** The entry's name: the generator's version (a later reader may read the same bytes otherwise), path, bytes. */
function entryName(path: string, bytes: Uint8Array): string {
  return sha256().update(`${generatorVersion}\0${path}\0`).update(bytes).digest("hex").slice(0, 40);
}

/** The settings the full reader read from these bytes of the file at `path`, or undefined. */
export function recallSettings(path: string, bytes: Uint8Array): ConfigSettings | undefined {
  const settings = readCacheEntry(kind, entryName(path, bytes), maxEntryBytes);
  return isSettings(settings) ? settings : undefined;
}

/** Records the full reader's settings of these bytes. */
export function rememberSettings(path: string, bytes: Uint8Array, settings: ConfigSettings): void {
  writeCacheEntry(kind, entryName(path, bytes), settings);
}

/** A settings object of the config schema's shape: known keys only, strings and lists of strings. */
function isSettings(value: unknown): value is ConfigSettings {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const known = new Set<string>([...listKeys, ...stringKeys]);
  return Object.entries(value).every(([key, setting]) => {
    if (!known.has(key)) return false;
    if ((stringKeys as readonly string[]).includes(key)) return typeof setting === "string";
    return Array.isArray(setting) && setting.every((item) => typeof item === "string");
  });
}
