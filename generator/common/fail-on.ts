// --fail-on (and the config's `failOn`): which findings make a command exit 1. One definition for validate,
// generate, diff and check, so the word means the same everywhere: `error` (the default) fails on an error,
// `warning` on an error or a warning, `never` on neither (the findings are still reported). Info never fails.

export const failOnLevels = ["error", "warning", "never"] as const;
export type FailOn = (typeof failOnLevels)[number];

export interface SeverityCounts {
  errors: number;
  warnings: number;
}

/** How many of `findings` are errors and how many warnings; a finding a baseline accepts counts as neither. */
export function countSeverities(findings: Iterable<{ severity: string; accepted?: unknown }>): SeverityCounts {
  const counts = { errors: 0, warnings: 0 };
  for (const finding of findings) {
    if (finding.accepted) continue;
    if (finding.severity === "error") counts.errors++;
    else if (finding.severity === "warning") counts.warnings++;
  }
  return counts;
}

/** Whether findings of these counts fail a run under `threshold`. */
export function failsOn(threshold: FailOn, counts: SeverityCounts): boolean {
  if (threshold === "never") return false;
  return counts.errors > 0 || (threshold === "warning" && counts.warnings > 0);
}

/** "1 server", "2 servers": the one way counts are worded in what the commands print. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * The counts a command ends with, worded once for check and diff: "1 error, 2 warnings", then the info count
 * where the command has that severity, then what a baseline accepted (only when it accepted any).
 */
export function countsLine(counts: SeverityCounts & { infos?: number; accepted?: number }): string {
  const parts = [plural(counts.errors, "error"), plural(counts.warnings, "warning")];
  if (counts.infos !== undefined) parts.push(`${counts.infos} info`);
  if (counts.accepted) parts.push(`${counts.accepted} accepted by the baseline`);
  return parts.join(", ");
}
