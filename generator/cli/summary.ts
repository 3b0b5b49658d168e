// What `generate` prints when it is done: what it wrote, or with --check what is out of date.
import { displayPath } from "../common/paths.js";
import { escapeForTerminal } from "../common/text-safety.js";
import { describePlan, isUpToDate, type OutputPlan } from "../write/write.js";

export function summarize(plan: OutputPlan, check: boolean): string {
  const shown = escapeForTerminal(displayPath(plan.outDir));
  if (check) {
    if (isUpToDate(plan)) return `${shown} is up to date (${plan.unchanged} files)\n`;
    const stale = plan.writes.length > 0 || plan.orphaned.length > 0 ? `${shown} is out of date: run statespec generate\n` : "";
    const foreign = plan.foreign.length > 0 ? `${shown} holds ${plan.foreign.length} file(s) statespec did not write: move them elsewhere (generate never touches them)\n` : "";
    return `${describePlan(plan)}\n${stale}${foreign}`;
  }
  const left = plan.foreign.length > 0 ? `; left ${plan.foreign.length} file(s) statespec did not write (generate --check names them)` : "";
  return `wrote ${plan.writes.length} file(s), ${plan.unchanged} unchanged, removed ${plan.orphaned.length} in ${shown}${left}\n`;
}
