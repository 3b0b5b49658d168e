// Words near each other: "did you mean ...?" for values, config keys, commands and options, and the spelling
// variants that link one value across documents (resolve, conformance, diff and check all ask).

/** The candidate a misspelling most likely meant: same letters up to case and separators, a prefix, or a near edit. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const normal = (text: string) => text.toLowerCase().replace(/[-_.]/g, "");
  const exactish = candidates.find((candidate) => normal(candidate) === normal(value));
  if (exactish) return exactish;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(normal(value), normal(candidate));
    const prefix = normal(value).startsWith(normal(candidate)) || normal(candidate).startsWith(normal(value));
    const limit = prefix ? Math.max(3, Math.floor(value.length / 2)) : Math.max(1, Math.floor(value.length / 4));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean 'x'?` when a candidate is near, else "". */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const near = closest(value, candidates);
  return near === undefined ? "" : `; did you mean '${near}'?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Another spelling of the same word: equal up to case and separators, or one a prefix of the other
 * (`build`/`building`, `soft_deleted`/`soft-delete`). Stricter than `closest`: it links values across documents.
 */
export function spellingVariant(value: string, candidates: readonly string[]): string | undefined {
  const normal = (text: string) => text.toLowerCase().replace(/[-_.]/g, "");
  const word = normal(value);
  return (
    candidates.find((candidate) => normal(candidate) === word) ??
    candidates.find((candidate) => {
      const other = normal(candidate);
      return Math.min(other.length, word.length) >= 4 && (other.startsWith(word) || word.startsWith(other));
    })
  );
}
