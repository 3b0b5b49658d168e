// The pull-request comment: a table of the findings per severity, then each finding with its facts and its
// consequences ranked: pairs of values the vendor's documents list first, the others collapsed in <details>.
// Spec text, values, file and ref names are shown as code (common/text-safety.ts): in a PR comment nothing from
// the data can form a link, image, mention, HTML or heading.
import { markdownCode } from "../common/text-safety.js";
import type { Finding, FindingSeverity, PairConsequence } from "./findings.js";
import { originLabel } from "../model/origin-json.js";
import { acceptanceLines, factLines, filterText, taskText, valueLines } from "./wording.js";

/** Pairs shown before the fold; the rest of the documented ones join the collapsed part. */
const visiblePairs = 20;

const headings: Record<FindingSeverity, string> = { error: "Errors", warning: "Warnings", info: "Info" };

/** Data in a table cell, and data in running text. */
const cell = (text: string) => markdownCode(text, "cell");
const code = (text: string) => markdownCode(text);

function where(f: Finding, put: (text: string) => string = cell): string {
  return f.location ? put(`${f.location.file}:${f.location.line}`) : "";
}

function pairTable(pairs: readonly PairConsequence[]): string[] {
  return [
    "| vm_state | task_state | before | after |",
    "| --- | --- | --- | --- |",
    ...pairs.map((pair) => {
      const before = cell(`${pair.before.status} (${originLabel(pair.before.origin)})`);
      const after = cell(`${pair.after.status} (${originLabel(pair.after.origin)})`);
      return `| ${cell(pair.vmState)} | ${cell(taskText(pair.taskState))} | ${before} | ${after} |`;
    }),
  ];
}

/** A collapsed table; its summary is raw HTML, where Markdown is not read, so it holds our words only. */
function folded(summary: string, pairs: readonly PairConsequence[]): string[] {
  return ["<details>", `<summary>${summary}</summary>`, "", ...pairTable(pairs), "", "</details>", ""];
}

/** One finding's facts and consequences; nothing when it has neither. */
function section(f: Finding): string[] {
  const facts = [...acceptanceLines(f), ...factLines(f), ...valueLines(f)];
  const pairs = f.consequences?.pairs ?? [];
  const filters = f.consequences?.filters ?? [];
  if (facts.length === 0 && pairs.length === 0 && filters.length === 0) return [];
  const lines = [
    `**${code(`${f.vendor}: ${f.message}`)}** (${code(f.kind)}${f.location ? ` at ${where(f, code)}` : ""})`,
    "",
  ];
  if (facts.length > 0) lines.push(...facts.map((fact) => `- ${code(fact)}`), "");
  if (pairs.length > 0) {
    const documented = pairs.filter((pair) => pair.documented);
    const undocumented = pairs.filter((pair) => !pair.documented);
    const shown = documented.slice(0, visiblePairs);
    if (shown.length > 0)
      lines.push(
        `Changed pairs whose values ${code(f.vendor)}'s documents list: ${documented.length} of ${pairs.length}.`,
        "",
        ...pairTable(shown),
        "",
      );
    else lines.push(`None of the ${pairs.length} changed pair(s) is of values ${code(f.vendor)}'s documents list.`, "");
    if (documented.length > shown.length)
      lines.push(
        ...folded(`${documented.length - shown.length} more documented pair(s)`, documented.slice(shown.length)),
      );
    const unlisted = `${undocumented.length} pair(s) whose vm_state or task state no document of the vendor lists`;
    if (undocumented.length > 0) lines.push(...folded(unlisted, undocumented));
  }
  if (filters.length > 0)
    lines.push("List filters:", "", ...filters.map((filter) => `- ${code(filterText(filter))}`), "");
  return lines;
}

export function markdown(findings: readonly Finding[], sides: { base: string; head: string }, summary: string): string {
  const pairs = findings.reduce((total, f) => total + (f.consequences?.pairs.length ?? 0), 0);
  const filters = findings.reduce((total, f) => total + (f.consequences?.filters.length ?? 0), 0);
  const reach =
    findings.length === 0
      ? ""
      : pairs + filters === 0
        ? ": no derived status or list filter changes"
        : `: ${pairs} changed pair(s), ${filters} changed list filter(s)`;
  const lines = [`### statespec diff: ${code(sides.base)} → ${code(sides.head)}`, "", `**${summary}**${reach}`, ""];
  // Findings the baseline accepts fail nothing: they have their own group, after the ones that count.
  const groups = [
    ...(["error", "warning", "info"] as const).map((severity) => ({
      heading: headings[severity],
      group: findings.filter((f) => f.severity === severity && !f.accepted),
    })),
    { heading: "Accepted by the baseline", group: findings.filter((f) => f.accepted) },
  ];
  for (const { heading, group } of groups) {
    if (group.length === 0) continue;
    lines.push(
      `#### ${heading} (${group.length})`,
      "",
      "| vendor | change | finding | where |",
      "| --- | --- | --- | --- |",
    );
    for (const f of group) lines.push(`| ${cell(f.vendor)} | ${cell(f.kind)} | ${cell(f.message)} | ${where(f)} |`);
    lines.push("");
    for (const f of group) lines.push(...section(f));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
