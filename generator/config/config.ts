// statespec.config.yaml: where specs are, where output goes, and how it is shaped. Validated like a spec.
import { sha256 } from "../common/hash.js";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { generatorFolder, shippedSpecFolder } from "../common/package-root.js";
import { diagnostic, sortDiagnostics, type Diagnostic } from "../common/diagnostics.js";
import { defaultArtifactKinds, type ArtifactKind } from "../emit/index.js";
import { describeUnread, maxSpecFileBytes, readRegularFile } from "../common/read-file.js";
import { displayPath } from "../common/paths.js";
import { configFileName, findConfigFile, type ConfigSearch } from "./discover.js";
import { rememberSettings } from "./settings-cache.js";
import type { Config, ConfigSettings, EnumStyle } from "./types.js";
import type { ValidateFunction } from "ajv";
import type { FailOn } from "../common/fail-on.js";

export { configFileName };

export type { Config, ConfigSettings, EnumStyle } from "./types.js";

export const builtinSpecs = "statespec:builtin";

/** A spec folder as written in the config or on the command line, relative to `base`. */
export function resolveSpecFolder(spec: string, base: string): string {
  return spec === builtinSpecs ? shippedSpecFolder() : resolve(base, spec);
}

export interface ConfigOverrides {
  config?: string;
  spec?: string[];
  out?: string;
  enumStyle?: string;
  /** Show the warnings about the shipped specs too (see visibleDiagnostics). */
  allWarnings?: boolean;
}

/** The config file a run reads: --config, else the nearest statespec.config.yaml upward (discover.ts). */
export function locateConfig(cwd: string, overrides: ConfigOverrides): ConfigSearch {
  if (overrides.config === undefined) return findConfigFile(cwd);
  return { path: resolve(cwd, overrides.config), stoppedAt: cwd };
}

/**
 * The settings of a run without a config file: the shipped specs, output in ./out. A project without a config is
 * most often one that has just installed statespec: `check` and `export` answer for the shipped vendors at once.
 */
export function defaultConfig(cwd: string, search?: ConfigSearch): Config {
  const shipped = shippedSpecFolder();
  const config: Config = {
    specs: [shipped],
    shippedSpecs: [shipped],
    out: join(cwd, "out"),
    artifacts: [...defaultArtifactKinds],
    enumStyle: "enum",
    schemaBaseUri: "https://statespec.invalid/schemas/",
  };
  if (search && search.path === undefined) {
    // The root named relative to here (`..`), unless it is here.
    const stop = search.stoppedAt === cwd ? "" : ` (${displayPath(search.stoppedAt, cwd)})`;
    const root = `up to the repository root${stop}`;
    config.searched =
      search.reason === "repository" ? `in this folder or above it ${root}` : "in this folder or any folder above it";
    const init = "'statespec init' writes a config and a spec of your own";
    config.notice = `no ${configFileName} ${config.searched}: using the shipped specs (${builtinSpecs}); ${init}\n`;
  }
  return config;
}

/**
 * The config a file's settings make, paths resolved against its folder. One function for both readers of the file:
 * the full reader below (yaml and the schema) and the no-op run's cache of its readings (cached-config.ts), so both
 * resolve alike.
 */
export function configFromSettings(settings: ConfigSettings, path: string, cwd: string, key?: string): Config {
  const base = defaultConfig(cwd);
  const folder = dirname(path);
  // A config's own default is spec/ beside it, as before there was a default without one.
  return {
    specs: (settings.specs ?? ["spec"]).map((spec) => resolveSpecFolder(spec, folder)),
    shippedSpecs: (settings.specs ?? []).includes(builtinSpecs) ? [shippedSpecFolder()] : [],
    out: resolve(folder, settings.out ?? "out"),
    ...(settings.vendors !== undefined && { vendors: settings.vendors }),
    artifacts: (settings.artifacts as ArtifactKind[] | undefined) ?? base.artifacts,
    enumStyle: (settings.enumStyle as EnumStyle | undefined) ?? base.enumStyle,
    schemaBaseUri: settings.schemaBaseUri ?? base.schemaBaseUri,
    ...(settings.failOn !== undefined && { failOn: settings.failOn as FailOn }),
    file: displayPath(path, cwd),
    configPath: path,
    ...(key !== undefined && { key }),
  };
}

/**
 * The config file's bytes and the settings read from them, as one hash. Part of the inputs hash, so out/ records
 * which config it was made from. The no-op run takes its settings from a cache of earlier readings (cached-config.ts);
 * they are trusted only because the hash it computes equals the one a full run computed from yaml's reading of the
 * same bytes.
 */
export function configKey(bytes: Uint8Array, settings: ConfigSettings): string {
  const read = [
    settings.specs,
    settings.out,
    settings.vendors,
    settings.artifacts,
    settings.enumStyle,
    settings.schemaBaseUri,
  ].map((value) => value ?? null);
  return sha256()
    .update(bytes)
    .update(`\0${JSON.stringify(read)}`)
    .digest("hex")
    .slice(0, 32);
}

/** --spec, --out and --enum-style, which win over the config file. */
export function applyOverrides(config: Config, overrides: ConfigOverrides, cwd: string): Config {
  if (overrides.spec && overrides.spec.length > 0) {
    config.specs = overrides.spec.map((spec) => resolveSpecFolder(spec, cwd));
    config.shippedSpecs = overrides.spec.includes(builtinSpecs) ? [shippedSpecFolder()] : [];
    config.specsFromOption = true;
    // The specs were chosen: nothing to say about the shipped ones.
    delete config.specsAt;
    delete config.notice;
  }
  if (overrides.out !== undefined) {
    config.out = resolve(cwd, overrides.out);
    delete config.outAt;
  }
  if (overrides.enumStyle !== undefined) config.enumStyle = overrides.enumStyle as EnumStyle;
  return config;
}

/**
 * The config of a run, validated. Its spec folders are checked by the commands that read them (specFolderProblems,
 * folders.ts): `diff` with two sides given reads none of them.
 */
export async function loadConfig(
  cwd: string,
  overrides: ConfigOverrides = {},
): Promise<{ config?: Config; diagnostics: Diagnostic[] }> {
  const search = locateConfig(cwd, overrides);
  const path = search.path;
  if (path === undefined)
    return { config: applyOverrides(defaultConfig(cwd, search), overrides, cwd), diagnostics: [] };
  const file = displayPath(path, cwd);
  let bytes: Buffer;
  try {
    const read = readRegularFile(path, maxSpecFileBytes);
    if (!("bytes" in read))
      return { diagnostics: [diagnostic("config-invalid", describeUnread(read, maxSpecFileBytes), { file })] };
    bytes = read.bytes;
  } catch {
    return { diagnostics: [diagnostic("config-invalid", "cannot read the config file", { file })] };
  }
  const read = await configFromBytes(path, bytes, cwd, file);
  // In the file's order, as a spec's are: the schema's findings and the checks after it come in two passes.
  if (!read.config) return { diagnostics: sortDiagnostics(read.diagnostics) };
  // For the no-op run, which reads it back instead of loading yaml (cached-config.ts).
  rememberSettings(path, bytes, read.settings);
  return { config: applyOverrides(read.config, overrides, cwd), diagnostics: [] };
}

/** A config file's bytes read as the config at `path` (its paths relative to that folder), validated; `file` names
 * it in diagnostics. */
async function configFromBytes(
  path: string,
  bytes: Buffer,
  cwd: string,
  file: string,
): Promise<{ config: Config; settings: ConfigSettings } | { config?: undefined; diagnostics: Diagnostic[] }> {
  // The YAML and schema machinery is loaded only when there is a config file to read.
  const { parseSpecText } = await import("../load/load.js");
  const { validateWith } = await import("../validate/schema.js");
  const parsed = parseSpecText(file, bytes);
  if (!parsed.file) return { diagnostics: parsed.diagnostics };
  // A file of comments only (or empty) sets nothing, as the no-op reader reads it: every default applies.
  parsed.file.data ??= {};
  const { checkCharacters } = await import("../validate/characters.js");
  const located = await import("./located.js");
  const schemaProblems = located.withSuggestions(validateWith(await configValidator(), parsed.file), parsed.file);
  const problems = [...checkCharacters(parsed.file, { prose: false }), ...schemaProblems];
  if (problems.length > 0) return { diagnostics: problems };
  const settings = (parsed.file.data ?? {}) as ConfigSettings;
  const read = configFromSettings(settings, path, cwd, configKey(bytes, settings));
  const config = { ...read, ...located.positionsOf(parsed.file, settings) };
  const wrong = located.settingsProblems(settings, config);
  return wrong.length > 0 ? { diagnostics: wrong } : { config, settings };
}

let compiledConfigSchema: ValidateFunction | undefined;

/**
 * The config schema's validator, once per process (a test or `--watch` reads configs many times): compiled ahead
 * of time by the build (generator/build/precompile.mjs), so a run with a config loads no ajv compiler; compiled
 * here, the same way, when running from TypeScript sources.
 */
async function configValidator(): Promise<ValidateFunction> {
  if (compiledConfigSchema) return compiledConfigSchema;
  const precompiled = precompiledConfigValidator();
  if (precompiled) return (compiledConfigSchema = precompiled);
  const { compileSchema } = await import("../validate/schema.js");
  const { configSchemaWithKinds } = await import("./config-schema.js");
  return (compiledConfigSchema = compileSchema(await configSchemaWithKinds()));
}

function precompiledConfigValidator(): ValidateFunction | undefined {
  try {
    return createRequire(import.meta.url)(
      join(generatorFolder(), "config", "config-validator.cjs"),
    ) as ValidateFunction;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

/**
 * What a run shows: everything, except warnings about the shipped specs in a project that uses them through
 * `statespec:builtin` (their contradictions are the sources', reported in statespec's own repository), unless
 * `allWarnings`. Errors are always shown: they stop the run.
 */
export function visibleDiagnostics(
  diagnostics: readonly Diagnostic[],
  config: Config,
  cwd: string,
  allWarnings = false,
): Diagnostic[] {
  if (allWarnings || config.shippedSpecs.length === 0) return [...diagnostics];
  const shipped = (file: string) =>
    file.startsWith(`${builtinSpecs}/`) || config.shippedSpecs.some((folder) => dirname(resolve(cwd, file)) === folder);
  return diagnostics.filter((d) => d.severity === "error" || !shipped(d.file));
}
