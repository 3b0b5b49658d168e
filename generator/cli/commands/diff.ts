// `statespec diff`: the spec at two points compared by meaning (diff/).
import { escapeForTerminal } from "../../common/text-safety.js";
import { loadConfig } from "../../config/config.js";
import { diffFormats, type DiffFormat } from "../../diff/format.js";
import type { Command } from "../context.js";
import { countSeverities, failsOn } from "../../common/fail-on.js";
import { configHelp, configOptions, failOn, failOnHelp, failOnOf, failOnOption, oneOf, overridesFrom } from "./options.js";

export const diffCommand: Command = {
  name: "diff",
  summary: "compare the spec at two points (git refs or folders) by meaning: values, descriptions, derived statuses",
  usage: "--base REF|DIR [--head REF|DIR] [--format text|markdown|json|github] [--fail-on error|warning|never]",
  options: { ...configOptions, base: { type: "string" }, head: { type: "string" }, format: { type: "string" }, ...failOnOption },
  optionHelp: {
    ...configHelp,
    "--base REF|DIR": "the spec before: a git ref of this repository or a spec folder (required)",
    "--head REF|DIR": "the spec after (default: the spec folders as they are now)",
    "--format text|markdown|json|github": "text for a terminal, markdown for a PR comment, json, or GitHub annotations",
    ...failOnHelp,
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
    const { loadSide, SideError } = await import("../../diff/sides.js");
    const { compareModels } = await import("../../diff/compare.js");
    const { formatFindings } = await import("../../diff/format.js");
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
    return failsOn(failOnOf(values, loaded.config), countSeverities(findings)) ? 1 : 0;
  },
};
