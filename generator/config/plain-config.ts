// The config as the no-op run reads it: without yaml (about a third of a no-op run's time was loading yaml to read
// two lines). It reads only the plain shape a config nearly always has (top-level `key: value`, lists in `[a, b]`
// or `- a` lines, comments) and gives up on anything else. Its reading is never trusted on its own: it goes into
// the config's key (config.ts, configKey) and so into the inputs hash, which matches out/'s manifest only if a
// full run, reading the same bytes with yaml and the schema, read the same settings. A wrong reading can only
// miss the manifest, and then the full CLI runs.
import { existsSync } from "node:fs";
import { applyOverrides, configFilePath, configFromSettings, configKey, defaultConfig, type Config, type ConfigOverrides, type ConfigSettings } from "./config.js";
import { maxSpecFileBytes, readRegularFile } from "../load/read-file.js";

const listKeys = new Set(["specs", "vendors", "artifacts"]);
const scalarKeys = new Set(["out", "enumStyle", "schemaBaseUri"]);
// YAML 1.2 core schema: plain scalars that are not strings (null, booleans, numbers).
const notAString = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?\.?[0-9].*)$/;

/** The config a run would use, read without yaml; undefined when the file is not plain enough or not readable. */
export function plainConfig(cwd: string, overrides: ConfigOverrides): Config | undefined {
  const path = configFilePath(cwd, overrides);
  if (overrides.config === undefined && !existsSync(path)) return applyOverrides(defaultConfig(cwd), overrides, cwd);
  const read = readRegularFile(path, maxSpecFileBytes);
  if (!("bytes" in read)) return undefined;
  const settings = readPlainSettings(read.bytes.toString("utf8"));
  return settings && applyOverrides(configFromSettings(settings, path, cwd, configKey(read.bytes, settings)), overrides, cwd);
}

/** The settings of a config in the plain shape, or undefined. Exported for its tests. */
export function readPlainSettings(text: string): ConfigSettings | undefined {
  // What the full reader normalises or refuses (a BOM, CR, tabs, control characters) is left to it.
  if (/[^\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]/.test(text)) return undefined;
  const settings: Record<string, string | string[]> = {};
  let list: string[] | undefined;
  for (const line of text.split("\n")) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^\s*- (.*)$/.exec(line);
    if (item) {
      const value = scalar(item[1]);
      if (!list || value === undefined) return undefined;
      list.push(value);
      continue;
    }
    const entry = /^([A-Za-z]+):(?: +(.*))?$/.exec(line);
    if (!entry || entry[1] in settings) return undefined;
    const [, key, written = ""] = entry;
    const value = written.replace(/ +#.*$/, "").trimEnd();
    list = undefined;
    if (listKeys.has(key)) {
      if (value === "") settings[key] = list = [];
      else {
        const flow = /^\[(.*)\]$/.exec(value);
        const items = flow && (flow[1].trim() === "" ? [] : flow[1].split(",").map(scalar));
        if (!items || items.includes(undefined)) return undefined;
        settings[key] = items as string[];
      }
    } else if (scalarKeys.has(key)) {
      const text = scalar(value);
      if (text === undefined) return undefined;
      settings[key] = text;
    } else return undefined;
  }
  return settings as ConfigSettings;
}

/** One string scalar: quoted without escapes, or plain without any character YAML could read otherwise. */
function scalar(written: string): string | undefined {
  const value = written.trim();
  const quoted = /^"([^"\\]*)"$/.exec(value) ?? /^'([^']*)'$/.exec(value);
  if (quoted) return quoted[1];
  if (!/^[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*$/.test(value) || notAString.test(value)) return undefined;
  return value;
}
