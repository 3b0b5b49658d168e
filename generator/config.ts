// statespec.config.yaml: where specs are, where output goes, and how it is shaped. Validated like a spec.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { shippedSpecFolder } from "./package-root.js";
import { diagnostic, type Diagnostic } from "./diagnostics.js";
import { artifactKinds, type ArtifactKind } from "./emit/index.js";
import { displayPath } from "./paths.js";

export type EnumStyle = "enum" | "const";

export interface Config {
  /** Absolute spec folders. */
  specs: string[];
  /** Absolute output folder. */
  out: string;
  /** undefined: every vendor the specs define. */
  vendors?: string[];
  artifacts: ArtifactKind[];
  enumStyle: EnumStyle;
  schemaBaseUri: string;
  /** The config file, as shown to users, if one was read. */
  file?: string;
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
}

export async function loadConfig(cwd: string, overrides: ConfigOverrides = {}): Promise<{ config?: Config; diagnostics: Diagnostic[] }> {
  const path = overrides.config !== undefined ? resolve(cwd, overrides.config) : join(cwd, configFileName);
  const base: Config = {
    specs: [join(cwd, "spec")],
    out: join(cwd, "out"),
    artifacts: [...artifactKinds],
    enumStyle: "enum",
    schemaBaseUri: "https://statespec.invalid/schemas/",
  };
  let config = base;
  if (existsSync(path) || overrides.config !== undefined) {
    const file = displayPath(path, cwd);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return { diagnostics: [diagnostic("config-invalid", "cannot read the config file", { file })] };
    }
    // The YAML and schema machinery is loaded only when there is a config file to read.
    const { parseSpecText } = await import("./load/load.js");
    const { compileSchema, validateWith } = await import("./validate/schema.js");
    const { default: configSchema } = await import("./config.schema.json", { with: { type: "json" } });
    const parsed = parseSpecText(file, bytes);
    if (!parsed.file) return { diagnostics: parsed.diagnostics };
    // The artifact kinds come from the emitter registry, so registering an emitter is all it takes.
    const schema = { ...configSchema, properties: { ...configSchema.properties, artifacts: { ...configSchema.properties.artifacts, items: { enum: artifactKinds } } } };
    const problems = validateWith(compileSchema(schema), parsed.file);
    if (problems.length > 0) return { diagnostics: problems };
    const data = (parsed.file.data ?? {}) as Partial<Omit<Config, "file">>;
    const folder = dirname(path);
    config = {
      specs: (data.specs ?? ["spec"]).map((spec) => resolveSpecFolder(spec, folder)),
      out: resolve(folder, data.out ?? "out"),
      ...(data.vendors !== undefined && { vendors: data.vendors }),
      artifacts: data.artifacts ?? base.artifacts,
      enumStyle: data.enumStyle ?? base.enumStyle,
      schemaBaseUri: data.schemaBaseUri ?? base.schemaBaseUri,
      file,
    };
  }
  if (overrides.spec && overrides.spec.length > 0) config.specs = overrides.spec.map((spec) => resolveSpecFolder(spec, cwd));
  if (overrides.out !== undefined) config.out = resolve(cwd, overrides.out);
  if (overrides.enumStyle !== undefined) config.enumStyle = overrides.enumStyle as EnumStyle;
  return { config, diagnostics: [] };
}
