// Task keys (model.ts: TaskKey) as the stages compare, key and name them.
import type { TaskKey } from "./model.js";

export const noTask: TaskKey = { kind: "none" };
export const otherTask: TaskKey = { kind: "other" };

/** The key of one task state value, or of no task (`null`). */
export function taskOf(taskState: string | null): TaskKey {
  return taskState === null ? noTask : { kind: "task", taskState };
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

/** The task state value a key names: a value, `null` for no task, undefined for any other. */
export function taskStateOf(task: TaskKey): string | null | undefined {
  return task.kind === "task" ? task.taskState : task.kind === "none" ? null : undefined;
}

/** For messages: `'rebooting'`, `no task (null)`, `any task`. */
export function taskLabel(task: TaskKey): string {
  return task.kind === "none" ? "no task (null)" : task.kind === "other" ? "any task" : `'${task.taskState}'`;
}
