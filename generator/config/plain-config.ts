// The config as the no-op run reads it: without yaml (about a third of a no-op run's time was loading yaml to read
// two lines). It reads only the plain shape a config nearly always has (top-level `key: value`, lists in `[a, b]`
// or `- a` lines, comments) and gives up on anything else. Its reading is never trusted on its own: it goes into
// the config's key (config.ts, configKey) and so into the inputs hash, which matches out/'s manifest only if a
// full run, reading the same bytes with yaml and the schema, read the same settings. A wrong reading can only
// miss the manifest, and then the full CLI runs.
import { applyOverrides, builtinSpecs, configFromSettings, configKey, defaultConfig, locateConfig } from "./config.js";
import type { Config, ConfigOverrides, ConfigSettings } from "./config.js";
import { pathProblem } from "./folders.js";
import { maxSpecFileBytes, readRegularFile } from "../load/read-file.js";

const listKeys = new Set(["specs", "vendors", "artifacts"]);
const scalarKeys = new Set(["out", "enumStyle", "schemaBaseUri"]);
// YAML 1.2 core schema: plain scalars that are not strings (null, booleans, numbers).
const notAString =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?\.?[0-9].*)$/;

/**
 * The config a run would use, read without yaml; undefined when the file is not plain enough or not readable, and
 * when the full CLI has more to say: no config at all (it says once that the shipped specs are used), or a path the
 * full reader refuses (folders.ts). The file is the one the full reader finds (discover.ts).
 */
export function plainConfig(cwd: string, overrides: ConfigOverrides): Config | undefined {
  const search = locateConfig(cwd, overrides);
  const path = search.path;
  // Without a config, --spec chose the specs: nothing to say, and the settings are the defaults.
  if (path === undefined) {
    return overrides.spec && overrides.spec.length > 0
      ? applyOverrides(defaultConfig(cwd, search), overrides, cwd)
      : undefined;
  }
  const read = readRegularFile(path, maxSpecFileBytes);
  if (!("bytes" in read)) return undefined;
  const settings = readPlainSettings(read.bytes.toString("utf8"));
  if (!settings) return undefined;
  const paths = [settings.out, ...(settings.specs ?? []).filter((spec) => spec !== builtinSpecs)];
  if (paths.some((written) => written !== undefined && pathProblem(written) !== undefined)) return undefined;
  return applyOverrides(configFromSettings(settings, path, cwd, configKey(read.bytes, settings)), overrides, cwd);
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
