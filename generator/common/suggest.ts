// Words near each other: "did you mean ...?" for values, config keys, commands and options, and the spelling
// variants that link one value across documents (resolve, conformance, diff and check all ask).
// The values asked about may come from a server response (`check`) and be megabytes long: the work is bounded by
// the words we know, never by the length of the text we were given.

/**
 * Longer values get no suggestion: no state, option, command or key is near this long, and an edit distance costs
 * the product of both lengths. Callers that cache suggestions cache only values up to this length.
 */
export const maxSuggestedLength = 64;

function normal(text: string): string {
  return text.toLowerCase().replace(/[-_.]/g, "");
}

/**
 * The candidate a misspelling most likely meant: same letters up to case and separators, one sharing its stem
 * (`migrate`/`migrating`), or a near edit.
 */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  if (value.length > maxSuggestedLength) return undefined;
  const word = normal(value);
  const normals = candidates.map(normal);
  const exactish = normals.indexOf(word);
  if (exactish >= 0) return candidates[exactish];
  let best: string | undefined;
  let bestDistance = Infinity;
  normals.forEach((other, index) => {
    // A shared stem allows more edits: the ending is where spellings of one word differ.
    const stem = sharesStem(word, other);
    const limit = stem ? Math.max(3, Math.floor(value.length / 2)) : Math.max(1, Math.floor(value.length / 4));
    const distance = boundedDistance(word, other, Math.min(limit, bestDistance - 1));
    if (distance !== undefined) {
      best = candidates[index];
      bestDistance = distance;
    }
  });
  return best;
}

/** One is a prefix of the other, or they differ only after all but the last letter of the shorter (4 at least). */
function sharesStem(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common === shorter || common >= Math.max(4, shorter - 1);
}

/** `; did you mean 'x'?` when a candidate is near, else "". */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const near = closest(value, candidates);
  return near === undefined ? "" : `; did you mean '${near}'?`;
}

/**
 * The edit distance of `a` and `b` when it is at most `max`, else undefined. Lengths further apart than `max`
 * are never compared, and a row of the table whose smallest entry exceeds `max` ends the work early.
 */
export function boundedDistance(a: string, b: string, max: number): number | undefined {
  if (max < 0 || Math.abs(a.length - b.length) > max) return undefined;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      smallest = Math.min(smallest, current[j]);
    }
    if (smallest > max) return undefined;
    previous = current;
  }
  return previous[b.length] <= max ? previous[b.length] : undefined;
}

/**
 * Another spelling of the same word: equal up to case and separators, or one a prefix of the other
 * (`build`/`building`, `soft_deleted`/`soft-delete`). Stricter than `closest`: it links values across documents.
 * A value longer than `maxSuggestedLength` has no variant.
 */
export function spellingVariant(value: string, candidates: readonly string[]): string | undefined {
  if (value.length > maxSuggestedLength) return undefined;
  const word = normal(value);
  return (
    candidates.find((candidate) => normal(candidate) === word) ??
    candidates.find((candidate) => {
      const other = normal(candidate);
      return Math.min(other.length, word.length) >= 4 && (other.startsWith(word) || word.startsWith(other));
    })
  );
}
