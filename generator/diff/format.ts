// The four ways a diff is printed: terminal text, a pull-request comment, JSON, GitHub annotations.
import { countsLine } from "../common/fail-on.js";
import { escapeJson, escapeLine, githubCommand } from "../common/text-safety.js";
// Types only from findings: the CLI loads this module for diffFormats on every command.
import type { DiffReport, Finding, FindingSeverity } from "./findings.js";
import { markdown } from "./markdown.js";
import { detailLines } from "./wording.js";

export const diffFormats = ["text", "markdown", "json", "github"] as const;
export type DiffFormat = (typeof diffFormats)[number];

/** Kept in step with findings.ts (diffSchemaVersion), which this module does not load; the type checks it. */
const schemaVersion: DiffReport["schemaVersion"] = 2;

/** Most severe first. */
export const severities: FindingSeverity[] = ["error", "warning", "info"];

/** By severity, then vendor; within those, the order compare gives (policy, rows, values, documents). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  // A statespec upgrade comes before the findings it caused, of any vendor.
  const upgradeFirst = (f: Finding) => (f.cause === "upgrade" ? 0 : 1);
  const byVendor = (a: Finding, b: Finding) => (a.vendor < b.vendor ? -1 : a.vendor > b.vendor ? 1 : 0);
  const bySeverity = (a: Finding, b: Finding) => severities.indexOf(a.severity) - severities.indexOf(b.severity);
  return [...findings].sort((a, b) => bySeverity(a, b) || upgradeFirst(a) - upgradeFirst(b) || byVendor(a, b));
}

/** Findings by severity; those the baseline accepts are counted apart, under `accepted`, when there are any. */
export function counts(findings: readonly Finding[]): Record<FindingSeverity, number> & { accepted?: number } {
  const open = findings.filter((f) => !f.accepted);
  const count = (severity: FindingSeverity) => open.filter((f) => f.severity === severity).length;
  const accepted = findings.length - open.length;
  return { error: count("error"), warning: count("warning"), info: count("info"), ...(accepted > 0 && { accepted }) };
}

export function summaryLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No semantic changes.";
  const count = counts(findings);
  return countsLine({ errors: count.error, warnings: count.warning, infos: count.info, accepted: count.accepted });
}

/** The JSON of one finding, keys in reading order: what it is, then its facts, then its consequences. */
function findingJson(f: Finding): Record<string, unknown> {
  const { kind, cause, severity, vendor, message, fingerprint, location, consequences, accepted, causedBy, ...facts } =
    f;
  return {
    kind,
    cause,
    severity,
    vendor,
    message,
    ...facts,
    fingerprint,
    ...(causedBy && { causedBy }),
    ...(accepted && { accepted }),
    ...(location && { location }),
    ...(consequences && { consequences }),
  };
}

/**
 * Indented JSON with one line per changed pair: a policy change has hundreds, and a reviewer (or a golden file)
 * reads them as a list. Each pair is swapped for a placeholder a spec string cannot spell (specs hold no NUL).
 */
function reportJson(report: object): string {
  const pairs: string[] = [];
  const text = JSON.stringify(
    report,
    (key, value) =>
      key === "pairs" && Array.isArray(value)
        ? value.map((pair) => `\u0000${pairs.push(JSON.stringify(pair)) - 1}`)
        : value,
    2,
  );
  return text.replace(/"\\u0000(\d+)"/g, (_, index: string) => pairs[Number(index)]);
}

export function formatFindings(
  findings: readonly Finding[],
  format: DiffFormat,
  sides: { base: string; head: string },
  color = false,
): string {
  const sorted = sortFindings(findings);
  switch (format) {
    case "json":
      return `${escapeJson(
        reportJson({
          schemaVersion,
          base: sides.base,
          head: sides.head,
          summary: counts(sorted),
          findings: sorted.map(findingJson),
        }),
      )}\n`;
    case "github":
      return sorted
        .map((f) => {
          // An accepted finding fails nothing: a notice, not an error annotation on the pull request.
          const level = f.severity === "info" || f.accepted ? "notice" : f.severity;
          const at = f.location ? { file: f.location.file, line: f.location.line, col: f.location.column } : {};
          // An annotation holds several lines: the facts and consequences travel with the finding.
          const details = detailLines(f)
            .map((detail) => `\n  ${detail}`)
            .join("");
          const title = `statespec ${f.kind}`;
          return `${githubCommand(level, { ...at, title }, `${f.vendor}: ${f.message}${details}`)}\n`;
        })
        .join("");
    case "markdown":
      return markdown(sorted, sides, summaryLine(sorted));
    default:
      return text(sorted, sides, color);
  }
}

const paint: Record<FindingSeverity, string> = { error: "\u001b[31m", warning: "\u001b[33m", info: "\u001b[36m" };

function text(findings: readonly Finding[], sides: { base: string; head: string }, color: boolean): string {
  // Spec text, file and ref names reach the terminal only as escaped lines: no escape sequence, line break or
  // workflow command of theirs runs. The colour is ours, added around the severity after escaping.
  const lines = [escapeLine(`statespec diff ${sides.base} -> ${sides.head}`)];
  for (const f of findings) {
    const severity = color ? `${paint[f.severity]}${f.severity}\u001b[0m` : f.severity;
    const where = f.location ? ` (${f.location.file}:${f.location.line})` : "";
    lines.push(`${severity}${escapeLine(` ${f.kind} ${f.vendor}: ${f.message}${where}`)}`);
    for (const detail of detailLines(f)) lines.push(escapeLine(`    ${detail}`));
  }
  lines.push(summaryLine(findings));
  return `${lines.join("\n")}\n`;
}
