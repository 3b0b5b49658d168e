// The vendor's effective derivation as a reader looks it up: one row per vm_state, its status for no task and any
// task state not listed, then the exceptions grouped by status. An answer no document of the vendor gives (its
// fallback's) is marked, so documented and inherited answers are told apart in the same table.
import type { Answer, DerivationTask, MappingRow, Vendor } from "../../model/model.js";
import { taskId } from "../../model/task.js";
import { fill, type PageStrings } from "./strings.js";
import { code, prose, tableRow } from "./text.js";

export const inheritedMark = "†";
export const rowsOnlyMark = "‡";

/** A mark after a value, kept on its line: a wrapped table cell never leaves a mark alone on the next line. */
export function withMark(text: string, mark: string | undefined): string {
  return mark === undefined ? text : `${text}&nbsp;${mark}`;
}

/** Whether the answer comes from the vendor's fallback rather than its own documents or its own fixed status. */
export function inherited(answer: Answer): boolean {
  return answer.origin.kind === "fallback";
}

export function statusCell(answer: Answer): string {
  return withMark(code(answer.status), inherited(answer) ? inheritedMark : undefined);
}

/** Table rows: vm_state | status for any other task | exceptions, one group (a status, its task states) per line. */
export function derivationRows(vendor: Vendor, strings: PageStrings): string[] {
  const { derivation } = vendor;
  const taskCell = (task: DerivationTask) =>
    task.kind === "none" ? strings.noTask : task.kind === "task" ? code(task.taskState) : "";
  const rows = derivation.vmStates.map((entry) => {
    const keyOf = (answer: Answer) => `${answer.status}\u0000${inherited(answer)}`;
    const defaultKey = keyOf(entry.other);
    const groups = new Map<string, { answer: Answer; tasks: DerivationTask[] }>();
    const consider = (task: DerivationTask, answer: Answer) => {
      const key = keyOf(answer);
      if (key === defaultKey) return;
      const group = groups.get(key) ?? { answer, tasks: [] };
      group.tasks.push(task);
      groups.set(key, group);
    };
    derivation.taskStates.forEach((taskState, position) =>
      consider({ kind: "task", taskState }, entry.tasks[position]),
    );
    consider({ kind: "none" }, entry.none);
    const exceptions = [...groups.values()].map((group) =>
      fill(strings.exceptionGroup, { status: statusCell(group.answer), tasks: group.tasks.map(taskCell).join(", ") }),
    );
    return tableRow([code(entry.vmState), statusCell(entry.other), exceptions.join("<br>")]);
  });
  rows.push(tableRow([strings.anyOtherVmState, statusCell(derivation.unknownVmState), ""]));
  return rows;
}

/** How the documents write a task_state cell that is not a plain value (000's cross-reference, Nova's `default`). */
export function writtenCells(vendor: Vendor, strings: PageStrings): string[] {
  const groups = new Map<string, { row: MappingRow; count: number }>();
  for (const row of vendor.mapping) {
    if (row.written === undefined) continue;
    const key = [row.document, row.written, taskId(row.task)].join("\u0000");
    const group = groups.get(key) ?? { row, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()].map(({ row, count }) => {
    const role = /^:[a-z]+:`([^`]+)`$/.exec(row.written!);
    const written = role
      ? fill(strings.crossReference, { words: prose(row.written!) })
      : /^[\w.-]+$/.test(row.written!)
        ? code(row.written!)
        : prose(row.written!);
    const template =
      row.task.kind === "other"
        ? strings.writtenAnyTask
        : row.task.kind === "none"
          ? strings.writtenNoTask
          : strings.writtenTask;
    const sentence = fill(template, {
      document: code(row.document),
      written,
      count,
      task: row.task.kind === "task" ? code(row.task.taskState) : "",
    });
    return row.reading === undefined
      ? sentence
      : `${sentence}${strings.sentenceGap}${fill(strings.projectReading, { why: prose(row.reading) })}`;
  });
}
