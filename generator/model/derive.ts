// Reading a vendor's effective derivation (computed once in resolve/derivation.ts): the lookups every artifact,
// diff, conformance and `check` use. Nova's rules (nova/api/openstack/common.py, see nova-upstream.md) are applied
// when the derivation is built; here a pair is only looked up.
import type { Answer, AnswerOrigin, Derivation, DerivationTask, Vendor, VmStateAnswers } from "./model.js";

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

/** The task key a task_state value stands for in a derivation: a missing task state is no task, as in the API. */
export function taskKey(derivation: Derivation, taskState: string | null | undefined): DerivationTask {
  if (taskState == null) return { kind: "none" };
  return indexOf(derivation).taskStates.has(taskState) ? { kind: "task", taskState } : { kind: "other" };
}

/** The answer of one vm_state for a task key. */
export function answerForTask(entry: VmStateAnswers, derivation: Derivation, task: DerivationTask): Answer {
  if (task.kind === "none") return entry.none;
  if (task.kind === "other") return entry.other;
  const position = indexOf(derivation).taskStates.get(task.taskState);
  return position === undefined ? entry.other : entry.tasks[position];
}

/** The answer for a pair and its origin: which document row, the fallback vendor's answer, or the vendor's policy. */
export function answerFor(
  derivation: Derivation,
  vmState: string | null | undefined,
  taskState: string | null | undefined,
): Answer {
  const entry = vmState == null ? undefined : indexOf(derivation).vmStates.get(vmState);
  if (!entry) return derivation.unknownVmState;
  return answerForTask(entry, derivation, taskKey(derivation, taskState));
}

/** The answer for a vm_state and a task key (a task state, no task, or any other). */
export function answerForKey(derivation: Derivation, vmState: string, task: DerivationTask): Answer {
  const entry = indexOf(derivation).vmStates.get(vmState);
  return entry ? answerForTask(entry, derivation, task) : derivation.unknownVmState;
}

/** The status a vendor derives for a pair and where it comes from (document row, fallback vendor, or fixed status). */
export function explainStatus(
  vendor: Vendor,
  vmState: string | null | undefined,
  taskState: string | null | undefined,
): Answer {
  return answerFor(vendor.derivation, vmState, taskState);
}

/** The status a vendor derives for a pair (what the generated statusFromState returns). */
export function statusFromState(
  vendor: Vendor,
  vmState: string | null | undefined,
  taskState: string | null | undefined,
): string {
  return answerFor(vendor.derivation, vmState, taskState).status;
}

/** Where an answer finally comes from: a document row (of this vendor or of a fallback) or a fixed status. */
export function finalOrigin(origin: AnswerOrigin): Exclude<AnswerOrigin, { kind: "fallback" }> {
  let current = origin;
  while (current.kind === "fallback") current = current.origin;
  return current;
}

/** The vendors an answer passed through before its final origin: [] for the vendor's own row or policy. */
export function fallbackChain(origin: AnswerOrigin): string[] {
  const chain: string[] = [];
  for (let current = origin; current.kind === "fallback"; current = current.origin) chain.push(current.vendor);
  return chain;
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

// The last table built, and only that one: emitters render one vendor at a time and ask for its table many times
// (statesForStatus, once per status). Held per vendor for the whole run, as they were, the tables made 1000x peak
// ~20-40 MB higher (old-generation memory no collection ran to free).
let lastTable: { derivation: Derivation; table: CompactVmState[] } | undefined;

export function compactDerivation(derivation: Derivation): CompactVmState[] {
  if (lastTable?.derivation !== derivation) lastTable = { derivation, table: compactOf(derivation) };
  return lastTable.table;
}

function compactOf(derivation: Derivation): CompactVmState[] {
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

/** Case folding of Nova's filter: Python's str.lower(), which JavaScript's toLowerCase() matches (full Unicode mapping). */
export function foldStatus(status: string): string {
  return status.toLowerCase();
}

/**
 * Nova's `GET /servers?status=` filter over the vendor's compact table: every (vm_state, task key) whose status
 * folds to the same lower case; no task filter when a vm_state's default matched; undefined when nothing matches.
 */
export function statesForStatus(vendor: Vendor, status: string): StatusFilter | undefined {
  const wanted = foldStatus(status);
  const vmStates = new Set<string>();
  const taskStates = new Set<string | null>();
  let anyTask = false;
  for (const entry of compactDerivation(vendor.derivation)) {
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
export function filterableStatuses(vendor: Vendor): string[] {
  const statuses = new Set<string>();
  for (const entry of compactDerivation(vendor.derivation)) {
    for (const answer of [entry.default, ...entry.exceptions.map((exception) => exception.answer)])
      if (fromRow(answer)) statuses.add(answer.status);
  }
  return [...statuses];
}

/** The document row a vendor's own or inherited answer comes from, for messages. */
export function describeOrigin(origin: AnswerOrigin): string {
  const chain = fallbackChain(origin);
  const final = finalOrigin(origin);
  const via = chain.length === 0 ? "" : `inherited from ${chain.join(" via ")}: `;
  if (final.kind === "policy") return `${via}the fixed status for pairs no document covers`;
  return `${via}row of ${final.row.document} (${final.row.section}, line ${final.row.location.line})`;
}

function sortedUnique<T extends string | null>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
}
