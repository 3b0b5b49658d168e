// The vendor's effective derivation as a reader looks it up: one row per vm_state, its status for no task and any
// task state not listed, then the other statuses with the task states that give them. Each status appears once in a
// row, and each answer names where it comes from (`← row huawei-ecs:41`), worded as check and diff word it.
import { answerFor } from "../../model/derive.js";
import type { Answer, DerivationTask, MappingRow, Vendor } from "../../model/model.js";
import { originJson, originLabel } from "../../model/origin-json.js";
import { taskId } from "../../model/task.js";
import { fill, quoteProse, type PageStrings } from "./strings.js";
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

/** Where an answer comes from, as `check --format json` and `diff` give it: `row doc:41`, `openstack: policy`. */
export function originOf(answer: Answer): string {
  return originLabel(originJson(answer.origin, answer.status));
}

/** An answer followed by its origin, kept on one line with it. */
function fromOrigin(text: string, origin: string): string {
  return `${text}&nbsp;← ${code(origin)}`;
}

/** Table rows: vm_state | status for any other task | the other statuses, one per line, each with its task states. */
export function derivationRows(vendor: Vendor, strings: PageStrings): string[] {
  const { derivation } = vendor;
  const tasksText = (tasks: DerivationTask[]) => tasks.map((task) => taskText(task, strings)).join(", ");
  const rows = derivation.vmStates.map((entry) => {
    // Per status (the default first), per origin in first-seen order: the task states it answers.
    const statuses = new Map<string, Map<string, DerivationTask[]>>([
      [entry.other.status, new Map([[originOf(entry.other), []]])],
    ]);
    const consider = (task: DerivationTask, answer: Answer) => {
      const origins = statuses.get(answer.status) ?? new Map<string, DerivationTask[]>();
      statuses.set(answer.status, origins);
      const origin = originOf(answer);
      const tasks = origins.get(origin) ?? [];
      origins.set(origin, tasks);
      if (answer.status !== entry.other.status || origin !== originOf(entry.other)) tasks.push(task);
    };
    derivation.taskStates.forEach((taskState, position) =>
      consider({ kind: "task", taskState }, entry.tasks[position]),
    );
    consider({ kind: "none" }, entry.none);
    const cells = [...statuses].map(([status, origins]) =>
      [...origins]
        .map(([origin, tasks], index) => {
          const text =
            index > 0
              ? fill(strings.alsoFor, { tasks: tasksText(tasks) })
              : status === entry.other.status
                ? code(status)
                : fill(strings.exceptionGroup, { status: code(status), tasks: tasksText(tasks) });
          return fromOrigin(text, origin);
        })
        .join(strings.partGap),
    );
    return tableRow([code(entry.vmState), cells[0], cells.slice(1).join("<br>")]);
  });
  const unknown = derivation.unknownVmState;
  rows.push(tableRow([strings.anyOtherVmState, fromOrigin(code(unknown.status), originOf(unknown)), ""]));
  return rows;
}

/**
 * The vendor's own rows that answer a pair otherwise than its fallback vendor would: what an overlay changes in the
 * vendor it extends. A row restating the fallback's answer overrides nothing and is not listed.
 */
export function overrides(vendor: Vendor, fallback: Vendor, strings: PageStrings): string[] {
  const lines = new Map<string, { row: MappingRow; tasks: DerivationTask[]; theirs: Answer }>();
  for (const row of vendor.mapping) {
    const own = answerFor(vendor.derivation, row.vmState, row.task);
    // A row another document of the vendor outranks answers nothing; a task state the fallback lacks is its "other".
    if (own.origin.kind !== "row" || own.origin.row !== row) continue;
    const known = row.task.kind !== "task" || fallback.derivation.taskStates.includes(row.task.taskState);
    const theirs = answerFor(fallback.derivation, row.vmState, known ? row.task : { kind: "other" });
    if (theirs.status === row.status) continue;
    const key = [originOf(own), theirs.status, originOf(theirs)].join("\u0000");
    const line = lines.get(key) ?? { row, tasks: [], theirs };
    line.tasks.push(row.task);
    lines.set(key, line);
  }
  return [...lines.values()].map(({ row, tasks, theirs }) =>
    fill(strings.override, {
      vmState: code(row.vmState),
      tasks: tasks.map((task) => taskText(task, strings)).join(", "),
      status: fromOrigin(code(row.status), originOf(answerFor(vendor.derivation, row.vmState, row.task))),
      fallback: code(fallback.id),
      theirs: fromOrigin(code(theirs.status), originOf(theirs)),
    }),
  );
}

function taskText(task: DerivationTask, strings: PageStrings): string {
  return task.kind === "none" ? strings.noTask : task.kind === "task" ? code(task.taskState) : strings.anyTask;
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
    if (row.reading === undefined) return sentence;
    const why = quoteProse(row.reading, prose(row.reading), strings);
    return `${sentence}${strings.sentenceGap}${fill(strings.projectReading, { why })}`;
  });
}
