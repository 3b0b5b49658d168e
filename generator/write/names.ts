// The names statespec gives its own files in out/, and which paths a manifest or journal may name.

export const manifestName = ".statespec-manifest.json";
export const stagingPrefix = ".statespec-staging-";
export const journalName = ".statespec-journal.json";

/**
 * Top-level names of statespec's working files and anything named like them: never output, never claimed by a
 * manifest. (Which of them the scan of out/ passes over is narrower: only the journal and live runs' staging folders.)
 */
export function isReservedName(name: string): boolean {
  return name === journalName || name.startsWith(stagingPrefix);
}

/**
 * A path a manifest (or journal) may name: relative, "/"-separated, no empty, "." or ".." segment, and none of
 * statespec's own working names. A forged or corrupt manifest can therefore never point outside out/.
 */
export function isSafeOutPath(path: unknown): path is string {
  if (typeof path !== "string" || path === "" || path.includes("\\") || path.includes("\0")) return false;
  const segments = path.split("/");
  if (segments.some((segment) => segment === "" || segment === "." || segment === "..")) return false;
  return !isReservedName(segments[0]!) || path === manifestName;
}
