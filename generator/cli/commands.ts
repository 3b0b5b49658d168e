// One entry per command: its options, usage checks and what it runs. The CLI (cli.ts) stays generic.
import type { ParseArgsConfig } from "node:util";
// Each command imports what it needs when it runs: a no-op `generate` must not pay for YAML, ajv or ts-morph.
import { loadConfig, visibleDiagnostics, type Config, type ConfigOverrides } from "../config/config.js";
import { hasErrors, type Diagnostic } from "../common/diagnostics.js";
import { diffFormats, type DiffFormat } from "../diff/format.js";
import { escapeForTerminal, escapeJson } from "../common/text-safety.js";
import { checkFormats, type CheckFormat } from "../check/format.js";

export interface CommandContext {
  io: { out: (text: string) => void; err: (text: string) => void; isTTY?: boolean };
  cwd: string;
  /** Aborted when a long-running command must end early (stdout is gone). */
  stop?: AbortSignal;
  printDiagnostics: (diagnostics: readonly Diagnostic[], format?: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  optionHelp: Record<string, string>;
  /** Takes operands after the options (input files). */
  positionals?: boolean;
  checkUsage?: (values: Record<string, unknown>, fail: (message: string) => never, positionals: readonly string[]) => void;
  run: (values: Record<string, unknown>, context: CommandContext, positionals: readonly string[]) => Promise<number>;
}

const configOptions = {
  config: { type: "string" },
  spec: { type: "string", multiple: true },
} as const;

const configHelp = {
  "--config FILE": "config file (default: ./statespec.config.yaml when present)",
  "--spec DIR": "spec folder, repeatable; replaces the config's specs ('statespec:builtin' = shipped specs)",
};

const warningOptions = { "all-warnings": { type: "boolean" } } as const;
const warningHelp = { "--all-warnings": "also show the warnings about the shipped specs (hidden where statespec:builtin is used)" };

const formats = ["text", "json", "github"];

function oneOf(name: string, allowed: readonly string[]) {
  return (values: Record<string, unknown>, fail: (message: string) => never) => {
    const value = values[name];
    if (value !== undefined && !allowed.includes(String(value))) fail(`--${name} must be one of ${allowed.join(", ")}, not '${value}'`);
  };
}

/** The options every command shares with the config file. */
function overridesFrom(values: Record<string, unknown>): ConfigOverrides {
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
  const { buildModel } = await import("../compile/stages.js");
  const result = await buildModel(loaded.config.specs);
  return { config: loaded.config as Config, model: result.model, diagnostics: visibleDiagnostics(result.diagnostics, loaded.config, context.cwd, values["all-warnings"] === true) };
}

const validate: Command = {
  name: "validate",
  summary: "check the spec files and print every problem as path:line:col: severity CODE message",
  usage: "[--spec DIR]... [--format text|json|github] [--all-warnings]",
  options: { ...configOptions, ...warningOptions, format: { type: "string" } },
  optionHelp: { ...configHelp, "--format text|json|github": "how diagnostics are printed (default text)", ...warningHelp },
  checkUsage: oneOf("format", formats),
  async run(values, context) {
    const format = (values.format as string | undefined) ?? "text";
    const result = await configAndModel(values, context, format);
    if (!result) return 1;
    context.printDiagnostics(result.diagnostics, format);
    if (hasErrors(result.diagnostics)) return 1;
    if (format === "text") context.io.out(`${result.model!.documents.length} documents, ${result.model!.vendors.length} vendors: valid\n`);
    return 0;
  },
};

const exportCommand: Command = {
  name: "export",
  summary: "print the resolved model as JSON: { documents, vendors }",
  usage: "[--vendor ID] [--spec DIR]...",
  options: { ...configOptions, vendor: { type: "string" } },
  optionHelp: { ...configHelp, "--vendor ID": "only this vendor and its documents" },
  async run(values, context) {
    const result = await configAndModel(values, context);
    if (!result) return 1;
    if (!result.model) {
      context.printDiagnostics(result.diagnostics);
      return 1;
    }
    const vendorId = values.vendor as string | undefined;
    if (vendorId !== undefined && !result.model.vendors.some((vendor) => vendor.id === vendorId)) {
      context.io.err(`statespec export: unknown vendor '${escapeForTerminal(vendorId)}'; known: ${result.model.vendors.map((vendor) => vendor.id).join(", ")}\n`);
      return 2;
    }
    const { exportModel } = await import("../model/export.js");
    context.io.out(`${escapeJson(JSON.stringify(exportModel(result.model, vendorId), null, 2))}\n`);
    return 0;
  },
};

const generateCommand: Command = {
  name: "generate",
  summary: "write TypeScript, JSON Schema, OpenAPI and Markdown for every vendor into out/",
  usage: "[--check] [--out DIR] [--enum-style enum|const] [--spec DIR]...",
  options: { ...configOptions, ...warningOptions, check: { type: "boolean" }, full: { type: "boolean" }, watch: { type: "boolean" }, out: { type: "string" }, "enum-style": { type: "string" }, format: { type: "string" } },
  optionHelp: {
    ...configHelp,
    "--check": "write nothing; exit 1 naming every stale, missing, orphaned or foreign file",
    "--watch": "regenerate whenever specs, templates or the config change",
    "--full": "regenerate everything even when out/.statespec-manifest.json says nothing changed",
    "--out DIR": "output folder (default: the config's, or ./out)",
    "--enum-style enum|const": "TypeScript enums, or `as const` objects with union types",
    "--format text|json|github": "how diagnostics are printed (default text)",
    ...warningHelp,
  },
  checkUsage: (values, fail) => {
    if (values.check && values.watch) fail("--check and --watch cannot be combined");
    oneOf("enum-style", ["enum", "const"])(values, fail);
    oneOf("format", formats)(values, fail);
  },
  async run(values, context) {
    const format = values.format as string | undefined;
    const overrides = overridesFrom(values);
    if (values.watch) return (await import("./watch.js")).watchAndGenerate(overrides, context, context.stop);
    const loaded = await loadConfig(context.cwd, overrides);
    if (!loaded.config) {
      context.printDiagnostics(loaded.diagnostics, format);
      return 1;
    }
    const { generate, summarize } = await import("../compile/compile.js");
    const { isUpToDate } = await import("../write/write.js");
    const check = values.check === true;
    const result = await generate(loaded.config, { check, full: values.full === true });
    context.printDiagnostics(visibleDiagnostics(result.diagnostics, loaded.config, context.cwd, overrides.allWarnings), format);
    if (hasErrors(result.diagnostics) || !result.plan) return 1;
    const summary = summarize(result.plan, check);
    if (check && !isUpToDate(result.plan)) {
      context.io.err(summary);
      return 1;
    }
    context.io.out(summary);
    return 0;
  },
};

const failOn = ["error", "warning", "never"];

const diffCommand: Command = {
  name: "diff",
  summary: "compare the spec at two points (git refs or folders) by meaning: values, descriptions, derived statuses",
  usage: "--base REF|DIR [--head REF|DIR] [--format text|markdown|json|github] [--fail-on error|warning|never]",
  options: { ...configOptions, base: { type: "string" }, head: { type: "string" }, format: { type: "string" }, "fail-on": { type: "string" } },
  optionHelp: {
    ...configHelp,
    "--base REF|DIR": "the spec before: a git ref of this repository or a spec folder (required)",
    "--head REF|DIR": "the spec after (default: the spec folders as they are now)",
    "--format text|markdown|json|github": "text for a terminal, markdown for a PR comment, json, or GitHub annotations",
    "--fail-on error|warning|never": "exit 1 when a finding is at least this severe (default error)",
  },
  checkUsage: (values, fail) => {
    if (values.base === undefined) fail("--base is required");
    oneOf("format", diffFormats)(values, fail);
    oneOf("fail-on", failOn)(values, fail);
  },
  async run(values, context) {
    // Diagnostics follow --format where it has a diagnostic form: GitHub annotations stay annotations.
    const diagnosticFormat = values.format === "github" ? "github" : undefined;
    const loaded = await loadConfig(context.cwd, overridesFrom(values));
    if (!loaded.config) {
      context.printDiagnostics(loaded.diagnostics, diagnosticFormat);
      return 1;
    }
    const { loadSide, SideError } = await import("../diff/sides.js");
    const { compareModels, severityRank } = await import("../diff/compare.js");
    const { formatFindings } = await import("../diff/format.js");
    const format = ((values.format as string | undefined) ?? "text") as DiffFormat;
    let base: Awaited<ReturnType<typeof loadSide>>;
    let head: Awaited<ReturnType<typeof loadSide>>;
    try {
      base = await loadSide(values.base as string, loaded.config, context.cwd);
      head = await loadSide(values.head as string | undefined, loaded.config, context.cwd);
    } catch (error) {
      if (!(error instanceof SideError)) throw error;
      context.io.err(`statespec diff: ${escapeForTerminal(error.message)}\n`);
      return error.exitCode;
    }
    let invalid = false;
    for (const side of [base, head]) {
      if (side.model) continue;
      // A side that does not validate is a finding about that side, not a crash.
      context.io.err(`statespec diff: the ${side === base ? "base" : "head"} spec (${escapeForTerminal(side.label)}) is not valid:\n`);
      context.printDiagnostics(side.diagnostics.filter((d) => d.severity === "error"), diagnosticFormat);
      invalid = true;
    }
    if (invalid) return 1;
    // Like generate, the diff speaks only of the vendors the config selects.
    const selected = loaded.config.vendors;
    const findings = compareModels(base.model!, head.model!).filter((f) => selected === undefined || selected.includes(f.vendor));
    context.io.out(formatFindings(findings, format, { base: base.label, head: head.label }, format === "text" && context.io.isTTY === true));
    const threshold = (values["fail-on"] as string | undefined) ?? "error";
    if (threshold === "never") return 0;
    return findings.some((f) => severityRank[f.severity] >= severityRank[threshold as keyof typeof severityRank]) ? 1 : 0;
  },
};

const checkCommand: Command = {
  name: "check",
  summary: "hold real server responses (Compute API JSON, openstack CLI JSON, NDJSON) against a vendor's spec",
  usage: "[--vendor ID] [--format text|json|markdown|github] [--fail-on error|warning|never] [--max-findings N] [FILE|-]...",
  positionals: true,
  options: { ...configOptions, vendor: { type: "string" }, format: { type: "string" }, "fail-on": { type: "string" }, "max-findings": { type: "string" } },
  optionHelp: {
    ...configHelp,
    "--vendor ID": "the vendor whose spec the servers are held against (default openstack)",
    "--format text|json|markdown|github": "text for a terminal, json, markdown for a PR comment, or GitHub annotations",
    "--fail-on error|warning|never": "exit 1 when a finding is at least this severe (default error)",
    "--max-findings N": "print at most N findings (default 1000); the summary counts all of them",
    "FILE|-": "JSON or NDJSON inputs, read as streams; - or none (with a pipe) is stdin",
  },
  checkUsage: (values, fail, positionals) => {
    oneOf("format", checkFormats)(values, fail);
    oneOf("fail-on", failOn)(values, fail);
    const max = values["max-findings"];
    if (max !== undefined && !/^\d+$/.test(String(max))) fail(`--max-findings must be a whole number, not '${max}'`);
    if (positionals.length === 0 && process.stdin.isTTY) fail("give a FILE, or - to read standard input");
    if (positionals.filter((input) => input === "-").length > 1) fail("standard input (-) can be read only once");
  },
  async run(values, context, positionals) {
    const result = await configAndModel(values, context);
    if (!result) return 1;
    if (!result.model) {
      context.printDiagnostics(result.diagnostics);
      return 1;
    }
    const vendorId = (values.vendor as string | undefined) ?? "openstack";
    const vendor = result.model.vendors.find((candidate) => candidate.id === vendorId);
    if (!vendor) {
      context.io.err(`statespec check: unknown vendor '${vendorId}'; known: ${result.model.vendors.map((known) => known.id).join(", ")}\n`);
      return 2;
    }
    const { runCheck } = await import("../check/run.js");
    const format = ((values.format as string | undefined) ?? "text") as CheckFormat;
    const maxFindings = values["max-findings"] === undefined ? 1000 : Number(values["max-findings"]);
    const { summary, inputFailed } = await runCheck(result.model, vendor, { format, maxFindings, inputs: positionals.length > 0 ? positionals : ["-"] }, context.io.out);
    if (inputFailed) return 1;
    const threshold = (values["fail-on"] as string | undefined) ?? "error";
    if (threshold === "never") return 0;
    return summary.errors > 0 || (threshold === "warning" && summary.warnings > 0) ? 1 : 0;
  },
};

export const commands: Command[] = [validate, generateCommand, exportCommand, diffCommand, checkCommand];
