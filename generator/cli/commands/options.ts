// What several commands do alike: read the config, the --fail-on threshold and the baseline, and build the model.
// (The options they share are declared in ../option-specs.ts.)
// Each command imports what it needs when it runs: a no-op `generate` must not pay for YAML, ajv or ts-morph.
import { loadConfig, visibleDiagnostics, type Config, type ConfigOverrides } from "../../config/config.js";
import { specFolderProblems } from "../../config/folders.js";
import { unknownVendors } from "../../config/vendors.js";
import type { Baseline } from "../../config/baseline.js";
import type { Diagnostic } from "../../common/diagnostics.js";
import type { CommandContext } from "../context.js";
import type { FailOn } from "../../common/fail-on.js";
import type { EnumStyle } from "../../config/types.js";
import { didYouMean } from "../../common/suggest.js";
import { escapeForTerminal } from "../../common/text-safety.js";

/** The values of the options that name a config, its spec folders and its settings (option-specs.ts). */
interface ConfigValues {
  config?: string;
  spec?: string[];
  out?: string;
  "enum-style"?: EnumStyle;
  "all-warnings"?: boolean;
}

/** The --fail-on of a run: the option, else the config's `failOn`, else error. */
export function failOnOf(values: { "fail-on"?: FailOn }, config: Config | undefined): FailOn {
  return values["fail-on"] ?? config?.failOn ?? "error";
}

/** What a command says of a --vendor the specs do not define (a usage error): the id meant, and all of them. */
export function unknownVendor(vendorId: string, known: readonly string[]): string {
  return `unknown vendor '${escapeForTerminal(vendorId)}'${didYouMean(vendorId, known)} (known: ${known.join(", ")})`;
}

/** The options every command shares with the config file. */
export function overridesFrom(values: ConfigValues): ConfigOverrides {
  return {
    config: values.config,
    spec: values.spec,
    out: values.out,
    enumStyle: values["enum-style"],
    allWarnings: values["all-warnings"] === true,
  };
}

interface ProjectConfigOptions {
  /** false: the command reads no spec folder of the config (diff with both sides given). */
  readsSpecFolders?: boolean;
  /** The diagnostics' format: json keeps stderr JSON only. */
  format?: string;
}

/**
 * The run's config, saying once when there is none (the shipped specs are used then), except where stderr is JSON
 * (`--format json` diagnostics): a line of prose would make it unreadable. A spec folder the config names that
 * cannot be read stops the run here, located where it was named, unless the command will not read them.
 */
export async function projectConfig(
  context: CommandContext,
  overrides: ConfigOverrides,
  options: ProjectConfigOptions = {},
) {
  const loaded = await loadConfig(context.cwd, overrides);
  if (options.format !== "json") context.notice(loaded.config?.notice);
  const read = options.readsSpecFolders === false ? undefined : loaded.config;
  const missing = read ? specFolderProblems(read, context.cwd) : [];
  return missing.length > 0 ? { diagnostics: missing } : loaded;
}

/** The run's config from the command's options, or undefined after printing why there is none. */
async function configOrPrinted(values: ConfigValues, context: CommandContext, format?: string) {
  const loaded = await projectConfig(context, overridesFrom(values), { format });
  if (!loaded.config) context.printDiagnostics(loaded.diagnostics, format);
  return loaded.config;
}

/** Config then model; prints diagnostics. undefined means the command should exit 1. */
export async function configAndModel(values: ConfigValues, context: CommandContext, format?: string) {
  const config = await configOrPrinted(values, context, format);
  if (!config) return undefined;
  const { buildModel } = await import("../../compile/compile.js");
  const result = await buildModel(config.specs);
  const vendors = result.model?.vendors.map((vendor) => vendor.id);
  const diagnostics = shownDiagnostics(values, context, config, result.diagnostics, vendors);
  return { config, model: result.model, diagnostics };
}

/**
 * Config then what `validate` prints of the model: its diagnostics and counts, recorded by an earlier run on the
 * same inputs where there is one (compile/validation-record.ts). undefined means the command should exit 1.
 */
export async function configAndSummary(values: ConfigValues, context: CommandContext, format?: string) {
  const config = await configOrPrinted(values, context, format);
  if (!config) return undefined;
  const { modelSummary } = await import("../../compile/validation-record.js");
  const summary = await modelSummary(config);
  const diagnostics = shownDiagnostics(values, context, config, summary.diagnostics, summary.vendors);
  return { config, summary, diagnostics };
}

/** The diagnostics a command shows: the warning filter, and the config's vendors the model does not define. */
function shownDiagnostics(
  values: ConfigValues,
  context: CommandContext,
  config: Config,
  built: readonly Diagnostic[],
  vendors: readonly string[] | undefined,
): Diagnostic[] {
  // A config that selects a vendor the specs do not define is the project's error, as generate reports it.
  const unknown = vendors ? unknownVendors(config, vendors) : [];
  return [...visibleDiagnostics(built, config, context.cwd, values["all-warnings"] === true), ...unknown];
}

/**
 * The baseline `diff` and `check` honour: --baseline, else statespec.baseline.yaml beside the config, else none.
 * `failed` when the file cannot be used; its diagnostics are printed.
 */
export async function runBaseline(
  values: { baseline?: string },
  config: Config,
  context: CommandContext,
  format: string | undefined,
): Promise<{ baseline?: Baseline } | "failed"> {
  const { baselinePath, loadBaseline } = await import("../../config/baseline.js");
  const file = baselinePath(context.cwd, values.baseline, config.configPath);
  if (file === undefined) return {};
  const loaded = await loadBaseline(file, context.cwd);
  if (loaded.diagnostics.length === 0) return { baseline: loaded.baseline };
  context.printDiagnostics(loaded.diagnostics, format);
  return "failed";
}
