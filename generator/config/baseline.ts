// Findings a team accepted on purpose, by fingerprint, each with the reason (statespec.baseline.yaml). `diff` and
// `check` still report them, marked accepted with the reason, but an accepted finding never fails the run: a team
// can adopt a gate on a spec whose known differences it has reviewed, and see any new one at once.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { displayPath } from "../common/paths.js";
import { describeUnread, maxSpecFileBytes, readRegularFile } from "../common/read-file.js";

export const baselineFileName = "statespec.baseline.yaml";

/** Accepted fingerprints and their reasons; the file they were read from, as shown. */
export interface Baseline {
  file: string;
  reasons: ReadonlyMap<string, string>;
}

const fingerprintPattern = /^[0-9a-f]{16}$/;

/** The baseline a run reads: --baseline, else statespec.baseline.yaml beside the config (or in `cwd`), if any. */
export function baselinePath(
  cwd: string,
  given: string | undefined,
  configPath: string | undefined,
): string | undefined {
  if (given !== undefined) return resolve(cwd, given);
  const beside = join(configPath === undefined ? cwd : dirname(configPath), baselineFileName);
  return existsSync(beside) ? beside : undefined;
}

/** Reads and checks a baseline file; every problem is located. */
export async function loadBaseline(
  path: string,
  cwd: string,
): Promise<{ baseline?: Baseline; diagnostics: Diagnostic[] }> {
  const file = displayPath(path, cwd);
  let read: ReturnType<typeof readRegularFile>;
  try {
    read = readRegularFile(path, maxSpecFileBytes);
  } catch {
    return { diagnostics: [diagnostic("baseline-invalid", "cannot read the baseline file", { file })] };
  }
  if (!("bytes" in read))
    return { diagnostics: [diagnostic("baseline-invalid", describeUnread(read, maxSpecFileBytes), { file })] };
  const { isMap, isScalar, isSeq } = await import("yaml");
  const { parseSpecText, positionOf } = await import("../load/load.js");
  const parsed = parseSpecText(file, read.bytes);
  if (!parsed.file) return { diagnostics: parsed.diagnostics };
  const loaded = parsed.file;
  const root = loaded.document.contents;
  const problem = (node: unknown, message: string) =>
    diagnostic("baseline-invalid", message, positionOf(loaded, node as never));
  const list = isMap(root) ? root.get("accepted", true) : undefined;
  if (!isMap(root) || !isSeq(list))
    return { diagnostics: [problem(root, "expected a map with a list 'accepted' of { fingerprint, reason }")] };
  const reasons = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const item of list.items) {
    const fingerprint = isMap(item) ? item.get("fingerprint", true) : undefined;
    const reason = isMap(item) ? item.get("reason", true) : undefined;
    if (!isMap(item)) diagnostics.push(problem(item, "each accepted finding is a map { fingerprint, reason }"));
    else if (
      !isScalar(fingerprint) ||
      typeof fingerprint.value !== "string" ||
      !fingerprintPattern.test(fingerprint.value)
    ) {
      diagnostics.push(
        problem(
          fingerprint ?? item,
          "'fingerprint' must be a finding's 16-hex-digit fingerprint, as diff and check print it",
        ),
      );
    } else if (!isScalar(reason) || typeof reason.value !== "string" || reason.value.trim() === "") {
      diagnostics.push(problem(reason ?? item, "'reason' must say why the finding is accepted"));
    } else if (reasons.has(fingerprint.value)) {
      diagnostics.push(problem(fingerprint, `fingerprint ${fingerprint.value} is accepted twice`));
    } else reasons.set(fingerprint.value, reason.value);
  }
  return diagnostics.length > 0 ? { diagnostics } : { baseline: { file, reasons }, diagnostics: [] };
}

/** A finding as the baseline sees it: anything with a fingerprint, marked with the reason it was accepted for. */
export interface Acceptable {
  fingerprint: string;
  accepted?: { reason: string };
  /** A finding caused by another (a statespec upgrade) is accepted with its cause. */
  causedBy?: string;
}

/** The findings with `accepted` set where the baseline lists them. Pure: the findings are copied. */
export function applyBaseline<F extends Acceptable>(findings: readonly F[], baseline: Baseline | undefined): F[] {
  if (!baseline) return [...findings];
  return findings.map((found) => {
    const reason = baseline.reasons.get(found.fingerprint) ?? (found.causedBy && baseline.reasons.get(found.causedBy));
    return reason ? { ...found, accepted: { reason } } : found;
  });
}
