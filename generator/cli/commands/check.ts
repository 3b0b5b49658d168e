// `statespec check`: real server responses held against a vendor's spec (check/).
import { checkFormats } from "../../check/format.js";
import { defineCommand } from "../context.js";
import { baselineHelp, baselineOption, configHelp, configOptions, failOnHelp, failOnOption } from "../option-specs.js";
import { failsOn } from "../../common/fail-on.js";
import { configAndModel, failOnOf, unknownVendor, runBaseline } from "./options.js";

export const checkCommand = defineCommand({
  name: "check",
  summary: "hold real server responses (Compute API JSON, openstack CLI JSON, NDJSON) against a vendor's spec",
  usage:
    "[--vendor ID] [--format text|json|markdown|github] [--fail-on error|warning|never] [--max-findings N] " +
    "[--baseline FILE] [FILE|-]...",
  positionals: true,
  options: {
    ...configOptions,
    vendor: { type: "string" },
    format: { type: "string", choices: checkFormats },
    ...failOnOption,
    "max-findings": { type: "string" },
    ...baselineOption,
  },
  optionHelp: {
    ...configHelp,
    "--vendor ID": "the vendor whose spec the servers are held against (default openstack)",
    "--format text|json|markdown|github": "text for a terminal, json, markdown for a PR comment, or GitHub annotations",
    ...failOnHelp,
    "--max-findings N": "print at most N findings (default 1000); the summary counts all of them",
    ...baselineHelp,
    "FILE|-": "JSON or NDJSON inputs, read as streams; - or none (with a pipe) is stdin",
  },
  checkUsage: (values, fail, positionals) => {
    const max = values["max-findings"];
    if (max !== undefined && !/^\d+$/.test(max)) fail(`--max-findings must be a whole number, not '${max}'`);
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
    const vendorId = values.vendor ?? "openstack";
    const vendor = result.model.vendors.find((candidate) => candidate.id === vendorId);
    if (!vendor) {
      const known = result.model.vendors.map((candidate) => candidate.id);
      context.io.err(`statespec check: ${unknownVendor(vendorId, known)}\n`);
      return 2;
    }
    const accepted = await runBaseline(
      values,
      result.config,
      context,
      values.format === "github" ? "github" : undefined,
    );
    if (accepted === "failed") return 1;
    const { baseline } = accepted;
    const { runCheck } = await import("../../check/run.js");
    const format = values.format ?? "text";
    const maxFindings = values["max-findings"] === undefined ? 1000 : Number(values["max-findings"]);
    const inputs = positionals.length > 0 ? positionals : ["-"];
    const options = { format, maxFindings, inputs, baseline };
    const { summary, inputFailed } = await runCheck(result.model, vendor, options, context.io.out);
    if (inputFailed) return 1;
    return failsOn(failOnOf(values, result.config), summary) ? 1 : 0;
  },
});
