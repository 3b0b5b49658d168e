// What `generate` prints when it is done: what it wrote, or with --check what is out of date.
import { displayPath } from "../common/paths.js";
import { escapeForTerminal, escapeLine, githubCommand } from "../common/text-safety.js";
import type { OutputPlan } from "../write/plan.js";
import type { OutputState } from "./context.js";
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

export function isUpToDate(plan: OutputPlan): boolean {
  const changes = plan.writes.length + plan.orphaned.length;
  return changes === 0 && plan.foreign.length === 0 && plan.leftovers.length === 0;
}

/** What --check prints: every missing, stale, orphaned and foreign file (stale ones with their first difference),
 * and every staging folder a dead run left. */
function describePlan(plan: OutputPlan): string {
  // Names in out/ are anyone's: one with a line break must not print a line of its own (a CI log command).
  const shown = escapeForTerminal(displayPath(plan.outDir));
  const lines: string[] = [];
  for (const path of plan.missing) lines.push(`missing:  ${shown}/${escapeForTerminal(path)}`);
  for (const { path, diff } of plan.stale) lines.push(`stale:    ${shown}/${escapeForTerminal(path)}`, diff);
  for (const path of plan.orphaned)
    lines.push(`orphaned: ${shown}/${escapeForTerminal(path)} (statespec no longer generates it; generate removes it)`);
  for (const name of plan.leftovers) {
    const why = "the staging folder of a statespec run that no longer exists; generate removes it";
    lines.push(`leftover: ${shown}/${escapeForTerminal(name)} (${why})`);
  }
  for (const path of plan.foreign)
    lines.push(
      `foreign:  ${shown}/${escapeForTerminal(path)} (not written by statespec; generate leaves it alone, ` +
        `but ${shown} is not clean: move it elsewhere or delete it)`,
    );
  return lines.join("\n");
}

/** --check --format github: each file out of date as an annotation on it (an error; a foreign file, a warning), so
 * a pull request shows them where they are. The text of describePlan follows, as in every format. */
export function planAnnotations(plan: OutputPlan): string {
  const shown = displayPath(plan.outDir);
  const title = "statespec generate --check";
  const at = (path: string) => ({ file: `${shown}/${path}`, title });
  const lines = [
    ...plan.missing.map((path) => githubCommand("error", at(path), "missing: run statespec generate")),
    ...plan.stale.map(({ path }) => githubCommand("error", at(path), "stale: run statespec generate")),
    ...plan.orphaned.map((path) => githubCommand("error", at(path), "orphaned: statespec no longer generates it")),
    ...plan.leftovers.map((name) => githubCommand("error", at(name), "the staging folder of a dead statespec run")),
    ...plan.foreign.map((path) => githubCommand("warning", at(path), "not written by statespec: move it elsewhere")),
  ];
  return lines.map((line) => `${line}\n`).join("");
}

/** --check --format json: the output folder's state as data, in the diagnostics document (diagnostics.schema.json). */
export function outputState(plan: OutputPlan): OutputState {
  return {
    folder: displayPath(plan.outDir),
    upToDate: isUpToDate(plan),
    missing: plan.missing,
    stale: plan.stale.map(({ path }) => path),
    orphaned: plan.orphaned,
    foreign: plan.foreign,
    leftovers: plan.leftovers,
  };
}
