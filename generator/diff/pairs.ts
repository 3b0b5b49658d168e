// The consequences of a spec change for one vendor: every (vm_state, task_state) pair whose derived status
// changed, with the origin of both answers, and every list filter (Nova's GET /servers?status=) that changed.
import { answerFor, compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import type { Answer, StateKind, Vendor } from "../model/model.js";
import { originJson } from "../model/origin-json.js";
import { anyOtherTask, taskFromJson } from "../model/task.js";
import { type AnswerJson, type FilterConsequence, type PairConsequence } from "./findings.js";

/** A changed pair with both answers as the model has them; attribution reads the origins. */
export interface PairChange {
  vmState: string;
  task: string | null;
  before: Answer;
  after: Answer;
}

export function statusOf(vendor: Vendor, vmState: string, task: string | null): string {
  return answerFor(vendor.derivation, vmState, taskFromJson(task)).status;
}

/**
 * statusFromState over every vm_state x (every task state, null, any other) either side knows: every changed pair.
 * A value named as a task state here is compared even where one side's space lacks it (it then answers "any other").
 */
export function changedPairs(before: Vendor, after: Vendor): PairChange[] {
  const vmStates = unique(
    [...before.states.vm_state, ...after.states.vm_state]
      .map((entry) => String(entry.value))
      .concat([...before.derivation.vmStates, ...after.derivation.vmStates].map((entry) => entry.vmState)),
  );
  const tasks: (string | null)[] = [
    ...unique(
      [...before.states.task_state, ...after.states.task_state]
        .map((entry) => String(entry.value))
        .concat([...before.derivation.taskStates, ...after.derivation.taskStates]),
    ),
    null,
    anyOtherTask,
  ];
  const changes: PairChange[] = [];
  for (const vmState of vmStates) {
    for (const task of tasks) {
      const beforeAnswer = answerFor(before.derivation, vmState, taskFromJson(task));
      const afterAnswer = answerFor(after.derivation, vmState, taskFromJson(task));
      if (beforeAnswer.status !== afterAnswer.status)
        changes.push({ vmState, task, before: beforeAnswer, after: afterAnswer });
    }
  }
  return changes;
}

/** A value the vendor's own documents list or use (not one it only inherits), on either side. */
function documentedValue(before: Vendor, after: Vendor, kind: StateKind, value: string): boolean {
  const own = (vendor: Vendor) =>
    vendor.states[kind].some((entry) => String(entry.value) === value && entry.inheritedFrom === undefined);
  return own(after) || own(before);
}

export function pairConsequence(change: PairChange, before: Vendor, after: Vendor): PairConsequence {
  const documented =
    documentedValue(before, after, "vm_state", change.vmState) &&
    (change.task === null ||
      (change.task !== anyOtherTask && documentedValue(before, after, "task_state", change.task)));
  return {
    vmState: change.vmState,
    taskState: change.task,
    documented,
    before: answerJson(change.before),
    after: answerJson(change.after),
  };
}

function answerJson(answer: Answer): AnswerJson {
  return { status: answer.status, origin: originJson(answer.origin, answer.status) };
}

export function changedFilters(before: Vendor, after: Vendor): FilterConsequence[] {
  const [beforeTable, afterTable] = [compactDerivation(before.derivation), compactDerivation(after.derivation)];
  const statuses = unique(
    [...filterableStatuses(beforeTable), ...filterableStatuses(afterTable)].map((status) =>
      foldStatus(status).toUpperCase(),
    ),
  );
  return statuses
    .map((status) => ({
      status,
      before: statesForStatus(beforeTable, status) ?? null,
      after: statesForStatus(afterTable, status) ?? null,
    }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
