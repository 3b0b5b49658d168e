// The config as the no-op run reads it: the file's bytes, and the settings the one config reader (config.ts: yaml
// and the schema) read from those bytes on an earlier run, from the settings cache (settings-cache.ts). Not yaml:
// loading it was about a third of a no-op run's time. No entry (a first run, an edited file), or any doubt, and
// the full CLI runs, reads the file and records its reading for the next run.
import { applyOverrides, configFromSettings, configKey, defaultConfig, locateConfig } from "./config.js";
import type { Config, ConfigOverrides } from "./config.js";
import { recallSettings } from "./settings-cache.js";
import { maxSpecFileBytes, readRegularFile } from "../common/read-file.js";

/**
 * The config a run would use, as the full reader read this file's bytes; undefined when they were not read
 * before, or the file is not readable, and when the full CLI has more to say: no config at all (it says once that
 * the shipped specs are used). The file is the one the full reader finds (discover.ts).
 */
export function cachedConfig(cwd: string, overrides: ConfigOverrides): Config | undefined {
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
  const settings = recallSettings(path, read.bytes);
  if (!settings) return undefined;
  const config = configFromSettings(settings, path, cwd, configKey(read.bytes, settings));
  return applyOverrides(config, overrides, cwd);
}
