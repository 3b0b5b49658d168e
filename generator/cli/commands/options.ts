// What several commands share: the config options, the warning filter, the choice checks, and the model.
// Each command imports what it needs when it runs: a no-op `generate` must not pay for YAML, ajv or ts-morph.
import { loadConfig, visibleDiagnostics, type Config, type ConfigOverrides } from "../../config/config.js";
import { specFolderProblems } from "../../config/folders.js";
import { unknownVendors } from "../../config/vendors.js";
import type { Baseline } from "../../config/baseline.js";
import type { Diagnostic } from "../../common/diagnostics.js";
import type { CommandContext } from "../context.js";
import { failOnLevels, type FailOn } from "../../common/fail-on.js";
import { didYouMean } from "../../common/suggest.js";
import { escapeForTerminal } from "../../common/text-safety.js";

export const configOptions = {
  config: { type: "string" },
  spec: { type: "string", multiple: true },
} as const;

export const configHelp = {
  "--config FILE": "config file (default: the nearest statespec.config.yaml here or above, up to the repository root)",
  "--spec DIR": "spec folder, repeatable; replaces the config's specs ('statespec:builtin' = shipped specs)",
};

export const warningOptions = { "all-warnings": { type: "boolean" } } as const;
export const warningHelp = {
  "--all-warnings": "also show the warnings about the shipped specs (hidden where statespec:builtin is used)",
};

export const formats = ["text", "json", "github"];
export const failOn: readonly string[] = failOnLevels;

export const failOnOption = { "fail-on": { type: "string" } } as const;
export const failOnHelp = {
  "--fail-on error|warning|never": "exit 1 when a finding is at least this severe (default: config failOn, or error)",
};

/** The --fail-on of a run: the option, else the config's `failOn`, else error. */
export function failOnOf(values: Record<string, unknown>, config: Config | undefined): FailOn {
  return (values["fail-on"] as FailOn | undefined) ?? config?.failOn ?? "error";
}

export function oneOf(name: string, allowed: readonly string[]) {
  return (values: Record<string, unknown>, fail: (message: string) => never) => {
    const value = values[name];
    if (value === undefined || allowed.includes(String(value))) return;
    fail(`--${name} must be one of ${allowed.join(", ")}, not '${value}'${didYouMean(String(value), allowed)}`);
  };
}

/** What a command says of a --vendor the specs do not define (a usage error): the id meant, and all of them. */
export function unknownVendor(vendorId: string, known: readonly string[]): string {
  return `unknown vendor '${escapeForTerminal(vendorId)}'${didYouMean(vendorId, known)} (known: ${known.join(", ")})`;
}

/** The options every command shares with the config file. */
export function overridesFrom(values: Record<string, unknown>): ConfigOverrides {
  return {
    config: values.config as string | undefined,
    spec: values.spec as string[] | undefined,
    out: values.out as string | undefined,
    enumStyle: values["enum-style"] as string | undefined,
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
  const reads = loaded.config !== undefined && options.readsSpecFolders !== false;
  const missing = reads ? specFolderProblems(loaded.config!, context.cwd) : [];
  return missing.length > 0 ? { diagnostics: missing } : loaded;
}

/** Config then model; prints diagnostics. undefined means the command should exit 1. */
export async function configAndModel(values: Record<string, unknown>, context: CommandContext, format?: string) {
  const loaded = await projectConfig(context, overridesFrom(values), { format });
  if (!loaded.config) {
    context.printDiagnostics(loaded.diagnostics, format);
    return undefined;
  }
  const { buildModel } = await import("../../compile/compile.js");
  const result = await buildModel(loaded.config.specs);
  const vendors = result.model?.vendors.map((vendor) => vendor.id);
  const diagnostics = shownDiagnostics(values, context, loaded.config, result.diagnostics, vendors);
  return { config: loaded.config as Config, model: result.model, diagnostics };
}

/**
 * Config then what `validate` prints of the model: its diagnostics and counts, recorded by an earlier run on the
 * same inputs where there is one (compile/validation-record.ts). undefined means the command should exit 1.
 */
export async function configAndSummary(values: Record<string, unknown>, context: CommandContext, format?: string) {
  const loaded = await projectConfig(context, overridesFrom(values), { format });
  if (!loaded.config) {
    context.printDiagnostics(loaded.diagnostics, format);
    return undefined;
  }
  const { modelSummary } = await import("../../compile/validation-record.js");
  const summary = await modelSummary(loaded.config);
  const diagnostics = shownDiagnostics(values, context, loaded.config, summary.diagnostics, summary.vendors);
  return { config: loaded.config as Config, summary, diagnostics };
}

/** The diagnostics a command shows: the warning filter, and the config's vendors the model does not define. */
function shownDiagnostics(
  values: Record<string, unknown>,
  context: CommandContext,
  config: Config,
  built: readonly Diagnostic[],
  vendors: readonly string[] | undefined,
): Diagnostic[] {
  // A config that selects a vendor the specs do not define is the project's error, as generate reports it.
  const unknown = vendors ? unknownVendors(config, vendors) : [];
  return [...visibleDiagnostics(built, config, context.cwd, values["all-warnings"] === true), ...unknown];
}

export const baselineOption = { baseline: { type: "string" } } as const;
export const baselineHelp = {
  "--baseline FILE": "accepted findings by fingerprint (default: statespec.baseline.yaml beside the config)",
};

/**
 * The baseline `diff` and `check` honour: --baseline, else statespec.baseline.yaml beside the config, else none.
 * `failed` when the file cannot be used; its diagnostics are printed.
 */
export async function runBaseline(
  values: Record<string, unknown>,
  config: Config,
  context: CommandContext,
  format: string | undefined,
): Promise<{ baseline?: Baseline } | "failed"> {
  const { baselinePath, loadBaseline } = await import("../../config/baseline.js");
  const file = baselinePath(context.cwd, values.baseline as string | undefined, config.configPath);
  if (file === undefined) return {};
  const loaded = await loadBaseline(file, context.cwd);
  if (loaded.diagnostics.length === 0) return { baseline: loaded.baseline };
  context.printDiagnostics(loaded.diagnostics, format);
  return "failed";
}
