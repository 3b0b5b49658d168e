// Python per vendor: a stdlib-only package (3.9+) with str-valued enums, an IntEnum for power states, the
// derivation table and Nova's two lookups, a TypedDict of the server's state fields, and a pyproject.toml.
// Printed by python-printer.ts as black writes it; typed for mypy --strict and pyright --strict.
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import { stateKinds, type StateKind, type Vendor } from "../model/model.js";
import { headerSentences, valueDocumentation } from "./header.js";
import type { GeneratedFile } from "./contract.js";
import { kindFields, kindTypeNames, memberNames, pythonPackage, valueReferences } from "./names.js";
import { assignment, call, comments, display, docstring, prefixed, pyLines, topLevel, tuple, type PyCode } from "./python-printer.js";
import { pyproject } from "./python-project.js";

export function* emitPython(model: { vendors: readonly Vendor[] }): Iterable<GeneratedFile> {
  for (const vendor of model.vendors) {
    const name = pythonPackage(vendor.id);
    const folder = `${vendor.id}/python/${name}`;
    yield { path: `${vendor.id}/python/pyproject.toml`, contents: pyproject(name, summary(vendor)) };
    yield { path: `${folder}/__init__.py`, contents: vendorModule(vendor) };
    // PEP 561's marker: the package ships its own types. Comments are allowed; only a `partial` line has meaning.
    yield { path: `${folder}/py.typed`, contents: lines([...comments(headerSentences()), "# PEP 561 marker: this package ships its own types."]) };
  }
}

function lines(all: readonly string[]): string {
  return `${all.join("\n")}\n`;
}

function summary(vendor: Vendor): string {
  return `Server states of ${vendor.id}: values, status derivation and Nova's list filter.`;
}

/**
 * A Python string literal. The values JSON gives (state values match [A-Za-z][A-Za-z0-9_.-]*, names are
 * identifiers) need no escape, so the double quotes black prefers are what JSON writes.
 */
function literal(value: string | number): string {
  return JSON.stringify(value);
}

const valueAliases: Record<StateKind, string> = {
  vm_state: "VmStateValue",
  task_state: "TaskStateValue",
  power_state: "PowerStateValue",
  status: "ServerStatusValue",
};

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
    ...docstring(`${summary(vendor)}\n\nThe values of the four state fields as enums, how status derives from vm_state and task_state, and the vm_states and task_states a status filter selects.`, 0),
    "",
    "from __future__ import annotations",
    "",
    "import enum",
    "from typing import Literal, NamedTuple, Optional, TypedDict",
    "",
    ...pyLines(display("__all__ = ", "[", exported.map(literal), "]", true)),
  ];
  return lines(topLevel([opening, ...enumBases(), ...stateKinds.map((kind) => enumClass(vendor, kind)), ...serverState(vendor), ...derivation(vendor), ...statusFilters(vendor)]));
}

/**
 * The enums' bases. A (str, Enum) member prints as `ServerStatus.ACTIVE` on 3.11+ and as `ACTIVE` before, and an
 * IntEnum's str() changed the other way; defining __str__ and __format__ on the class itself gives the value on
 * every version (as enum.StrEnum does from 3.11), so f"/servers?status={status}" does not depend on the interpreter.
 */
function enumBases(): string[][] {
  const base = (name: string, bases: string, type: string, text: string) => [
    `class ${name}(${bases}):`,
    ...docstring(text, 4),
    "",
    "    def __str__(self) -> str:",
    `        return ${type}.__${type === "int" ? "repr" : "str"}__(self)`,
    "",
    "    def __format__(self, format_spec: str) -> str:",
    `        return ${type}.__format__(self, format_spec)`,
  ];
  const same = (since: string) => `str(), format() and f-strings give the value on every Python version, as ${since}.`;
  return [
    base("_StrEnum", "str, enum.Enum", "str", `A str enum whose members print as their values.\n\n${same("enum.StrEnum does from 3.11")}`),
    base("_IntEnum", "enum.IntEnum", "int", `An IntEnum whose members print as their values.\n\n${same("enum.IntEnum does from 3.11")}`),
  ];
}

function enumClass(vendor: Vendor, kind: StateKind): string[] {
  const values = vendor.states[kind];
  const base = kind === "power_state" ? "_IntEnum" : "_StrEnum";
  const summary =
    values.length === 0 ? `\`${kindFields[kind]}\`: ${vendor.id}'s documents list no values.` : `\`${kindFields[kind]}\` values documented for ${vendor.id}, in document order.`;
  const result = [`class ${kindTypeNames[kind]}(${base}):`, ...docstring(summary, 4)];
  const names = memberNames(values);
  // Undocumented members stand together; a documented one is set apart with its docstring below it.
  let previousDocumented = true;
  values.forEach((entry, index) => {
    const text = valueDocumentation(vendor.id, entry);
    if (previousDocumented || text !== undefined) result.push("");
    result.push(...pyLines(assignment(names[index], literal(entry.value), false), 4));
    if (text !== undefined) result.push(...docstring(text, 4));
    previousDocumented = text !== undefined;
  });
  return result;
}

/** A kind's values as JSON gives them (plain str and int, not enum members): `Literal[...]`, for the TypedDict. */
function valueAlias(vendor: Vendor, kind: StateKind): string[] {
  const values = vendor.states[kind];
  const code = values.length === 0 ? `${valueAliases[kind]} = ${kind === "power_state" ? "int" : "str"}` : call(`${valueAliases[kind]} = Literal`, "[", values.map((entry) => literal(entry.value)), "]");
  return [...pyLines(code), ...docstring(`\`${kindFields[kind]}\` as the JSON of a response carries it.`, 0)];
}

function serverState(vendor: Vendor): string[][] {
  // The OS-EXT-STS:* keys are not identifiers, so the functional syntax; `status` is required and the extended
  // attributes are optional, which 3.9 can only say through a total=False base (NotRequired is 3.11). The call's
  // arguments are evaluated at run time, where 3.9 has no `X | None`: Optional stays there.
  const fields = [
    `${literal(kindFields.vm_state)}: ${valueAliases.vm_state}`,
    `${literal(kindFields.task_state)}: Optional[${valueAliases.task_state}]`,
    `${literal(kindFields.power_state)}: Optional[${valueAliases.power_state}]`,
  ];
  const extended = call("_ServerStateExtended = TypedDict", "(", [literal("_ServerStateExtended"), display("", "{", fields, "}", true), "total=False"], ")", "", true);
  const text = `The state fields of a server as ${vendor.id}'s API reports them.\n\nAs in server.schema.json: status always, the others with the extended status attributes. Values are the JSON strings and integers; the enums above compare equal to them.`;
  return [
    [...stateKinds.flatMap((kind, index) => [...(index === 0 ? [] : [""]), ...valueAlias(vendor, kind)]), "", "", ...pyLines(extended)],
    ["class ServerState(_ServerStateExtended):", ...docstring(text, 4), "", `    status: ${valueAliases.status}`],
  ];
}

function derivation(vendor: Vendor): string[][] {
  const ref = valueReferences(vendor, (kind, memberName) => `${kindTypeNames[kind]}.${memberName}`);
  const rows = compactDerivation(vendor.derivation).map((entry) => {
    const tasks = entry.exceptions.map((exception) => `${exception.task.kind === "none" ? "None" : literal(exception.task.taskState)}: ${ref("status", exception.answer.status)}`);
    return prefixed(`${literal(entry.vmState)}: `, tuple([ref("status", entry.default.status), display("", "{", tasks, "}")]));
  });
  const rule = vendor.uncovered.kind === "fallback" ? `what ${vendor.uncovered.vendor} derives` : `the status ${vendor.uncovered.status}`;
  const table = display("_DERIVATION: dict[str, tuple[ServerStatus, dict[str | None, ServerStatus]]] = ", "{", rows, "}", true);
  return [
    [
      ...pyLines(assignment("UNKNOWN_STATUS", ref("status", vendor.derivation.unknownVmState.status), true)),
      ...docstring("What status_from_state returns for a vm_state outside the derivation table.", 0),
      "",
      ...pyLines(table),
      ...docstring(
        `The effective derivation of ${vendor.id}, as statespec resolved it from the documents.\n\nPer vm_state: the status for any task state not listed, and the task states (None: no task) whose status differs. Per pair: its own row for the task state, then its own any-task row, then ${rule}.`,
        0,
      ),
    ],
    [
      ...pyLines(call("def status_from_state", "(", ["vm_state: str | None", "task_state: str | None = None"], ")", " -> ServerStatus:")),
      ...docstring("The status the API reports for a vm_state and task_state (None: no task).\n\nUNKNOWN_STATUS for a vm_state outside the table.", 4),
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
  const folded = [...new Set(filterableStatuses(vendor).map(foldStatus))];
  const rows: PyCode[] = folded.map((status) => {
    const filter = statesForStatus(vendor, status)!;
    const vmStates = tuple(filter.vmStates.map((vmState) => ref("vm_state", vmState)));
    const tasks = filter.taskStates === null ? "None" : tuple(filter.taskStates.map((task) => (task === null ? "None" : ref("task_state", task))));
    return call(`${literal(status)}: StatusFilter`, "(", [vmStates, tasks], ")");
  });
  return [
    [
      "class StatusFilter(NamedTuple):",
      ...docstring("The vm_states and task_states a status selects.\n\ntask_states is None when any task state matches (None in it: no task).", 4),
      "",
      "    vm_states: tuple[VmState, ...]",
      "    task_states: tuple[TaskState | None, ...] | None",
    ],
    [
      ...pyLines(display("_STATUS_FILTERS: dict[str, StatusFilter] = ", "{", rows, "}", true)),
      ...docstring("Nova's list filter per status, keyed by the status in lower case.\n\nComputed from _DERIVATION.", 0),
    ],
    [
      "def states_for_status(status: str) -> StatusFilter | None:",
      ...docstring(
        "What GET /servers?status= filters on, by Nova's rules.\n\nThe status is compared lower-cased (str.lower()); None when it selects nothing (Nova rejects it).",
        4,
      ),
      "    return _STATUS_FILTERS.get(status.lower())",
    ],
  ];
}
