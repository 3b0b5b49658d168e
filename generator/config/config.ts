// statespec.config.yaml: where specs are, where output goes, and how it is shaped. Validated like a spec.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { generatorFolder, shippedSpecFolder } from "../common/package-root.js";
import { diagnostic, type Diagnostic, type SourcePosition } from "../common/diagnostics.js";
import { defaultArtifactKinds, type ArtifactKind } from "../emit/index.js";
import { describeUnread, maxSpecFileBytes, readRegularFile } from "../load/read-file.js";
import { displayPath } from "../common/paths.js";
import type { FailOn } from "../common/fail-on.js";
import type { ValidateFunction } from "ajv";

export type EnumStyle = "enum" | "const";

export interface Config {
  /** Absolute spec folders. */
  specs: string[];
  /**
   * The folders among `specs` named `statespec:builtin`: the installed package's specs. They are not part of the
   * user's history (diff reads them from the package on both sides), and their warnings are not the user's to fix.
   */
  shippedSpecs: string[];
  /** Absolute output folder. */
  out: string;
  /** undefined: every vendor the specs define. */
  vendors?: string[];
  artifacts: ArtifactKind[];
  enumStyle: EnumStyle;
  schemaBaseUri: string;
  /** The default of --fail-on (undefined: error). */
  failOn?: FailOn;
  /** The config file, as shown to users, if one was read. */
  file?: string;
  /** The config file's absolute path, if one was read: its folder is the project folder. */
  configPath?: string;
  /** Where `out` was set in the config file (absent when it came from --out or the default). */
  outAt?: SourcePosition;
  /** The config file's bytes and the settings read from them, hashed (`configKey`): part of the inputs hash. */
  key?: string;
}

/** A config file's settings as written: the keys of config.schema.json, paths not yet resolved. */
export interface ConfigSettings {
  specs?: string[];
  out?: string;
  vendors?: string[];
  artifacts?: string[];
  enumStyle?: string;
  schemaBaseUri?: string;
  failOn?: string;
}

export const configFileName = "statespec.config.yaml";
export const builtinSpecs = "statespec:builtin";

/** A spec folder as written in the config or on the command line, relative to `base`. */
function resolveSpecFolder(spec: string, base: string): string {
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

/** The config file a run reads: --config, else statespec.config.yaml in the working folder (if it exists). */
export function configFilePath(cwd: string, overrides: ConfigOverrides): string {
  return overrides.config !== undefined ? resolve(cwd, overrides.config) : join(cwd, configFileName);
}

/** The settings of a run without a config file. */
export function defaultConfig(cwd: string): Config {
  return { specs: [join(cwd, "spec")], shippedSpecs: [], out: join(cwd, "out"), artifacts: [...defaultArtifactKinds], enumStyle: "enum", schemaBaseUri: "https://statespec.invalid/schemas/" };
}

/**
 * The config a file's settings make, paths resolved against its folder. One function for both readers of the file:
 * the full one below (yaml and the schema) and the no-op run's (plain-config.ts), so both resolve alike.
 */
export function configFromSettings(settings: ConfigSettings, path: string, cwd: string, key: string): Config {
  const base = defaultConfig(cwd);
  const folder = dirname(path);
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
    key,
  };
}

/**
 * The config file's bytes and the settings read from them, as one hash. Part of the inputs hash, so out/ records
 * which config it was made from. The no-op run reads the file without yaml (plain-config.ts); its reading is
 * trusted only because the hash it computes equals the one a full run computed from yaml's reading of the same bytes.
 */
export function configKey(bytes: Uint8Array, settings: ConfigSettings): string {
  const read = [settings.specs, settings.out, settings.vendors, settings.artifacts, settings.enumStyle, settings.schemaBaseUri].map((value) => value ?? null);
  return createHash("sha256").update(bytes).update(`\0${JSON.stringify(read)}`).digest("hex").slice(0, 32);
}

/** --spec, --out and --enum-style, which win over the config file. */
export function applyOverrides(config: Config, overrides: ConfigOverrides, cwd: string): Config {
  if (overrides.spec && overrides.spec.length > 0) {
    config.specs = overrides.spec.map((spec) => resolveSpecFolder(spec, cwd));
    config.shippedSpecs = overrides.spec.includes(builtinSpecs) ? [shippedSpecFolder()] : [];
  }
  if (overrides.out !== undefined) {
    config.out = resolve(cwd, overrides.out);
    delete config.outAt;
  }
  if (overrides.enumStyle !== undefined) config.enumStyle = overrides.enumStyle as EnumStyle;
  return config;
}

export async function loadConfig(cwd: string, overrides: ConfigOverrides = {}): Promise<{ config?: Config; diagnostics: Diagnostic[] }> {
  const path = configFilePath(cwd, overrides);
  let config = defaultConfig(cwd);
  if (existsSync(path) || overrides.config !== undefined) {
    const file = displayPath(path, cwd);
    let bytes: Buffer;
    try {
      const read = readRegularFile(path, maxSpecFileBytes);
      if (!("bytes" in read)) return { diagnostics: [diagnostic("config-invalid", describeUnread(read, maxSpecFileBytes), { file })] };
      bytes = read.bytes;
    } catch {
      return { diagnostics: [diagnostic("config-invalid", "cannot read the config file", { file })] };
    }
    // The YAML and schema machinery is loaded only when there is a config file to read.
    const { nodeAt, parseSpecText, positionOf } = await import("../load/load.js");
    const { validateWith } = await import("../validate/schema.js");
    const parsed = parseSpecText(file, bytes);
    if (!parsed.file) return { diagnostics: parsed.diagnostics };
    const { checkCharacters } = await import("../validate/characters.js");
    const problems = [...checkCharacters(parsed.file, { prose: false }), ...validateWith(await configValidator(), parsed.file)];
    if (problems.length > 0) return { diagnostics: problems };
    const settings = (parsed.file.data ?? {}) as ConfigSettings;
    config = configFromSettings(settings, path, cwd, configKey(bytes, settings));
    if (settings.out !== undefined) config.outAt = positionOf(parsed.file, nodeAt(parsed.file, ["out"]));
  }
  return { config: applyOverrides(config, overrides, cwd), diagnostics: [] };
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
    return createRequire(import.meta.url)(join(generatorFolder(), "config", "config-validator.cjs")) as ValidateFunction;
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
export function visibleDiagnostics(diagnostics: readonly Diagnostic[], config: Config, cwd: string, allWarnings = false): Diagnostic[] {
  if (allWarnings || config.shippedSpecs.length === 0) return [...diagnostics];
  const shipped = (file: string) => file.startsWith(`${builtinSpecs}/`) || config.shippedSpecs.some((folder) => dirname(resolve(cwd, file)) === folder);
  return diagnostics.filter((d) => d.severity === "error" || !shipped(d.file));
}
