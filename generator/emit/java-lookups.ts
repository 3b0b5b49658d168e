// The lookups of a Java vendor package: ServerStates (the derivation table keyed by the enums, statusFromState,
// Nova's list filter per lower-cased status and statesForStatus) and the StatusFilter record. Printed from the same
// compact table as every other artifact.
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import type { Vendor } from "../model/model.js";
import { kindTypeNames, valueReferences } from "./names.js";
import { call, javadoc, literal, members, statement, type JavaExpr } from "./java-printer.js";

/** The imports ServerStates.java needs: List only where a filter lists states. */
export function serverStatesImports(vendor: Vendor): string[] {
  const lists = filterableStatuses(compactDerivation(vendor.derivation)).length > 0;
  return [...(lists ? ["java.util.List"] : []), "java.util.Locale", "java.util.Map", "java.util.Optional"];
}

export function statusFilter(vendor: Vendor): string[] {
  return [
    ...javadoc(
      [
        `What a status selects in ${vendor.id}'s list filter (GET /servers?status=), by Nova's rules.`,
        "The lists are sorted and unmodifiable.",
      ],
      0,
      [
        "@param vmStates the vm_states it selects",
        "@param taskStates the task states it selects among them; empty when any task state matches",
        "@param noTask whether it selects a server with no task (a null task_state); true whenever any task " +
          "state matches",
      ],
    ),
    ...statement(
      "",
      call("public record StatusFilter", [
        "List<VmState> vmStates",
        "Optional<List<TaskState>> taskStates",
        "boolean noTask",
      ]),
      " {}",
      0,
    ),
  ];
}

export function serverStates(vendor: Vendor): string[] {
  const ref = valueReferences(vendor, (kind, memberName) => `${kindTypeNames[kind]}.${memberName}`);
  const entries = (pairs: [JavaExpr, JavaExpr][]): JavaExpr =>
    pairs.length === 0
      ? "Map.of()"
      : call(
          "Map.ofEntries",
          pairs.map(([key, value]) => call("Map.entry", [key, value])),
        );
  const rows = compactDerivation(vendor.derivation).map((entry): [JavaExpr, JavaExpr] => {
    const none = entry.exceptions.find((exception) => exception.task.kind === "none")?.answer ?? entry.default;
    const tasks = entry.exceptions.flatMap((exception): [JavaExpr, JavaExpr][] =>
      exception.task.kind === "task"
        ? [[ref("task_state", exception.task.taskState), ref("status", exception.answer.status)]]
        : [],
    );
    return [
      ref("vm_state", entry.vmState),
      call("new Row", [ref("status", entry.default.status), ref("status", none.status), entries(tasks)]),
    ];
  });
  const table = compactDerivation(vendor.derivation);
  const folded = [...new Set(filterableStatuses(table).map(foldStatus))];
  const filters = folded.map((status): [JavaExpr, JavaExpr] => {
    const filter = statesForStatus(table, status)!;
    const tasks = (filter.taskStates ?? []).filter((task): task is string => task !== null);
    const taskStates =
      filter.taskStates === null
        ? "Optional.empty()"
        : call("Optional.of", [
            call(
              "List.of",
              tasks.map((task) => ref("task_state", task)),
            ),
          ]);
    const noTask = filter.taskStates === null || filter.taskStates.includes(null);
    return [
      literal(status),
      call("new StatusFilter", [
        call(
          "List.of",
          filter.vmStates.map((vmState) => ref("vm_state", vmState)),
        ),
        taskStates,
        String(noTask),
      ]),
    ];
  });
  const rule =
    vendor.uncovered.kind === "fallback"
      ? `what ${vendor.uncovered.vendor} derives`
      : `the status ${vendor.uncovered.status}`;
  const body = members([
    [
      ...javadoc(["What statusFromState returns for a vm_state outside the derivation table."], 2),
      ...statement(
        "public static final ServerStatus UNKNOWN_STATUS = ",
        ref("status", vendor.derivation.unknownVmState.status),
        ";",
        2,
      ),
    ],
    [
      ...javadoc(
        [
          `The effective derivation of ${vendor.id}, as statespec resolved it from the documents.`,
          "Per vm_state: its own row for the task state, then its own any-task row, then " + `${rule}.`,
        ],
        2,
      ),
      ...statement("private static final Map<VmState, Row> DERIVATION = ", entries(rows), ";", 2),
    ],
    [
      ...javadoc(["Nova's list filter per status, keyed by the status in lower case; computed from DERIVATION."], 2),
      ...statement("private static final Map<String, StatusFilter> FILTERS = ", entries(filters), ";", 2),
    ],
    ["  private ServerStates() {}"],
    [
      ...javadoc(
        ["One vm_state of the derivation: the status for a task state without an entry in tasks, and for no task."],
        2,
      ),
      ...statement(
        "",
        call("private record Row", ["ServerStatus other", "ServerStatus noTask", "Map<TaskState, ServerStatus> tasks"]),
        " {}",
        2,
      ),
    ],
    [
      ...javadoc(
        [
          "The status the API reports for a vm_state and task_state.",
          "A null task_state is no task, as a null or missing key is. A vm_state outside the table, null " +
            "included, gives UNKNOWN_STATUS, as Nova answers it. Values are compared exactly. A response " +
            "without the vm_state key has no pair to derive: hold its status to ServerStatus only.",
        ],
        2,
        [
          "@param vmState OS-EXT-STS:vm_state as the API reports it, or null",
          "@param taskState OS-EXT-STS:task_state as the API reports it, or null for no task",
          "@return the status derived from the pair",
        ],
      ),
      "  public static ServerStatus statusFromState(String vmState, String taskState) {",
      "    Row row = VmState.fromValue(vmState).map(DERIVATION::get).orElse(null);",
      "    if (row == null) {",
      "      return UNKNOWN_STATUS;",
      "    }",
      "    if (taskState == null) {",
      "      return row.noTask();",
      "    }",
      "    return TaskState.fromValue(taskState).map(row.tasks()::get).orElse(row.other());",
      "  }",
    ],
    [
      ...javadoc(
        [
          "What GET /servers?status= filters on, by Nova's rules.",
          "The status is compared lower-cased, as Python's str.lower() and Java's toLowerCase(Locale.ROOT) " +
            "do; empty when it selects nothing (Nova rejects it), null included.",
        ],
        2,
        ["@param status a status as a client sends it in the filter", "@return what it selects, or empty"],
      ),
      "  public static Optional<StatusFilter> statesForStatus(String status) {",
      "    if (status == null) {",
      "      return Optional.empty();",
      "    }",
      "    return Optional.ofNullable(FILTERS.get(status.toLowerCase(Locale.ROOT)));",
      "  }",
    ],
  ]);
  return [
    ...javadoc(
      [
        `How ${vendor.id} derives status from vm_state and task_state, and what its list filter selects.`,
        "Every answer is the one the TypeScript, Python and Go packages of the same spec give.",
      ],
      0,
    ),
    "public final class ServerStates {",
    ...body,
    "}",
  ];
}
