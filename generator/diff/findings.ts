// What `statespec diff` reports: one finding per cause, each carrying the consequences it has (changed pairs and
// list filters). The JSON output is exactly these types; generator/diff/diff.schema.json describes them.
import { sha256 } from "../common/hash.js";
import type { SourceLocation, StateKind } from "../model/model.js";
import type { OriginJson } from "../model/origin-json.js";
import { anyOtherTask } from "../model/task.js";

/** Bumped on every incompatible change of the JSON output (1 was the prose-only format before causes). */
export const diffSchemaVersion = 2;

export type FindingSeverity = "error" | "warning" | "info";
export const severityRank: Record<FindingSeverity, number> = { error: 3, warning: 2, info: 1 };

/** Where a derived status comes from: one shape for every command (generator/model/origin-json.ts). */
export type { OriginJson };

export interface AnswerJson {
  status: string;
  origin: OriginJson;
}

/** One (vm_state, task_state) pair whose derived status changed. `taskState`: null is no task, "*" any other. */
export interface PairConsequence {
  vmState: string;
  taskState: string | null;
  /** Both the vm_state and the task state are values the vendor's own documents list (no task counts as listed). */
  documented: boolean;
  before: AnswerJson;
  after: AnswerJson;
}

/** What Nova's `GET /servers?status=` selects; null: the request is rejected (400), no pair derives the status. */
export interface FilterJson {
  vmStates: string[];
  /** null: any task state. */
  taskStates: (string | null)[] | null;
}

export interface FilterConsequence {
  /** Upper case, as Nova compares it. */
  status: string;
  before: FilterJson | null;
  after: FilterJson | null;
}

/** A value the vendor's sets gained or lost only through its fallback (one inherited, no document lists it). */
export interface ValueConsequence {
  stateKind: StateKind;
  value: string | number;
  change: "added" | "removed";
  inheritedFrom: string;
}

export interface Consequences {
  /** Documented pairs first, in the derivation's order; then the others: no task, a task state, any other. */
  pairs: PairConsequence[];
  documentedPairs: number;
  undocumentedPairs: number;
  filters: FilterConsequence[];
  values: ValueConsequence[];
}

/** One note of a document: `before` null when it was added, `after` null when it was removed. */
export interface NoteChange {
  section: string;
  before: string | null;
  after: string | null;
}

export type PolicyJson = ({ fallback: string } | { status: string }) & { why: string };

export type ProvenanceValue = string | string[] | { field: string; why: string }[] | null;

interface Common {
  severity: FindingSeverity;
  vendor: string;
  /** A human sentence; every fact in it is also a typed field. */
  message: string;
  /** Stable across runs and unrelated edits: what changed, not where. */
  fingerprint: string;
  /** Where in the head spec the finding is about. */
  location?: SourceLocation;
  consequences?: Consequences;
  /** The baseline accepts it (generator/baseline/): reported, never failing the run. */
  accepted?: { reason: string };
  /** The fingerprint of the finding that caused this one (a statespec upgrade, diff/upgrade.ts). */
  causedBy?: string;
}

export type Finding = Common &
  (
    | { kind: "vendor-added" | "vendor-removed"; cause: "vendor" }
    | {
        kind: "policy-changed";
        cause: "policy";
        before: PolicyJson;
        after: PolicyJson;
        document: string;
        notes: NoteChange[];
      }
    | {
        kind: "row-added" | "row-removed" | "row-changed";
        cause: "row";
        document: string;
        vmState: string;
        taskState: string | null;
        before: string | null;
        after: string | null;
      }
    | { kind: "value-added" | "value-removed"; cause: "value"; stateKind: StateKind; value: string | number }
    | {
        kind: "value-renamed" | "power-state-changed";
        cause: "value";
        stateKind: StateKind;
        before: string | number;
        after: string | number;
      }
    | {
        kind: "description-changed";
        cause: "description";
        stateKind: StateKind;
        value: string | number;
        locale: string;
        before: string | null;
        after: string | null;
      }
    | {
        kind: "translation-behind";
        cause: "translation";
        stateKind: StateKind;
        value: string | number;
        locale: string;
        document: string;
        before: string | null;
        after: string | null;
        translation: string | null;
      }
    | { kind: "notes-changed"; cause: "notes"; document: string; notes: NoteChange[] }
    | {
        kind: "provenance-changed";
        cause: "provenance";
        document: string;
        fields: { field: string; before: ProvenanceValue; after: ProvenanceValue }[];
      }
    | { kind: "document-added" | "document-removed"; cause: "document"; document: string; source: string }
    | { kind: "fallback-changed"; cause: "fallback"; fallback: string }
    | { kind: "statespec-upgraded"; cause: "upgrade"; before: string | null; after: string; affected: string[] }
    | { kind: "other"; cause: "other" }
  );

export type FindingKind = Finding["kind"];

/** Every kind, for the schema test: a kind missing here, or here and not in the union, fails to type-check. */
export const findingKinds = [
  "vendor-added",
  "vendor-removed",
  "policy-changed",
  "row-added",
  "row-removed",
  "row-changed",
  "value-added",
  "value-removed",
  "value-renamed",
  "power-state-changed",
  "description-changed",
  "translation-behind",
  "notes-changed",
  "provenance-changed",
  "document-added",
  "document-removed",
  "fallback-changed",
  "statespec-upgraded",
  "other",
] as const satisfies readonly FindingKind[];
// Exhaustive: a kind of the union that the list lacks makes this `never`-check fail.
const everyKindListed: Exclude<FindingKind, (typeof findingKinds)[number]> extends never ? true : never = true;
void everyKindListed;

/** What `statespec diff --format json` prints (generator/diff/diff.schema.json). */
export interface DiffReport {
  schemaVersion: typeof diffSchemaVersion;
  base: string;
  head: string;
  /** Findings not accepted by the baseline, by severity; `accepted` counts the others. */
  summary: Record<FindingSeverity, number> & { accepted?: number };
  findings: Finding[];
}

/** Distributes Omit over the union, so each kind keeps its own fields. */
type FindingFields<F> = F extends Finding
  ? Omit<F, "fingerprint" | "vendor" | "severity" | "message" | "location" | "consequences" | "accepted" | "causedBy">
  : never;

/** A finding with its fingerprint computed from its kind, vendor and `key` (what changed). */
export function finding(
  severity: FindingSeverity,
  vendor: string,
  fields: FindingFields<Finding>,
  message: string,
  key: unknown[],
  location?: SourceLocation,
): Finding {
  const fingerprint = sha256()
    .update(JSON.stringify([fields.kind, vendor, ...key]))
    .digest("hex")
    .slice(0, 16);
  return { ...fields, severity, vendor, message, fingerprint, ...(location && { location }) } as Finding;
}

/** Adds consequences; a cause with consequences is an error, since clients and dashboards see other statuses. */
export function addConsequences(
  target: Finding,
  pairs: readonly PairConsequence[],
  filters: readonly FilterConsequence[],
  values: readonly ValueConsequence[] = [],
): void {
  if (pairs.length === 0 && filters.length === 0 && values.length === 0) return;
  const current = target.consequences ?? {
    pairs: [],
    documentedPairs: 0,
    undocumentedPairs: 0,
    filters: [],
    values: [],
  };
  const all = [...current.pairs, ...pairs];
  const documented = all.filter((pair) => pair.documented);
  // Among the others, a server's own states first: no task, then a named task state, then "any other" task.
  const rank = (pair: PairConsequence) => (pair.taskState === null ? 0 : pair.taskState === anyOtherTask ? 2 : 1);
  const undocumented = all.filter((pair) => !pair.documented).sort((a, b) => rank(a) - rank(b));
  target.consequences = {
    pairs: [...documented, ...undocumented],
    documentedPairs: documented.length,
    undocumentedPairs: undocumented.length,
    filters: [...current.filters, ...filters],
    values: [...current.values, ...values],
  };
  target.severity = "error";
}
