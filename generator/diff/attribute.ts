// Which cause changed a pair or a filter. A pair's cause is read from the origins of its two answers (README,
// "Semantic diff"): a rename that alone explains it, the vendor's row the new answer or the old one comes from, the
// vendor's uncovered-pair policy, a value that only one side has, the fallback vendor's own answer; else "other".
import { compactDerivation, foldStatus, statesForStatus, type StatusFilter } from "../model/derive.js";
import type { StateKind, Vendor } from "../model/model.js";
import { finding, type FilterConsequence, type Finding } from "./findings.js";
import { statusOf, type PairChange } from "./pairs.js";
import { taskJson } from "../model/task.js";
import { rowKey } from "./rows.js";
import { valueKey, type Rename } from "./values.js";

export interface VendorCauses {
  before: Vendor;
  after: Vendor;
  renames: readonly Rename[];
  rows: ReadonlyMap<string, Finding>;
  policy?: Finding;
  addedOrRemoved: ReadonlyMap<string, Finding>;
}

/** Lazily made causes that exist only when some pair needs them: the fallback's answers changed, or nothing known. */
export class LateCauses {
  fallback?: Finding;
  other?: Finding;
  constructor(private readonly vendor: string) {}

  fallbackChanged(fallbackVendor: string): Finding {
    this.fallback ??= finding(
      "info",
      this.vendor,
      { kind: "fallback-changed", cause: "fallback", fallback: fallbackVendor },
      `the answers ${this.vendor} takes from ${fallbackVendor} for pairs its documents do not cover changed`,
      [fallbackVendor],
    );
    return this.fallback;
  }

  unexplained(): Finding {
    this.other ??= finding(
      "info",
      this.vendor,
      { kind: "other", cause: "other" },
      "derived statuses changed that no single change of the spec explains",
      [],
    );
    return this.other;
  }
}

export function pairCause(change: PairChange, causes: VendorCauses, late: LateCauses): Finding {
  const rename = causes.renames.find((candidate) => explainsPair(candidate, change, causes.before, causes.after));
  if (rename) return rename.finding;
  const rowOf = (answer: PairChange["after"]) =>
    answer.origin.kind === "row"
      ? causes.rows.get(rowKey(answer.origin.row.vmState, taskJson(answer.origin.row.task)))
      : undefined;
  const row = rowOf(change.after) ?? rowOf(change.before);
  if (row) return row;
  if (causes.policy && (change.before.origin.kind !== "row" || change.after.origin.kind !== "row"))
    return causes.policy;
  const value =
    causes.addedOrRemoved.get(valueKey("vm_state", change.vmState)) ??
    (change.task === null ? undefined : causes.addedOrRemoved.get(valueKey("task_state", change.task)));
  if (value) return value;
  const { before, after } = change;
  if (
    before.origin.kind === "fallback" &&
    after.origin.kind === "fallback" &&
    before.origin.vendor === after.origin.vendor
  )
    return late.fallbackChanged(after.origin.vendor);
  return late.unexplained();
}

/**
 * A filter's cause: a rename that alone explains it, else the first cause whose changed pairs had or now have the
 * status, else "other".
 */
export function filterCause(
  change: FilterConsequence,
  causes: VendorCauses,
  ordered: readonly Finding[],
  late: LateCauses,
): Finding {
  const rename = causes.renames.find((candidate) =>
    explainsFilter(causes.renames, candidate, change, causes.before, causes.after),
  );
  if (rename) return rename.finding;
  const touches = (cause: Finding) =>
    cause.consequences?.pairs.some((pair) =>
      [pair.before.status, pair.after.status].some((status) => foldStatus(status).toUpperCase() === change.status),
    );
  return ordered.find(touches) ?? late.unexplained();
}

/** The pair changed only because a value it names was renamed: the renamed pair answers what the old one did. */
function explainsPair(rename: Rename, change: PairChange, before: Vendor, after: Vendor): boolean {
  switch (rename.kind) {
    case "status":
      return change.before.status === rename.from && change.after.status === rename.to;
    case "vm_state":
      return (
        (change.vmState === rename.from || change.vmState === rename.to) &&
        statusOf(before, rename.from, change.task) === statusOf(after, rename.to, change.task)
      );
    case "task_state":
      return (
        (change.task === rename.from || change.task === rename.to) &&
        statusOf(before, change.vmState, rename.from) === statusOf(after, change.vmState, rename.to)
      );
    default:
      return false;
  }
}

function namesFilter(rename: Rename, change: FilterConsequence): boolean {
  if (rename.kind === "status")
    return change.status === rename.from.toUpperCase() || change.status === rename.to.toUpperCase();
  const values = (filter: StatusFilter | null) =>
    (rename.kind === "vm_state" ? filter?.vmStates : filter?.taskStates) ?? [];
  return [...values(change.before), ...values(change.after)].some(
    (value) => value === rename.from || value === rename.to,
  );
}

/** The filter's change is the renames and nothing else: renaming the base's answer gives the head's. */
function explainsFilter(
  renames: readonly Rename[],
  rename: Rename,
  change: FilterConsequence,
  before: Vendor,
  after: Vendor,
): boolean {
  if (!namesFilter(rename, change)) return false;
  const renamed = (kind: StateKind, value: string | null) =>
    renames.find((candidate) => candidate.kind === kind && candidate.from === value)?.to ?? value;
  const status = renames.find(
    (candidate) => candidate.kind === "status" && candidate.from.toUpperCase() === change.status,
  );
  const newStatus = renames.find(
    (candidate) => candidate.kind === "status" && candidate.to.toUpperCase() === change.status,
  );
  // A status rename moves the filter from one word to the other; compare the old word's base with the new word's head.
  const baseFilter = newStatus
    ? statesForStatus(compactDerivation(before.derivation), newStatus.from)
    : (change.before ?? undefined);
  const headFilter = status
    ? statesForStatus(compactDerivation(after.derivation), status.to)
    : (change.after ?? undefined);
  if (baseFilter === undefined || headFilter === undefined) return false;
  const sorted = <T extends string | null>(values: T[]) =>
    [...new Set(values)].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
  const moved: StatusFilter = {
    vmStates: sorted(baseFilter.vmStates.map((value) => renamed("vm_state", value) as string)),
    taskStates:
      baseFilter.taskStates === null
        ? null
        : sorted(baseFilter.taskStates.map((value) => renamed("task_state", value))),
  };
  return JSON.stringify(moved) === JSON.stringify(headFilter);
}
