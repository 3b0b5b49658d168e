// The derivation of a Go vendor package: the table as maps keyed by the constants, StatusFromState, and Nova's list
// filter per lower-cased status with StatesForStatus. Printed from the same compact table as every other artifact.
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import type { StateKind, Vendor } from "../model/model.js";
import { alignedLines, comment, func, list, literal, variable, type KeyValue } from "./go-printer.js";

export function derivation(vendor: Vendor, ref: (kind: StateKind, value: string) => string): string[] {
  const entries = compactDerivation(vendor.derivation).map((entry): KeyValue => {
    const none = entry.exceptions.find((exception) => exception.task.kind === "none")?.answer ?? entry.default;
    const tasks = entry.exceptions.flatMap((exception) =>
      exception.task.kind === "task"
        ? [{ key: ref("task_state", exception.task.taskState), value: ref("status", exception.answer.status) }]
        : [],
    );
    const fields: KeyValue[] = [
      { key: "other", value: ref("status", entry.default.status) },
      { key: "noTask", value: ref("status", none.status) },
      ...(tasks.length === 0 ? [] : [{ key: "tasks", value: list("map[TaskState]ServerStatus{", tasks) }]),
    ];
    return { key: ref("vm_state", entry.vmState), value: list("{", fields) };
  });
  const rule =
    vendor.uncovered.kind === "fallback"
      ? `what ${vendor.uncovered.vendor} derives`
      : `the status ${vendor.uncovered.status}`;
  return [
    [
      "// UnknownStatus is what StatusFromState returns for a vm_state outside the derivation table.",
      `const UnknownStatus = ${ref("status", vendor.derivation.unknownVmState.status)}`,
    ].join("\n"),
    [
      ...comment([
        "vmStateStatuses is one vm_state of the derivation table: the status for a task state without its own",
        "entry in tasks, and for no task.",
      ]),
      "type vmStateStatuses struct {",
      ...alignedLines(
        [
          { cells: ["other", "ServerStatus"] },
          { cells: ["noTask", "ServerStatus"] },
          { cells: ["tasks", "map[TaskState]ServerStatus"] },
        ],
        1,
      ),
      "}",
    ].join("\n"),
    variable(
      comment([
        `derivationTable is the effective derivation of ${vendor.id}, as statespec resolved it from the`,
        `documents: per vm_state, its own row for the task state, then its own any-task row, then ${rule}.`,
      ]),
      "derivationTable",
      list("map[VMState]vmStateStatuses{", entries),
    ),
    func(
      comment([
        "StatusFromState returns the status the API reports for a vm_state and task_state (nil: no task, as a",
        "null or missing key is), or UnknownStatus for a vm_state outside the table (an empty one, as a null",
        "vm_state decodes, included). A response without the vm_state key has no pair to derive: hold its",
        "status to ServerStatuses only.",
      ]),
      "func StatusFromState(vmState VMState, taskState *TaskState) ServerStatus",
      [
        "\tentry, ok := derivationTable[vmState]",
        "\tif !ok {",
        "\t\treturn UnknownStatus",
        "\t}",
        "\tif taskState == nil {",
        "\t\treturn entry.noTask",
        "\t}",
        "\tif status, ok := entry.tasks[*taskState]; ok {",
        "\t\treturn status",
        "\t}",
        "\treturn entry.other",
      ],
    ),
  ];
}

export function statusFilters(vendor: Vendor, ref: (kind: StateKind, value: string) => string): string[] {
  const table = compactDerivation(vendor.derivation);
  const folded = [...new Set(filterableStatuses(table).map(foldStatus))];
  const entries = folded.map((status): KeyValue => {
    const filter = statesForStatus(table, status)!;
    const fields: KeyValue[] = [
      {
        key: "VMStates",
        value: list(
          "[]VMState{",
          filter.vmStates.map((vmState) => ref("vm_state", vmState)),
        ),
      },
    ];
    if (filter.taskStates === null) fields.push({ key: "AnyTask", value: "true" });
    else {
      const tasks = filter.taskStates.filter((task): task is string => task !== null);
      if (tasks.length > 0)
        fields.push({
          key: "TaskStates",
          value: list(
            "[]TaskState{",
            tasks.map((task) => ref("task_state", task)),
          ),
        });
      if (filter.taskStates.includes(null)) fields.push({ key: "NoTask", value: "true" });
    }
    return { key: literal(status), value: list("{", fields) };
  });
  return [
    [
      ...comment([
        "StatusFilter is what a status selects in Nova's list filter: the vm_states, and either AnyTask (any",
        "task state matches) or the TaskStates that match, with NoTask when no task (a null task_state)",
        "matches too.",
      ]),
      "type StatusFilter struct {",
      ...alignedLines(
        [
          ["VMStates", "[]VMState"],
          ["AnyTask", "bool"],
          ["TaskStates", "[]TaskState"],
          ["NoTask", "bool"],
        ].map((cells) => ({ cells })),
        1,
      ),
      "}",
    ].join("\n"),
    variable(
      comment([
        "statusFilters is Nova's list filter per status, keyed by the status in lower case; computed from",
        "derivationTable.",
      ]),
      "statusFilters",
      list("map[string]StatusFilter{", entries),
    ),
    func(
      comment([
        "StatesForStatus returns what GET /servers?status= filters on, by Nova's rules: the status is",
        "compared lower-cased as Python's str.lower() does; ok is false when it selects nothing (Nova rejects",
        "it).",
      ]),
      "func StatesForStatus(status string) (filter StatusFilter, ok bool)",
      [
        "\tfilter, ok = statusFilters[lowerLikePython(status)]",
        "\tif !ok {",
        "\t\treturn StatusFilter{}, false",
        "\t}",
        "\t// Copies, so callers cannot change the table.",
        "\tfilter.VMStates = append([]VMState(nil), filter.VMStates...)",
        "\tfilter.TaskStates = append([]TaskState(nil), filter.TaskStates...)",
        "\treturn filter, true",
      ],
    ),
    func(
      comment([
        "lowerLikePython lower-cases as Python's str.lower() does: strings.ToLower is the same mapping except",
        "that Python lowers U+0130 to i + U+0307 (its final sigma cannot make a status match: statuses are",
        "ASCII).",
      ]),
      "func lowerLikePython(text string) string",
      ['\treturn strings.ToLower(strings.ReplaceAll(text, "\\u0130", "i\\u0307"))'],
    ),
  ];
}
