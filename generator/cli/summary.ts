// What `generate` prints when it is done: what it wrote, or with --check what is out of date.
import { describePlan, isUpToDate, type OutputPlan } from "../write/write.js";
import { escapeLine } from "../common/text-safety.js";
import { shownOut, upToDateLine, wroteLine } from "./summary-lines.js";

export function summarize(plan: OutputPlan, check: boolean): string {
  const shown = shownOut(plan.outDir);
  if (check) {
    if (isUpToDate(plan)) return upToDateLine(plan.outDir, plan.unchanged);
    const outdated = plan.writes.length > 0 || plan.orphaned.length > 0 || plan.leftovers.length > 0;
    const stale = outdated ? `${escapeLine(`${shown} is out of date: run statespec generate`)}\n` : "";
    const foreign =
      plan.foreign.length > 0
        ? `${escapeLine(shown)} holds ${plan.foreign.length} file(s) statespec did not write: ` +
          "move them elsewhere (generate never touches them)\n"
        : "";
    return `${describePlan(plan)}\n${stale}${foreign}`;
  }
  return wroteLine(plan.outDir, {
    written: plan.writes.length,
    unchanged: plan.unchanged,
    removed: plan.orphaned.length,
    foreign: plan.foreign.length,
  });
}
