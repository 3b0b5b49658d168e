// What several commands share: the config options, the warning filter, the choice checks, and the model.
// Each command imports what it needs when it runs: a no-op `generate` must not pay for YAML, ajv or ts-morph.
import { loadConfig, visibleDiagnostics, type Config, type ConfigOverrides } from "../../config/config.js";
import type { CommandContext } from "../context.js";
import { failOnLevels, type FailOn } from "../../common/fail-on.js";
import { didYouMean } from "../../common/suggest.js";
import { escapeForTerminal } from "../../common/text-safety.js";

export const configOptions = {
  config: { type: "string" },
  spec: { type: "string", multiple: true },
} as const;

export const configHelp = {
  "--config FILE": "config file (default: ./statespec.config.yaml when present)",
  "--spec DIR": "spec folder, repeatable; replaces the config's specs ('statespec:builtin' = shipped specs)",
};

export const warningOptions = { "all-warnings": { type: "boolean" } } as const;
export const warningHelp = { "--all-warnings": "also show the warnings about the shipped specs (hidden where statespec:builtin is used)" };

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

/** Config then model; prints diagnostics. undefined means the command should exit 1. */
export async function configAndModel(values: Record<string, unknown>, context: CommandContext, format?: string) {
  const loaded = await loadConfig(context.cwd, overridesFrom(values));
  if (!loaded.config) {
    context.printDiagnostics(loaded.diagnostics, format);
    return undefined;
  }
  const { buildModel } = await import("../../compile/compile.js");
  const result = await buildModel(loaded.config.specs);
  return { config: loaded.config as Config, model: result.model, diagnostics: visibleDiagnostics(result.diagnostics, loaded.config, context.cwd, values["all-warnings"] === true) };
}
