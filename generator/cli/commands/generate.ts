// `statespec generate [--check] [--watch]`: the whole pipeline (compile/compile.ts), or a comparison with out/.
import { hasErrors, type Diagnostic } from "../../common/diagnostics.js";
import { countSeverities, failsOn } from "../../common/fail-on.js";
import { visibleDiagnostics } from "../../config/config.js";
import { defineCommand } from "../context.js";
import { configHelp, generateOptions, warningHelp } from "../option-specs.js";
import { isUpToDate, outputState, planAnnotations, summarize } from "../summary.js";
import { failOnOf, overridesFrom, projectConfig } from "./options.js";

export const generateCommand = defineCommand({
  name: "generate",
  summary:
    "write TypeScript, JSON Schema, OpenAPI, Markdown and states.json (and, where the config names them, Python, " +
    "Go, Rust and Java) for every vendor into the output folder (the config's out, else ./out)",
  usage: "[--check] [--out DIR] [--enum-style enum|const] [--fail-on error|warning|never] [--spec DIR]...",
  // Declared beside the no-op path's other needs, which reads the same command line (option-specs.ts).
  options: generateOptions,
  optionHelp: {
    ...configHelp,
    "--check": "write nothing; exit 1 naming every stale, missing, orphaned or foreign file",
    "--watch": "regenerate whenever specs, templates or the config change",
    "--full": "regenerate everything even when out/.statespec-manifest.json says nothing changed",
    "--out DIR": "output folder (default: the config's, or ./out)",
    "--enum-style enum|const": "TypeScript enums, or `as const` objects with union types",
    "--format text|json|github": "how diagnostics are printed (default text)",
    "--fail-on error|warning|never": "with warning, a warning stops the run as an error does (nothing written, exit 1)",
    ...warningHelp,
  },
  checkUsage: (values, fail) => {
    if (values.check && values.watch) fail("--check and --watch cannot be combined");
    // A watch regenerates whatever it finds, to show the state of the specs as they are edited.
    if (values["fail-on"] !== undefined && values.watch) fail("--fail-on and --watch cannot be combined");
  },
  async run(values, context) {
    const format = values.format;
    const overrides = overridesFrom(values);
    if (values.watch) return (await import("../watch.js")).watchAndGenerate(overrides, context, context.stop);
    const loaded = await projectConfig(context, overrides, { format });
    if (!loaded.config) {
      context.printDiagnostics(loaded.diagnostics, format);
      return 1;
    }
    const { compile } = await import("../../compile/compile.js");
    const check = values.check === true;
    const config = loaded.config;
    const shown = (diagnostics: readonly Diagnostic[]) =>
      visibleDiagnostics(diagnostics, config, context.cwd, overrides.allWarnings);
    // An error always stops generate (there is no model to write); `never` only keeps warnings from doing so.
    const threshold = failOnOf(values, config);
    const stopOn =
      threshold === "warning"
        ? (diagnostics: readonly Diagnostic[]) => failsOn(threshold, countSeverities(shown(diagnostics)))
        : undefined;
    const result = await compile(config, { check, full: values.full === true, stopOn });
    const output = check && format === "json" && result.plan ? outputState(result.plan) : undefined;
    context.printDiagnostics(shown(result.diagnostics), format, output);
    if (hasErrors(result.diagnostics)) return 1;
    if (!result.plan) {
      if (stopOn && (format ?? "text") === "text") {
        context.io.err(`statespec generate: the warnings fail this run (fail-on ${threshold}); nothing was written\n`);
      }
      return 1;
    }
    const summary = summarize(result.plan, check);
    if (check && !isUpToDate(result.plan)) {
      if (format === "github") context.io.err(planAnnotations(result.plan));
      // json: the document above holds the folder's state, and stderr stays that one document.
      if (format !== "json") context.io.err(summary);
      return 1;
    }
    context.io.out(summary);
    return 0;
  },
});
