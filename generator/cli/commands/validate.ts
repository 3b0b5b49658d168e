// `statespec validate`: load, validate and resolve; print every diagnostic.
import { hasErrors } from "../../common/diagnostics.js";
import type { Command } from "../context.js";
import { configAndModel, configHelp, configOptions, formats, oneOf, warningHelp, warningOptions } from "./options.js";

export const validate: Command = {
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
