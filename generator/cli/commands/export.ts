// `statespec export`: the resolved model as JSON, in the public shape of DESIGN.md.
import { escapeJson } from "../../common/text-safety.js";
import type { Command } from "../context.js";
import { configAndModel, configHelp, configOptions, unknownVendor } from "./options.js";

export const exportCommand: Command = {
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
      context.io.err(`statespec export: ${unknownVendor(vendorId, result.model.vendors.map((vendor) => vendor.id))}\n`);
      return 2;
    }
    const { exportModel } = await import("../../model/export.js");
    context.io.out(`${escapeJson(JSON.stringify(exportModel(result.model, vendorId), null, 2))}\n`);
    return 0;
  },
};
