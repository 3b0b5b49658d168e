// `statespec generate [--check] [--watch]`: the whole pipeline (compile/compile.ts), or a comparison with out/.
import { hasErrors } from "../../common/diagnostics.js";
import { visibleDiagnostics } from "../../config/config.js";
import type { Command } from "../context.js";
import { summarize } from "../summary.js";
import { configHelp, configOptions, formats, oneOf, overridesFrom, projectConfig } from "./options.js";
import { warningHelp, warningOptions } from "./options.js";

export const generateCommand: Command = {
  name: "generate",
  summary: "write TypeScript, JSON Schema, OpenAPI, Markdown (and, where the config names them, Python and Go) for every vendor into out/",
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
    if (values.watch) return (await import("../watch.js")).watchAndGenerate(overrides, context, context.stop);
    const loaded = await projectConfig(context, overrides, { format });
    if (!loaded.config) {
      context.printDiagnostics(loaded.diagnostics, format);
      return 1;
    }
    const { compile } = await import("../../compile/compile.js");
    const { isUpToDate } = await import("../../write/write.js");
    const check = values.check === true;
    const result = await compile(loaded.config, { check, full: values.full === true });
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
