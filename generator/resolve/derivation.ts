// A vendor's effective derivation, built once: the precedence of DESIGN.md ("Hard cases") and README "Decisions".
// Per pair: the vendor's own row for the exact task key (null, no task, is a key like any other), then its own
// "any task state" row for the vm_state, then its uncovered rule: the fallback vendor's whole answer for the pair,
// or the fixed status. The fallback answers only pairs that no document of the vendor covers.
import { answerFor, finalOrigin } from "../model/derive.js";
import type { Answer, Derivation, MappingRow, TaskKey, UncoveredPolicy, Vendor, VendorValue } from "../model/model.js";
import { noTask, otherTask, RowIndex, taskOf } from "../model/task.js";
import { noDocuments, noTranslations } from "./values.js";

type ValueSets = Pick<Vendor["states"], "vm_state" | "task_state" | "status">;

/**
 * The derivation of a vendor over its space, and the values it adds to the vendor's sets: every status an answer
 * gives, and every vm_state and task state named by a row an answer comes from (a fallback's row included), so
 * each value set is closed over what the derivation can say. Added values carry `inheritedFrom`.
 */
export function buildDerivation(
  mapping: readonly MappingRow[],
  states: ValueSets,
  uncovered: UncoveredPolicy,
  fallback: Vendor | undefined,
): { derivation: Derivation; added: ValueSets } {
  const ownRows = new RowIndex();
  for (const row of mapping) ownRows.add(row);
  // One answer object per row and per inherited answer: the table shares them, so it stays small.
  const rowAnswers = new Map<MappingRow, Answer>();
  const rowAnswer = (row: MappingRow): Answer => {
    let answer = rowAnswers.get(row);
    if (!answer) rowAnswers.set(row, (answer = { status: row.status, origin: { kind: "row", row } }));
    return answer;
  };
  const inheritedAnswers = new Map<Answer, Answer>();
  const uncoveredAnswer = (vmState: string | null, task: TaskKey): Answer => {
    if (uncovered.kind === "status" || !fallback) return policyAnswer(uncovered);
    const theirs =
      vmState === null ? fallback.derivation.unknownVmState : answerFor(fallback.derivation, vmState, task);
    let answer = inheritedAnswers.get(theirs);
    if (!answer)
      inheritedAnswers.set(
        theirs,
        (answer = { status: theirs.status, origin: { kind: "fallback", vendor: fallback.id, origin: theirs.origin } }),
      );
    return answer;
  };
  // "other": any task state outside the space (the fallback's space is part of ours, so also outside its).
  const answer = (vmState: string, task: TaskKey): Answer => {
    const exact = task.kind === "other" ? undefined : ownRows.get(vmState, task);
    if (exact) return rowAnswer(exact);
    const any = ownRows.get(vmState, otherTask);
    if (any) return rowAnswer(any);
    return uncoveredAnswer(vmState, task);
  };

  // The candidate space: the vendor's values and its fallback's; the values no answer needs are dropped below.
  const vendorValues = (entries: readonly VendorValue[]) => entries.map((entry) => String(entry.value));
  const vmCandidates = unique([
    ...vendorValues(states.vm_state),
    ...(fallback?.derivation.vmStates.map((entry) => entry.vmState) ?? []),
  ]);
  const taskCandidates = unique([...vendorValues(states.task_state), ...(fallback?.derivation.taskStates ?? [])]);
  // One key per task state, not one per pair: V8 allocates these keys where it allocates the rows' (in old
  // space, as they live long), so a key per pair was garbage that only a full collection frees.
  const taskKeys = taskCandidates.map(taskOf);
  const answers = vmCandidates.map((vmState) => ({
    vmState,
    tasks: taskKeys.map((task) => answer(vmState, task)),
    none: answer(vmState, noTask),
    other: answer(vmState, otherTask),
  }));
  const unknownVmState = uncoveredAnswer(null, noTask);

  const added = closeOver(states, answers, unknownVmState, fallback);
  // A candidate that is neither the vendor's value nor named by a row it answers from would answer exactly as
  // "any other" (or as an unknown vm_state) does: leaving it out changes no answer.
  const keepVm = new Set([...vendorValues(states.vm_state), ...vendorValues(added.vm_state)]);
  const keepTask = new Set([...vendorValues(states.task_state), ...vendorValues(added.task_state)]);
  const taskOrder = [...vendorValues(states.task_state), ...vendorValues(added.task_state)];
  const taskPosition = new Map(taskCandidates.map((task, position) => [task, position]));
  const vmOrder = [...vendorValues(states.vm_state), ...vendorValues(added.vm_state)];
  const byVm = new Map(answers.map((entry) => [entry.vmState, entry]));
  const derivation: Derivation = {
    taskStates: taskOrder.filter((task) => keepTask.has(task)),
    vmStates: vmOrder
      .filter((vmState) => keepVm.has(vmState))
      .map((vmState) => {
        const entry = byVm.get(vmState)!;
        return {
          vmState,
          tasks: taskOrder.map((task) => entry.tasks[taskPosition.get(task)!]),
          none: entry.none,
          other: entry.other,
        };
      }),
    unknownVmState,
  };
  return { derivation, added };
}

function policyAnswer(uncovered: UncoveredPolicy): Answer {
  const status = uncovered.kind === "status" ? uncovered.status : "UNKNOWN";
  return { status, origin: { kind: "policy" } };
}

/** Values the answers use that the vendor's sets lack, described by nothing but where they come from. */
function closeOver(
  states: ValueSets,
  answers: { vmState: string; tasks: Answer[]; none: Answer; other: Answer }[],
  unknownVmState: Answer,
  fallback: Vendor | undefined,
): ValueSets {
  const added: ValueSets = { vm_state: [], task_state: [], status: [] };
  const known = {
    vm_state: new Set(states.vm_state.map((entry) => String(entry.value))),
    task_state: new Set(states.task_state.map((entry) => String(entry.value))),
    status: new Set(states.status.map((entry) => String(entry.value))),
  };
  const add = (kind: keyof ValueSets, value: string, answer: Answer) => {
    if (known[kind].has(value)) return;
    known[kind].add(value);
    // A fallback answer names values the vendor may lack; its own rows' values are in its sets already, and its
    // own fixed status joins like a value its rows use.
    const inherited = answer.origin.kind === "fallback" ? answer.origin.vendor : undefined;
    const source = fallback?.states[kind].find((entry) => entry.value === value);
    const final = finalOrigin(answer.origin);
    const location = source?.location ??
      (final.kind === "row" ? final.row.location : undefined) ??
      states.status[0]?.location ?? { file: "", line: 1, column: 1 };
    added[kind].push({
      value,
      description: null,
      section: source?.section ?? (final.kind === "row" ? final.row.section : ""),
      location,
      translations: noTranslations,
      declaredBy: noDocuments,
      ...(inherited !== undefined && { inheritedFrom: inherited }),
    });
  };
  const visit = (answer: Answer) => {
    add("status", answer.status, answer);
    const final = finalOrigin(answer.origin);
    if (final.kind !== "row") return;
    add("vm_state", final.row.vmState, answer);
    if (final.row.task.kind === "task") add("task_state", final.row.task.taskState, answer);
  };
  for (const entry of answers) {
    for (const answer of [...entry.tasks, entry.none, entry.other]) visit(answer);
  }
  visit(unknownVmState);
  return added;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
