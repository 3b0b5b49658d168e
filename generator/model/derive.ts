// Reading a vendor's effective derivation (computed once in resolve/derivation.ts): the lookups every artifact,
// diff, conformance and `check` use. Nova's rules (nova/api/openstack/common.py, see nova-upstream.md) are applied
// when the derivation is built; here a pair is only looked up.
import type { Answer, AnswerOrigin, Derivation, DerivationTask, TaskKey, VmStateAnswers } from "./model.js";

export interface StatusFilter {
  vmStates: string[];
  /** null: any task state matches. */
  taskStates: (string | null)[] | null;
}

interface DerivationIndex {
  vmStates: Map<string, VmStateAnswers>;
  taskStates: Map<string, number>;
}

// Built on first use per derivation; the model is immutable after resolve.
const indexes = new WeakMap<Derivation, DerivationIndex>();

function indexOf(derivation: Derivation): DerivationIndex {
  let index = indexes.get(derivation);
  if (!index) {
    // Filled entry by entry, not from arrays of pairs: a large model indexes thousands of derivations at once
    // (the cross-vendor page), and those pairs were a quarter of that page's garbage.
    const vmStates = new Map<string, VmStateAnswers>();
    const taskStates = new Map<string, number>();
    for (const entry of derivation.vmStates) vmStates.set(entry.vmState, entry);
    derivation.taskStates.forEach((task, position) => taskStates.set(task, position));
    indexes.set(derivation, (index = { vmStates, taskStates }));
  }
  return index;
}

/**
 * The answer for a pair and its origin (a document row, the fallback vendor's answer, or the vendor's policy): the
 * one lookup of a derivation. The task is a task key, or a task_state value as the API takes it (missing: no task;
 * one outside the derivation's task states: any other). A missing or unknown vm_state has the unknown answer.
 */
export function answerFor(
  derivation: Derivation,
  vmState: string | null | undefined,
  task: TaskKey | string | null | undefined,
): Answer {
  const index = indexOf(derivation);
  const entry = vmState == null ? undefined : index.vmStates.get(vmState);
  if (!entry) return derivation.unknownVmState;
  if (task == null) return entry.none;
  if (typeof task !== "string" && task.kind !== "task") return task.kind === "none" ? entry.none : entry.other;
  // A value or a key's task state, looked up as is: no key is made for a response's values.
  const position = index.taskStates.get(typeof task === "string" ? task : task.taskState);
  return position === undefined ? entry.other : entry.tasks[position];
}

/**
 * Where an answer finally comes from: a document row (of this vendor or of a fallback) or a fixed status. The one
 * walk of an origin's fallback chain: given `via`, the vendors passed are appended to it, outermost first.
 */
export function finalOrigin(origin: AnswerOrigin, via?: string[]): Exclude<AnswerOrigin, { kind: "fallback" }> {
  let current = origin;
  for (; current.kind === "fallback"; current = current.origin) via?.push(current.vendor);
  return current;
}

/** Answers from a mapping row select servers in Nova's list filter; a fixed status (UNKNOWN) selects nothing. */
export function fromRow(answer: Answer): boolean {
  return finalOrigin(answer.origin).kind === "row";
}

/** One vm_state as a reader (and Nova's map) looks it up: the default for any other task, then the exceptions. */
export interface CompactVmState {
  vmState: string;
  default: Answer;
  /** Task keys (a task state, or no task) whose answer differs from the default in status or in being a row's. */
  exceptions: { task: Exclude<DerivationTask, { kind: "other" }>; answer: Answer }[];
}

/**
 * A derivation as readers look it up, built on each call and cached nowhere: a caller holds it as long as it needs
 * it (an emitter, for one vendor; the filter lookups below take it). Held per vendor for the whole run, the tables
 * made 1000x peak ~20-40 MB higher (old-generation memory no collection ran to free).
 */
export function compactDerivation(derivation: Derivation): CompactVmState[] {
  return derivation.vmStates.map((entry) => {
    const differs = (answer: Answer) =>
      answer.status !== entry.other.status || fromRow(answer) !== fromRow(entry.other);
    const exceptions: CompactVmState["exceptions"] = [];
    if (differs(entry.none)) exceptions.push({ task: { kind: "none" }, answer: entry.none });
    derivation.taskStates.forEach((taskState, position) => {
      if (differs(entry.tasks[position]))
        exceptions.push({ task: { kind: "task", taskState }, answer: entry.tasks[position] });
    });
    return { vmState: entry.vmState, default: entry.other, exceptions };
  });
}

/**
 * Case folding of Nova's filter: Python's str.lower(), which JavaScript's toLowerCase() matches (full Unicode
 * mapping).
 */
export function foldStatus(status: string): string {
  return status.toLowerCase();
}

/**
 * Nova's `GET /servers?status=` filter over a vendor's compact table: every (vm_state, task key) whose status
 * folds to the same lower case; no task filter when a vm_state's default matched; undefined when nothing matches.
 */
export function statesForStatus(table: readonly CompactVmState[], status: string): StatusFilter | undefined {
  const wanted = foldStatus(status);
  const vmStates = new Set<string>();
  const taskStates = new Set<string | null>();
  let anyTask = false;
  for (const entry of table) {
    if (fromRow(entry.default) && foldStatus(entry.default.status) === wanted) {
      vmStates.add(entry.vmState);
      anyTask = true;
    }
    for (const exception of entry.exceptions) {
      if (!fromRow(exception.answer) || foldStatus(exception.answer.status) !== wanted) continue;
      vmStates.add(entry.vmState);
      taskStates.add(exception.task.kind === "none" ? null : exception.task.taskState);
    }
  }
  if (vmStates.size === 0) return undefined;
  return { vmStates: sortedUnique([...vmStates]), taskStates: anyTask ? null : sortedUnique([...taskStates]) };
}

/** Every status (as derived, not folded) that selects something in the vendor's filter, in first-answer order. */
export function filterableStatuses(table: readonly CompactVmState[]): string[] {
  const statuses = new Set<string>();
  for (const entry of table) {
    for (const answer of [entry.default, ...entry.exceptions.map((exception) => exception.answer)])
      if (fromRow(answer)) statuses.add(answer.status);
  }
  return [...statuses];
}

/** The document row a vendor's own or inherited answer comes from, for messages. */
export function describeOrigin(origin: AnswerOrigin): string {
  const chain: string[] = [];
  const final = finalOrigin(origin, chain);
  const via = chain.length === 0 ? "" : `inherited from ${chain.join(" via ")}: `;
  if (final.kind === "policy") return `${via}the fixed status for pairs no document covers`;
  return `${via}row of ${final.row.document} (${final.row.section}, line ${final.row.location.line})`;
}

function sortedUnique<T extends string | null>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
}
