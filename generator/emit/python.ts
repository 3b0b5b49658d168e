// Python per vendor: a stdlib-only package (3.9+) with str-valued enums, an IntEnum for power states, the
// derivation table and Nova's two lookups, and a TypedDict of the server's state fields. Typed for pyright --strict.
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import { stateKinds, type StateKind, type Vendor } from "../model/model.js";
import { headerSentences, valueDocumentation } from "./header.js";
import type { GeneratedFile } from "./contract.js";
import { wrapText } from "./layout.js";
import { kindFields, kindTypeNames, memberNames, pythonPackage, valueReferences } from "./names.js";

const width = 88;

export function* emitPython(model: { vendors: readonly Vendor[] }): Iterable<GeneratedFile> {
  for (const vendor of model.vendors) {
    const folder = `${vendor.id}/python/${pythonPackage(vendor.id)}`;
    yield { path: `${folder}/__init__.py`, contents: vendorModule(vendor) };
    // PEP 561's marker: the package ships its own types. Comments are allowed; only a `partial` line has meaning.
    yield { path: `${folder}/py.typed`, contents: `${headerSentences().map((sentence) => `# ${sentence}\n`).join("")}# PEP 561 marker: this package ships its own types.\n` };
  }
}

/**
 * A Python string literal. JSON's escapes (\" \\ \n \t \uXXXX ...) mean the same in Python, and a lone
 * surrogate stays one, as in JavaScript.
 */
function literal(value: string | number): string {
  return JSON.stringify(value);
}

/** A docstring at `indent` spaces: wrapped, with backslashes and quotes escaped so no text can end it early. */
function docstring(text: string, indent: number): string[] {
  const pad = " ".repeat(indent);
  const escaped = wrapText(text, width - indent - 6).replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  const lines = escaped.split("\n");
  if (lines.length === 1) return [`${pad}"""${lines[0]}"""`];
  return [`${pad}"""${lines[0]}`, ...lines.slice(1).map((line) => (line === "" ? "" : `${pad}${line}`)), `${pad}"""`];
}

function vendorModule(vendor: Vendor): string {
  const lines: string[] = [...headerSentences().map((sentence) => `# ${sentence}`)];
  lines.push(
    ...docstring(`Server states of ${vendor.id}: the values of the four state fields, how status is derived from vm_state and task_state, and Nova's list filter.`, 0),
    "",
    "from __future__ import annotations",
    "",
    "import enum",
    "from typing import Dict, Literal, NamedTuple, Optional, Tuple, TypedDict",
    "",
    "__all__ = [",
    ...["VmState", "TaskState", "PowerState", "ServerStatus", ...Object.values(valueAliases), "ServerState", "StatusFilter", "UNKNOWN_STATUS", "status_from_state", "states_for_status"].map((name) => `    ${literal(name)},`),
    "]",
  );
  for (const kind of stateKinds) lines.push("", "", ...enumClass(vendor, kind));
  lines.push("", "", ...serverState(vendor), "", "", ...derivation(vendor), "", "", ...statusFilters(vendor));
  return `${lines.join("\n")}\n`;
}

function enumClass(vendor: Vendor, kind: StateKind): string[] {
  const values = vendor.states[kind];
  const base = kind === "power_state" ? "enum.IntEnum" : "str, enum.Enum";
  const lines = [`class ${kindTypeNames[kind]}(${base}):`];
  const summary =
    values.length === 0 ? `\`${kindFields[kind]}\`: ${vendor.id}'s documents list no values.` : `\`${kindFields[kind]}\` values documented for ${vendor.id}, in document order.`;
  lines.push(...docstring(summary, 4));
  const names = memberNames(values);
  // Undocumented members stand together; a documented one is set apart with its docstring below it.
  let previousDocumented = true;
  values.forEach((entry, index) => {
    const text = valueDocumentation(vendor.id, entry);
    if (previousDocumented || text !== undefined) lines.push("");
    lines.push(`    ${names[index]} = ${literal(entry.value)}`);
    if (text !== undefined) lines.push(...docstring(text, 4));
    previousDocumented = text !== undefined;
  });
  return lines;
}

const valueAliases: Record<StateKind, string> = {
  vm_state: "VmStateValue",
  task_state: "TaskStateValue",
  power_state: "PowerStateValue",
  status: "ServerStatusValue",
};

/** A kind's values as JSON gives them (plain str and int, not enum members): `Literal[...]`, for the TypedDict. */
function valueAlias(vendor: Vendor, kind: StateKind): string[] {
  const values = vendor.states[kind];
  const head = `${valueAliases[kind]} = `;
  if (values.length === 0) return [`${head}${kind === "power_state" ? "int" : "str"}`];
  return [...pyLines(pyGroup(`${head}Literal[`, values.map((entry) => literal(entry.value)), "]"), 0), ...docstring(`\`${kindFields[kind]}\` as the JSON of a response carries it.`, 0)];
}

function serverState(vendor: Vendor): string[] {
  // The OS-EXT-STS:* keys are not identifiers, so the functional syntax; `status` is required and the extended
  // attributes are optional, which 3.9 can only say through a total=False base (NotRequired is 3.11).
  return [
    ...stateKinds.flatMap((kind) => [...valueAlias(vendor, kind), ""]),
    "",
    `_ServerStateExtended = TypedDict(`,
    `    "_ServerStateExtended",`,
    `    {`,
    `        ${literal(kindFields.vm_state)}: Optional[${valueAliases.vm_state}],`,
    `        ${literal(kindFields.task_state)}: Optional[${valueAliases.task_state}],`,
    `        ${literal(kindFields.power_state)}: Optional[${valueAliases.power_state}],`,
    `    },`,
    `    total=False,`,
    `)`,
    "",
    "",
    "class ServerState(_ServerStateExtended):",
    ...docstring(
      `The state fields of a server as ${vendor.id}'s API reports them (server.schema.json): status always, the others with the extended status attributes. Values are the JSON strings and integers; the enums above compare equal to them.`,
      4,
    ),
    "",
    `    status: ${valueAliases.status}`,
  ];
}

function derivation(vendor: Vendor): string[] {
  const ref = valueReferences(vendor, (kind, memberName) => `${kindTypeNames[kind]}.${memberName}`);
  const rows = compactDerivation(vendor.derivation).map((entry) => {
    const tasks = entry.exceptions.map((exception) => `${exception.task.kind === "none" ? "None" : literal(exception.task.taskState)}: ${ref("status", exception.answer.status)}`);
    return pyGroup(`${literal(entry.vmState)}: (${ref("status", entry.default.status)}, {`, tasks, "})");
  });
  const rule = vendor.uncovered.kind === "fallback" ? `what ${vendor.uncovered.vendor} derives` : `the status ${vendor.uncovered.status}`;
  return [
    `UNKNOWN_STATUS = ${ref("status", vendor.derivation.unknownVmState.status)}`,
    ...docstring("What status_from_state returns for a vm_state outside the derivation table.", 0),
    "",
    ...pyLines(pyGroup("_DERIVATION: Dict[str, Tuple[ServerStatus, Dict[Optional[str], ServerStatus]]] = {", rows, "}"), 0, true),
    ...docstring(
      `The effective derivation of ${vendor.id}, as statespec resolved it from the documents: per vm_state, the status for any task state not listed, and the task states (None: no task) whose status differs. Per pair: its own row for the task state, then its own any-task row, then ${rule}.`,
      0,
    ),
    "",
    "",
    "def status_from_state(",
    "    vm_state: Optional[str], task_state: Optional[str] = None",
    ") -> ServerStatus:",
    ...docstring(
      "The status the API reports for a vm_state and task_state (None, or a missing key: no task); " +
        "UNKNOWN_STATUS for a vm_state outside the table, None included, as Nova answers it. " +
        "A response without the vm_state key has no pair to derive: hold its status to ServerStatus only.",
      4,
    ),
    "    entry = None if vm_state is None else _DERIVATION.get(vm_state)",
    "    if entry is None:",
    "        return UNKNOWN_STATUS",
    "    other, tasks = entry",
    "    return tasks.get(task_state, other)",
  ];
}

function statusFilters(vendor: Vendor): string[] {
  const ref = valueReferences(vendor, (kind, memberName) => `${kindTypeNames[kind]}.${memberName}`);
  const folded = [...new Set(filterableStatuses(vendor).map(foldStatus))];
  const rows = folded.map((status) => {
    const filter = statesForStatus(vendor, status)!;
    const vmStates = pyTuple(filter.vmStates.map((vmState) => ref("vm_state", vmState)));
    const tasks = filter.taskStates === null ? "None" : pyTuple(filter.taskStates.map((task) => (task === null ? "None" : ref("task_state", task))));
    return pyGroup(`${literal(status)}: StatusFilter(`, [vmStates, tasks], ")");
  });
  return [
    "class StatusFilter(NamedTuple):",
    ...docstring("The vm_states and task_states a status selects; task_states is None when any task state matches (None in it: no task).", 4),
    "",
    "    vm_states: Tuple[VmState, ...]",
    "    task_states: Optional[Tuple[Optional[TaskState], ...]]",
    "",
    "",
    ...pyLines(pyGroup("_STATUS_FILTERS: Dict[str, StatusFilter] = {", rows, "}"), 0, true),
    ...docstring("Nova's list filter per status, keyed by the status in lower case; computed from _DERIVATION.", 0),
    "",
    "",
    "def states_for_status(status: str) -> Optional[StatusFilter]:",
    ...docstring(
      "What GET /servers?status= filters on, by Nova's rules: the status is compared lower-cased (str.lower()); None when it selects nothing (Nova rejects it).",
      4,
    ),
    "    return _STATUS_FILTERS.get(status.lower())",
  ];
}

/** A bracketed list that prints on one line when it fits, else one member per line with a trailing comma (black's style). */
type PyLayout = string | { open: string; members: PyLayout[]; close: string; tuple?: true };

function pyGroup(open: string, members: PyLayout[], close: string): PyLayout {
  return { open, members, close };
}

function pyTuple(members: string[]): PyLayout {
  return { open: "(", members, close: ")", tuple: true };
}

function flat(node: PyLayout): string {
  if (typeof node === "string") return node;
  // A one-member tuple needs its comma: `(x,)`.
  const comma = node.tuple && node.members.length === 1 ? "," : "";
  return `${node.open}${node.members.map(flat).join(", ")}${comma}${node.close}`;
}

/** The lines of `node` at `indent` spaces, followed by `trail` characters; `split` breaks it even when it fits. */
function pyLines(node: PyLayout, indent: number, split = false, trail = 0): string[] {
  const oneLine = flat(node);
  if (typeof node === "string" || node.members.length === 0 || (!split && indent + oneLine.length + trail <= width)) return [" ".repeat(indent) + oneLine];
  const lines = [" ".repeat(indent) + node.open];
  for (const member of node.members) {
    const memberLines = pyLines(member, indent + 4, false, 1);
    memberLines[memberLines.length - 1] += ",";
    lines.push(...memberLines);
  }
  lines.push(" ".repeat(indent) + node.close);
  return lines;
}
