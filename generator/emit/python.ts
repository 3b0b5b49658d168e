// Python per vendor: a stdlib-only package (3.9+) with str-valued enums, an IntEnum for power states, the
// derivation table and Nova's two lookups, a TypedDict of the server's state fields, and a pyproject.toml.
// Printed by python-printer.ts as black writes it; typed for mypy --strict and pyright --strict.
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import { stateKinds, type Vendor } from "../model/model.js";
import { headerSentences } from "./header.js";
import type { GeneratedFile } from "./contract.js";
import { kindTypeNames, pythonPackage, valueReferences } from "./names.js";
import {
  assignment,
  call,
  comments,
  display,
  docstring,
  prefixed,
  pyLines,
  topLevel,
  tuple,
  type PyCode,
} from "./python-printer.js";
import { pyproject } from "./python-project.js";
import { enumBases, enumClass, literal, serverState, valueAliases } from "./python-types.js";

export function* emitPython(model: { vendors: readonly Vendor[] }): Iterable<GeneratedFile> {
  for (const vendor of model.vendors) {
    const name = pythonPackage(vendor.id);
    const folder = `${vendor.id}/python/${name}`;
    yield { path: `${vendor.id}/python/pyproject.toml`, contents: pyproject(name, summary(vendor)) };
    yield { path: `${folder}/__init__.py`, contents: vendorModule(vendor) };
    // PEP 561's marker: the package ships its own types. Comments are allowed; only a `partial` line has meaning.
    yield {
      path: `${folder}/py.typed`,
      contents: lines([...comments(headerSentences()), "# PEP 561 marker: this package ships its own types."]),
    };
  }
}

function lines(all: readonly string[]): string {
  return `${all.join("\n")}\n`;
}

function summary(vendor: Vendor): string {
  return `Server states of ${vendor.id}: values, status derivation and Nova's list filter.`;
}

const exported = [
  ...stateKinds.map((kind) => kindTypeNames[kind]),
  ...Object.values(valueAliases),
  "ServerState",
  "StatusFilter",
  "UNKNOWN_STATUS",
  "status_from_state",
  "states_for_status",
];

function vendorModule(vendor: Vendor): string {
  const opening = [
    ...comments(headerSentences()),
    ...docstring(
      `${summary(vendor)}\n\nThe values of the four state fields as enums, how status derives from vm_state and ` +
        "task_state, and the vm_states and task_states a status filter selects.",
      0,
    ),
    "",
    "from __future__ import annotations",
    "",
    "import enum",
    "from typing import Literal, NamedTuple, Optional, TypedDict",
    "",
    ...pyLines(display("__all__ = ", "[", exported.map(literal), "]", true)),
  ];
  return lines(
    topLevel([
      opening,
      ...enumBases(),
      ...stateKinds.map((kind) => enumClass(vendor, kind)),
      ...serverState(vendor),
      ...derivation(vendor),
      ...statusFilters(vendor),
    ]),
  );
}

function derivation(vendor: Vendor): string[][] {
  const ref = valueReferences(vendor, (kind, memberName) => `${kindTypeNames[kind]}.${memberName}`);
  const rows = compactDerivation(vendor.derivation).map((entry) => {
    const tasks = entry.exceptions.map((exception) => {
      const key = exception.task.kind === "none" ? "None" : literal(exception.task.taskState);
      return `${key}: ${ref("status", exception.answer.status)}`;
    });
    return prefixed(
      `${literal(entry.vmState)}: `,
      tuple([ref("status", entry.default.status), display("", "{", tasks, "}")]),
    );
  });
  const rule =
    vendor.uncovered.kind === "fallback"
      ? `what ${vendor.uncovered.vendor} derives`
      : `the status ${vendor.uncovered.status}`;
  const table = display(
    "_DERIVATION: dict[str, tuple[ServerStatus, dict[str | None, ServerStatus]]] = ",
    "{",
    rows,
    "}",
    true,
  );
  return [
    [
      ...pyLines(assignment("UNKNOWN_STATUS", ref("status", vendor.derivation.unknownVmState.status), true)),
      ...docstring("What status_from_state returns for a vm_state outside the derivation table.", 0),
      "",
      ...pyLines(table),
      ...docstring(
        `The effective derivation of ${vendor.id}, as statespec resolved it from the documents.\n\n` +
          "Per vm_state: the status for any task state not listed, and the task states (None: no task) whose " +
          `status differs. Per pair: its own row for the task state, then its own any-task row, then ${rule}.`,
        0,
      ),
    ],
    [
      ...pyLines(
        call(
          "def status_from_state",
          "(",
          ["vm_state: str | None", "task_state: str | None = None"],
          ")",
          " -> ServerStatus:",
        ),
      ),
      ...docstring(
        "The status the API reports for a vm_state and task_state (None, or a missing key: no task).\n\n" +
          "UNKNOWN_STATUS for a vm_state outside the table, None included, as Nova answers it. " +
          "A response without the vm_state key has no pair to derive: hold its status to ServerStatus only.",
        4,
      ),
      "    entry = None if vm_state is None else _DERIVATION.get(vm_state)",
      "    if entry is None:",
      "        return UNKNOWN_STATUS",
      "    other, tasks = entry",
      "    return tasks.get(task_state, other)",
    ],
  ];
}

function statusFilters(vendor: Vendor): string[][] {
  const ref = valueReferences(vendor, (kind, memberName) => `${kindTypeNames[kind]}.${memberName}`);
  const table = compactDerivation(vendor.derivation);
  const folded = [...new Set(filterableStatuses(table).map(foldStatus))];
  const rows: PyCode[] = folded.map((status) => {
    const filter = statesForStatus(table, status)!;
    const vmStates = tuple(filter.vmStates.map((vmState) => ref("vm_state", vmState)));
    const tasks =
      filter.taskStates === null
        ? "None"
        : tuple(filter.taskStates.map((task) => (task === null ? "None" : ref("task_state", task))));
    return call(`${literal(status)}: StatusFilter`, "(", [vmStates, tasks], ")");
  });
  return [
    [
      "class StatusFilter(NamedTuple):",
      ...docstring(
        "The vm_states and task_states a status selects.\n\n" +
          "task_states is None when any task state matches (None in it: no task).",
        4,
      ),
      "",
      "    vm_states: tuple[VmState, ...]",
      "    task_states: tuple[TaskState | None, ...] | None",
    ],
    [
      ...pyLines(display("_STATUS_FILTERS: dict[str, StatusFilter] = ", "{", rows, "}", true)),
      ...docstring(
        "Nova's list filter per status, keyed by the status in lower case.\n\nComputed from _DERIVATION.",
        0,
      ),
    ],
    [
      "def states_for_status(status: str) -> StatusFilter | None:",
      ...docstring(
        "What GET /servers?status= filters on, by Nova's rules.\n\n" +
          "The status is compared lower-cased (str.lower()); None when it selects nothing (Nova rejects it).",
        4,
      ),
      "    return _STATUS_FILTERS.get(status.lower())",
    ],
  ];
}
