// The four ways a diff is printed: terminal text, a pull-request comment, JSON, GitHub annotations.
import { escapeForTerminal, escapeJson, githubData, githubProperty } from "../common/text-safety.js";
// Types only: the CLI loads this module for diffFormats on every command, and compare.js is not small.
import type { Finding, FindingSeverity } from "./compare.js";

export const diffFormats = ["text", "markdown", "json", "github"] as const;
export type DiffFormat = (typeof diffFormats)[number];

/** Most severe first. */
const severities: FindingSeverity[] = ["error", "warning", "info"];

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity) || (a.vendor < b.vendor ? -1 : a.vendor > b.vendor ? 1 : 0));
}

function counts(findings: readonly Finding[]): Record<FindingSeverity, number> {
  return { error: findings.filter((f) => f.severity === "error").length, warning: findings.filter((f) => f.severity === "warning").length, info: findings.filter((f) => f.severity === "info").length };
}

export function summaryLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No semantic changes.";
  const count = counts(findings);
  return `${count.error} error(s), ${count.warning} warning(s), ${count.info} info`;
}

export function formatFindings(findings: readonly Finding[], format: DiffFormat, sides: { base: string; head: string }, color = false): string {
  const sorted = sortFindings(findings);
  switch (format) {
    case "json":
      return `${escapeJson(JSON.stringify({ base: sides.base, head: sides.head, summary: counts(sorted), findings: sorted }, null, 2))}\n`;
    case "github":
      return sorted
        .map((f) => {
          const level = f.severity === "info" ? "notice" : f.severity;
          const where = f.location ? `file=${githubProperty(f.location.file)},line=${f.location.line},col=${f.location.column},` : "";
          // An annotation holds several lines: the details (a rename's consequences) travel with the finding.
          const details = (f.details ?? []).map((detail) => `\n  ${detail}`).join("");
          return `::${level} ${where}title=${githubProperty(`statespec ${f.code}`)}::${githubData(`${f.vendor}: ${f.message}${details}`)}\n`;
        })
        .join("");
    case "markdown":
      return markdown(sorted, sides);
    default:
      return text(sorted, sides, color);
  }
}

const paint: Record<FindingSeverity, string> = { error: "\u001b[31m", warning: "\u001b[33m", info: "\u001b[36m" };

function text(findings: readonly Finding[], sides: { base: string; head: string }, color: boolean): string {
  // Spec text and file names reach the terminal only escaped: no escape sequence or line break of theirs runs.
  const lines = [`statespec diff ${escapeForTerminal(sides.base)} -> ${escapeForTerminal(sides.head)}`];
  for (const f of findings) {
    const severity = color ? `${paint[f.severity]}${f.severity}\u001b[0m` : f.severity;
    const where = f.location ? ` (${escapeForTerminal(f.location.file)}:${f.location.line})` : "";
    lines.push(`${severity} ${f.code} ${f.vendor}: ${escapeForTerminal(f.message)}${where}`);
    for (const detail of f.details ?? []) if ((f.details?.length ?? 0) > 1 || f.code !== "derivation-changed") lines.push(`    ${escapeForTerminal(detail)}`);
  }
  lines.push(summaryLine(findings));
  return `${lines.join("\n")}\n`;
}

function cell(text: string): string {
  return escapeForTerminal(text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\r?\n/g, "<br>"));
}

function markdown(findings: readonly Finding[], sides: { base: string; head: string }): string {
  const lines = [`### statespec diff: \`${escapeForTerminal(sides.base)}\` → \`${escapeForTerminal(sides.head)}\``, "", `**${summaryLine(findings)}**`, ""];
  for (const severity of severities) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(`#### ${severity === "info" ? "Info" : severity === "error" ? "Errors" : "Warnings"} (${group.length})`, "", "| vendor | change | finding | where |", "| --- | --- | --- | --- |");
    for (const f of group) lines.push(`| ${cell(f.vendor)} | \`${f.code}\` | ${cell(f.message)} | ${f.location ? `\`${cell(`${f.location.file}:${f.location.line}`)}\`` : ""} |`);
    lines.push("");
    const detailed = group.filter((f) => (f.details?.length ?? 0) > 0);
    if (detailed.length > 0) {
      lines.push("<details>", `<summary>Details of ${detailed.length} ${severity} finding(s)</summary>`, "");
      for (const f of detailed) {
        lines.push(`- ${cell(`${f.vendor}: ${f.message}`)}`);
        for (const detail of f.details!) lines.push(`  - ${cell(detail)}`);
      }
      lines.push("", "</details>", "");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
