// `statespec validate`: load, validate and resolve; print every diagnostic.
import { countSeverities, failsOn } from "../../common/fail-on.js";
import { defineCommand } from "../context.js";
import {
  configHelp,
  configOptions,
  diagnosticFormats,
  failOnHelp,
  failOnOption,
  warningHelp,
  warningOptions,
} from "../option-specs.js";
import { configAndSummary, failOnOf } from "./options.js";

export const validate = defineCommand({
  name: "validate",
  summary: "check the spec files and print every problem as path:line:col: severity CODE message",
  usage: "[--spec DIR]... [--format text|json|github] [--fail-on error|warning|never] [--all-warnings]",
  options: {
    ...configOptions,
    ...warningOptions,
    format: { type: "string", choices: diagnosticFormats },
    ...failOnOption,
  },
  optionHelp: {
    ...configHelp,
    "--format text|json|github": "how diagnostics are printed (default text)",
    ...failOnHelp,
    ...warningHelp,
  },
  async run(values, context) {
    const format = values.format ?? "text";
    const result = await configAndSummary(values, context, format);
    if (!result) return 1;
    context.printDiagnostics(result.diagnostics, format);
    // The shown diagnostics decide: the shipped specs' warnings, hidden by default, are not the project's to fix.
    const counts = countSeverities(result.diagnostics);
    const threshold = failOnOf(values, result.config);
    const failed = failsOn(threshold, counts);
    if (counts.errors > 0) return failed ? 1 : 0;
    // Only text gets the reason: json and github output on stderr stays one document of its kind.
    if (format !== "text") return failed ? 1 : 0;
    if (failed) context.io.err(`statespec validate: the warnings fail this run (fail-on ${threshold})\n`);
    else context.io.out(`${result.summary.documents} documents, ${result.summary.vendors!.length} vendors: valid\n`);
    return failed ? 1 : 0;
  },
});
