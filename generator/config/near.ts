// The value a config most likely meant. closest() (common/suggest.ts) counts a swap of two neighbouring letters as
// two edits, more than it allows a short word: `pyhton` would get no suggestion. A config value is one word of a
// short, closed list (artifact kinds, enum styles, vendor ids), so one swap is also accepted here.
import { closest } from "../common/suggest.js";

export function nearestValue(value: string, candidates: readonly string[]): string | undefined {
  return (
    closest(value, candidates) ??
    candidates.find((candidate) => isOneSwapApart(value.toLowerCase(), candidate.toLowerCase()))
  );
}

/** `; did you mean 'x'?` when a candidate is near, else "". */
export function didYouMeanValue(value: string, candidates: readonly string[]): string {
  const near = nearestValue(value, candidates);
  return near === undefined ? "" : `; did you mean '${near}'?`;
}

function isOneSwapApart(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const differ = [...a].flatMap((char, index) => (char === b[index] ? [] : [index]));
  return (
    differ.length === 2 && differ[1] === differ[0] + 1 && a[differ[0]] === b[differ[1]] && a[differ[1]] === b[differ[0]]
  );
}
