// Task keys (model.ts: TaskKey) as the stages compare, key and name them.
import type { MappingRow, TaskKey } from "./model.js";

export const noTask: TaskKey = Object.freeze({ kind: "none" });
export const otherTask: TaskKey = Object.freeze({ kind: "other" });

// Task keys are values, never written: one frozen key per task state, shared by every row and table that names
// it (at 1000 copies of the shipped spec, a key per row and per table entry was 200 000 objects). Bounded, so a
// long --watch session or a spec of absurdly many task states cannot grow it without end.
const sharedTaskKeys = new Map<string, TaskKey>();
const maxSharedTaskKeys = 4096;

/** The key of one task state value, or of no task (`null`). */
export function taskOf(taskState: string | null): TaskKey {
  if (taskState === null) return noTask;
  let key = sharedTaskKeys.get(taskState);
  if (!key) {
    if (sharedTaskKeys.size >= maxSharedTaskKeys) sharedTaskKeys.clear();
    key = Object.freeze({ kind: "task", taskState }) as TaskKey;
    sharedTaskKeys.set(taskState, key);
  }
  return key;
}

/** A map key for a task key: distinct for distinct keys (a task state value is never empty, "none" or "other" is
 * prefixed), so maps keyed by task keys need no JSON. */
export function taskId(task: TaskKey): string {
  return task.kind === "task" ? `task:${task.taskState}` : task.kind;
}

export function sameTask(a: TaskKey, b: TaskKey): boolean {
  if (a.kind === "task") return b.kind === "task" && a.taskState === b.taskState;
  return a.kind === b.kind;
}

/** How every JSON output (export, diff, the origins check and diff print) writes "any other task state". */
export const anyOtherTask = "*";

/** A task key as the JSON outputs write it: the task state, `null` for no task, `"*"` for any other. */
export function taskJson(task: TaskKey): string | null {
  return task.kind === "task" ? task.taskState : task.kind === "none" ? null : anyOtherTask;
}

/** The task key a JSON output's task stands for (taskJson read back). */
export function taskFromJson(task: string | null): TaskKey {
  return task === null ? noTask : task === anyOtherTask ? otherTask : taskOf(task);
}

/** For messages: `'rebooting'`, `no task (null)`, `any task`. */
export function taskLabel(task: TaskKey): string {
  return task.kind === "none" ? "no task (null)" : task.kind === "other" ? "any task" : `'${task.taskState}'`;
}

/**
 * Mapping rows by pair (vm_state, task key), the first row of each pair kept: the one index validate (duplicate
 * and conflicting rows) and resolve (merging a vendor's rows, its derivation) build over rows.
 */
export class RowIndex {
  private readonly byVmState = new Map<string, Map<string, MappingRow>>();

  /** Records `row` as its pair's first row unless the pair has one: that earlier row, else undefined. */
  add(row: MappingRow): MappingRow | undefined {
    let byTask = this.byVmState.get(row.vmState);
    if (!byTask) this.byVmState.set(row.vmState, (byTask = new Map()));
    const first = byTask.get(taskId(row.task));
    if (!first) byTask.set(taskId(row.task), row);
    return first;
  }

  get(vmState: string, task: TaskKey): MappingRow | undefined {
    return this.byVmState.get(vmState)?.get(taskId(task));
  }
}
