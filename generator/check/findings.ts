// What `check` reports: one table of finding codes with their severity (codes are public), and the finding value.
import { sha256 } from "../common/hash.js";
import { escapeForTerminal } from "../common/text-safety.js";
import type { OriginJson } from "../model/origin-json.js";

/** Bumped on every incompatible change of `check --format json` (generator/check/check.schema.json). */
export const checkSchemaVersion = 1;

export const checkCodes = {
  /** The input is not JSON: reading that file stops there. */
  "json-syntax": "error",
  /** The file or stdin cannot be read. */
  "input-unreadable": "error",
  /** A record that is no server in any shape check knows. */
  "not-a-server": "error",
  /** A key check reads appears twice in one object: readers disagree on which counts, so the record is not checked. */
  "duplicate-key": "error",
  /** `status` is absent. */
  "missing-field": "error",
  /** No OS-EXT-STS:vm_state (or a list row's column): there is no pair to check (README, "Missing data: one rule"). */
  "missing-extended-status": "warning",
  /** A field of the wrong JSON type (a number for a state name, a null status, ...). */
  "wrong-type": "error",
  "unknown-vm-state": "error",
  "unknown-task-state": "error",
  "unknown-status": "error",
  /** power_state is read from the hypervisor and not part of the derivation; vendors document parts of its set. */
  "unknown-power-state": "warning",
  /** `status` is not what (vm_state, task_state) derive to by the vendor's spec. */
  "status-mismatch": "error",
} as const;

export type CheckCode = keyof typeof checkCodes;
export type CheckSeverity = "error" | "warning";

/** Input problems end in exit 1 whatever --fail-on says: they are not findings about servers. */
export const inputCodes: readonly CheckCode[] = ["json-syntax", "input-unreadable"];

export interface ServerRef {
  /** 1-based position among the file's records. */
  index: number;
  id?: string;
  name?: string;
}

export interface CheckFinding {
  code: CheckCode;
  severity: CheckSeverity;
  message: string;
  file: string;
  line?: number;
  column?: number;
  server?: ServerRef;
  /**
   * The server's pair and status as the response holds them, where they are of the right type (a missing
   * task_state key of an API response reads as null: the rule for missing data). Exact, never shortened.
   */
  vmState?: string | null;
  taskState?: string | null;
  status?: string;
  /** A status mismatch: the status the vendor's spec derives for the pair, and where that answer comes from. */
  derived?: string;
  origin?: OriginJson;
  /** A list row's mismatch (no vm_state): every status some vm_state derives with the row's task state. */
  derivable?: string[];
  /** What is wrong, not which server: the baseline accepts findings by it. Set when the finding is reported. */
  fingerprint?: string;
  /** The baseline accepts the finding: reported, counted apart, never failing the run. */
  accepted?: { reason: string };
}

/**
 * 16 hex digits of sha256 over the code, the vendor and the pair and status (absent ones left out, so absent and
 * null differ): the same for every server that is wrong the same way, in any file, at any position.
 */
export function fingerprintOf(found: CheckFinding, vendor: string): string {
  const { code, vmState, taskState, status } = found;
  const key = JSON.stringify({ code, vendor, vmState, taskState, status });
  return sha256().update(key).digest("hex").slice(0, 16);
}

export function finding(
  code: CheckCode,
  message: string,
  at: { file: string; line?: number; column?: number },
  server?: ServerRef,
): CheckFinding {
  return {
    code,
    severity: checkCodes[code],
    message,
    file: at.file,
    ...(at.line !== undefined && { line: at.line, column: at.column }),
    ...(server && { server }),
  };
}

/** At most 80 characters of a value from the input, `...` marking a cut: what messages and tables show of it. */
export function shortened(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A value quoted for a message: short, and on one line in every format (a line break in a status must not read as a
 * second line of an annotation either), by the terminal escaper; the exact value is in the JSON's own fields.
 */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const short = escapeForTerminal(shortened(text));
  return typeof value === "string" ? `'${short}'` : short;
}

export function serverLabel(server: ServerRef): string {
  const name = server.name !== undefined ? ` ${quote(server.name)}` : "";
  const id = server.id !== undefined ? ` (id ${quote(server.id)})` : "";
  return `server #${server.index}${name}${id}`;
}
