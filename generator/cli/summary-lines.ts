// The lines `generate` ends with, worded once: the full CLI (summary.ts) and the no-op path (up-to-date.ts),
// which must print exactly the same, both build them here. Nothing heavy is imported: the no-op path loads this.
import { displayPath } from "../common/paths.js";
import { escapeForTerminal, escapeLine } from "../common/text-safety.js";

export function shownOut(outDir: string): string {
  return escapeForTerminal(displayPath(outDir));
}

export function upToDateLine(outDir: string, unchanged: number): string {
  // The folder's name starts the line: escaped as a whole line, it cannot start a workflow command either.
  return `${escapeLine(`${displayPath(outDir)} is up to date (${unchanged} files)`)}\n`;
}

export function wroteLine(
  outDir: string,
  counts: { written: number; unchanged: number; removed: number; foreign: number },
): string {
  const left =
    counts.foreign > 0 ? `; left ${counts.foreign} file(s) statespec did not write (generate --check names them)` : "";
  const numbers = `${counts.written} file(s), ${counts.unchanged} unchanged, removed ${counts.removed}`;
  return `wrote ${numbers} in ${shownOut(outDir)}${left}\n`;
}
