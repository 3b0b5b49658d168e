// The settings of a config file as the one config reader (config.ts, loadConfig: yaml and the schema) read them,
// kept on disk keyed by the file's path and bytes. The no-op run (cli/up-to-date.ts) reads them back instead of
// loading yaml, which was about a third of its time. A cached reading is never trusted on its own: it goes into
// the config's key (config.ts, configKey) and so into the inputs hash, which matches out/'s manifest only if a full
// run read the same settings from the same bytes. A missing, stale or damaged entry only sends the run down the
// full path, which reads the file with yaml and records its reading here again.
// Where: STATESPEC_CACHE_DIR (empty: no cache), else $XDG_CACHE_HOME/statespec, else ~/.cache/statespec; the
// folder is the user's own (mode 0700), so no other user can plant a reading there.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { generatorVersion } from "../common/version.js";
import { readRegularFile } from "../load/read-file.js";
import type { ConfigSettings } from "./types.js";

const listKeys = ["specs", "vendors", "artifacts"] as const;
const stringKeys = ["out", "enumStyle", "schemaBaseUri", "failOn"] as const;
// A config file is small; an entry is its settings only.
const maxEntryBytes = 64 * 1024;

/** The cache's folder, or undefined when there is none (STATESPEC_CACHE_DIR set empty, no home folder). */
export function settingsCacheFolder(): string | undefined {
  const chosen = process.env.STATESPEC_CACHE_DIR;
  if (chosen !== undefined) return chosen === "" ? undefined : join(chosen, "config");
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, "statespec", "config");
  const home = homedir();
  return home ? join(home, ".cache", "statespec", "config") : undefined;
}

/** The entry's file name: the generator's version (a later reader may read the same bytes otherwise), path, bytes. */
function entryName(path: string, bytes: Uint8Array): string {
  const hash = createHash("sha256").update(`${generatorVersion}\0${path}\0`).update(bytes).digest("hex");
  return `${hash.slice(0, 40)}.json`;
}

/** The settings the full reader read from these bytes of the file at `path`, or undefined. */
export function recallSettings(path: string, bytes: Uint8Array): ConfigSettings | undefined {
  const folder = settingsCacheFolder();
  if (folder === undefined) return undefined;
  try {
    const read = readRegularFile(join(folder, entryName(path, bytes)), maxEntryBytes);
    if (!("bytes" in read)) return undefined;
    const settings: unknown = JSON.parse(read.bytes.toString("utf8"));
    return isSettings(settings) ? settings : undefined;
  } catch {
    return undefined;
  }
}

/** Records the full reader's settings of these bytes, once; a cache that cannot be written is no cache. */
export function rememberSettings(path: string, bytes: Uint8Array, settings: ConfigSettings): void {
  const folder = settingsCacheFolder();
  if (folder === undefined) return;
  const entry = join(folder, entryName(path, bytes));
  const temporary = `${entry}.${process.pid}.tmp`;
  try {
    if (existsSync(entry)) return;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // Written whole and renamed into place: a reader sees the entry complete or not at all.
    writeFileSync(temporary, `${JSON.stringify(settings)}\n`, { mode: 0o600 });
    renameSync(temporary, entry);
  } catch {
    rmSync(temporary, { force: true });
  }
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
