// `statespec diff`: the spec at two points compared by meaning (diff/).
import { join } from "node:path";
import { displayPath } from "../../common/paths.js";
import { escapeForTerminal } from "../../common/text-safety.js";
import { manifestName } from "../../write/plan.js";
import { diffFormats } from "../../diff/format.js";
import { defineCommand } from "../context.js";
import { baselineHelp, baselineOption, configHelp, configOptions, failOnHelp, failOnOption } from "../option-specs.js";
import { countSeverities, failsOn } from "../../common/fail-on.js";
import { failOnOf, overridesFrom, projectConfig, runBaseline } from "./options.js";
import type { Side } from "../../diff/sides.js";
import type { Model } from "../../model/model.js";

export const diffCommand = defineCommand({
  name: "diff",
  summary: "compare the spec at two points (git refs or folders) by meaning: values, descriptions, derived statuses",
  usage: "--base REF|DIR [--head REF|DIR] [--format text|markdown|json|github] [--fail-on error|warning|never]",
  options: {
    ...configOptions,
    base: { type: "string", required: true },
    head: { type: "string" },
    format: { type: "string", choices: diffFormats },
    ...failOnOption,
    ...baselineOption,
  },
  optionHelp: {
    ...configHelp,
    "--base REF|DIR": "the spec before: a git ref of this repository or a spec folder (required)",
    "--head REF|DIR": "the spec after (default: the spec folders as they are now)",
    "--format text|markdown|json|github": "text for a terminal, markdown for a PR comment, json, or GitHub annotations",
    ...failOnHelp,
    ...baselineHelp,
  },
  async run(values, context) {
    // Diagnostics follow --format where it has a diagnostic form: GitHub annotations stay annotations.
    const diagnosticFormat = values.format === "github" ? "github" : undefined;
    // Two sides given: the config's spec folders are not read (only which of them are shipped matters).
    const loaded = await projectConfig(context, overridesFrom(values), { readsSpecFolders: values.head === undefined });
    if (!loaded.config) {
      context.printDiagnostics(loaded.diagnostics, diagnosticFormat);
      return 1;
    }
    const accepted = await runBaseline(values, loaded.config, context, diagnosticFormat);
    if (accepted === "failed") return 1;
    const { applyBaseline } = await import("../../config/baseline.js");
    const { loadSides, SideError } = await import("../../diff/sides.js");
    const { compareModels } = await import("../../diff/compare.js");
    const { formatFindings } = await import("../../diff/format.js");
    const format = values.format ?? "text";
    let base: Awaited<ReturnType<typeof loadSides>>["base"];
    let head: Awaited<ReturnType<typeof loadSides>>["head"];
    try {
      ({ base, head } = await loadSides(values.base, values.head, loaded.config, overridesFrom(values), context.cwd));
    } catch (error) {
      if (!(error instanceof SideError)) throw error;
      context.io.err(`statespec diff: ${escapeForTerminal(error.message)}\n`);
      return error.exitCode;
    }
    let invalid = false;
    for (const side of [base, head]) {
      if (side.model) continue;
      // A side that does not validate is a finding about that side, not a crash.
      context.io.err(
        `statespec diff: the ${side === base ? "base" : "head"} spec ` +
          `(${escapeForTerminal(side.label)}) is not valid:\n`,
      );
      context.printDiagnostics(
        side.diagnostics.filter((d) => d.severity === "error"),
        diagnosticFormat,
      );
      invalid = true;
    }
    if (invalid) return 1;
    const { upgradeSides } = await import("../../diff/upgrade-sides.js");
    const { attributeUpgrade } = await import("../../diff/upgrade.js");
    const upgrade = upgradeSides(base, head, context.cwd);
    if ("note" in upgrade) context.io.err(`statespec diff: note: ${escapeForTerminal(upgrade.note)}\n`);
    for (const side of [base, head].filter((side) => side.notInUse))
      context.io.err(
        `statespec diff: note: ${escapeForTerminal(side.label)} has no statespec config and no ` +
          `${escapeForTerminal(displayPath(join(side.config.out, manifestName)))}: statespec did not run there, ` +
          "so it is read as having no vendors\n",
      );
    // Like generate, each side holds the vendors its config selects: a vendor a config stops generating is removed.
    const all = compareModels(selectedOf(base), selectedOf(head));
    // And the diff speaks only of those (an upgrade: of those it affected).
    // A side where statespec never ran selects nothing: the other side's selection is the diff's.
    const selections = [base, head].filter((side) => !side.notInUse).map((side) => side.config.vendors);
    const selected = selections.every((vendors) => vendors !== undefined) ? selections.flat() : undefined;
    const shown = (f: (typeof all)[number]) =>
      selected === undefined ||
      selected.includes(f.vendor) ||
      (f.kind === "statespec-upgraded" && f.affected.some((id) => selected.includes(id)));
    const compared = ("sides" in upgrade ? attributeUpgrade(all, upgrade.sides) : all).filter(shown);
    const findings = applyBaseline(compared, accepted.baseline);
    context.io.out(
      formatFindings(
        findings,
        format,
        { base: base.label, head: head.label },
        format === "text" && context.io.isTTY === true,
      ),
    );
    // An accepted finding (the baseline's) is reported but never fails the run: countSeverities skips it.
    return failsOn(failOnOf(values, loaded.config), countSeverities(findings)) ? 1 : 0;
  },
});

/** A side's model with only the vendors its config selects (all without `vendors`). */
function selectedOf({ model, config }: Side): Model {
  const ids = config.vendors;
  return ids === undefined
    ? model!
    : { ...model!, vendors: model!.vendors.filter((vendor) => ids.includes(vendor.id)) };
}
