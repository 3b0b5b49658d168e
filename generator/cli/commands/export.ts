// `statespec export`: the resolved model as JSON, in the public shape of DESIGN.md.
import { escapeJson } from "../../common/text-safety.js";
import { defineCommand } from "../context.js";
import { configHelp, configOptions } from "../option-specs.js";
import { configAndModel, unknownVendor } from "./options.js";

export const exportCommand = defineCommand({
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
    const vendorId = values.vendor;
    if (vendorId !== undefined && !result.model.vendors.some((vendor) => vendor.id === vendorId)) {
      context.io.err(
        `statespec export: ${unknownVendor(
          vendorId,
          result.model.vendors.map((vendor) => vendor.id),
        )}\n`,
      );
      return 2;
    }
    const { exportModel } = await import("../../model/export.js");
    let text: string;
    try {
      text = JSON.stringify(exportModel(result.model, vendorId), null, 2);
    } catch (error) {
      // An answer's origin nests one level per vendor of its fallback chain: V8 stops at a few thousand levels
      // (RangeError), and the text of a deeper chain grows with the square of its depth. Bad input, not a bug.
      if (!(error instanceof RangeError)) throw error;
      context.io.err(
        "statespec export: the model is too deep to print as JSON (a fallback chain of thousands of vendors); " +
          "use --vendor, or a shorter chain\n",
      );
      return 1;
    }
    context.io.out(`${escapeJson(text)}\n`);
    return 0;
  },
});
