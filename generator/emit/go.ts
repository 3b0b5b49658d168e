// Go per vendor: a package with typed string constants, a PowerState with String(), the derivation table, Nova's
// two lookups and a struct of the server's state fields. Printed exactly as gofmt prints it (tests run gofmt -l).
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import { stateKinds, type StateKind, type Vendor } from "../model/model.js";
import { headerSentences, valueDocumentation } from "./header.js";
import type { GeneratedFile } from "./contract.js";
import { wrapText } from "./layout.js";
import { goConstantName, goPackage, kindFields, kindTypeNames, memberNames, valueReferences } from "./names.js";

const width = 100;

export function* emitGo(model: { vendors: readonly Vendor[] }): Iterable<GeneratedFile> {
  for (const vendor of model.vendors) {
    const name = goPackage(vendor.id);
    yield { path: `${vendor.id}/go/${name}/states.go`, contents: vendorPackage(vendor, name) };
  }
}

/** A Go string literal: values are ASCII letters, digits, '_', '.' and '-' (the spec schema), so JSON's quoting is Go's. */
function literal(value: string): string {
  return JSON.stringify(value);
}

/** What gofmt trims from the end of a comment line: Go's unicode.IsSpace (JavaScript's trimEnd() also takes U+FEFF). */
const goTrailingSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;

/** `//` comment lines at `indent` tabs (a tab counted as 4 columns for wrapping), trimmed as gofmt trims them. */
function comment(text: string, indent: number): string[] {
  const pad = "\t".repeat(indent);
  return wrapText(text, width - indent * 4 - 3)
    .split("\n")
    .map((line) => line.replace(goTrailingSpace, ""))
    .map((line) => (line === "" ? `${pad}//` : `${pad}// ${line}`));
}

function vendorPackage(vendor: Vendor, name: string): string {
  const [generated, instruction] = headerSentences();
  const sections = [
    // The line Go's tools recognise as generated code: ^// Code generated .* DO NOT EDIT\.$
    [`// Code ${generated.charAt(0).toLowerCase()}${generated.slice(1)} DO NOT EDIT.`, `// ${instruction.replace(/^Do not edit: c/, "C")}`].join("\n"),
    [
      ...comment(`Package ${name} holds the server states of ${vendor.id}: the values of the four state fields, how status is derived from vm_state and task_state, and Nova's list filter.`, 0),
      `package ${name}`,
    ].join("\n"),
    ["import (", '\t"strconv"', '\t"strings"', ")"].join("\n"),
    ...stateKinds.flatMap((kind) => kindSections(vendor, kind)),
    powerStateString(vendor),
    serverState(vendor),
    ...derivation(vendor),
    ...statusFilters(vendor),
  ];
  return `${sections.join("\n\n")}\n`;
}

function kindSections(vendor: Vendor, kind: StateKind): string[] {
  const type = kindTypeNames[kind];
  const values = vendor.states[kind];
  const base = kind === "power_state" ? "int" : "string";
  const summary =
    values.length === 0 ? `${type} is \`${kindFields[kind]}\`: ${vendor.id}'s documents list no values.` : `${type} is \`${kindFields[kind]}\`; the constants are the values documented for ${vendor.id}, in document order.`;
  const sections = [[...comment(summary, 0), `type ${type} ${base}`].join("\n")];
  const names = memberNames(values).map((member) => goConstantName(kind, member));
  if (values.length > 0) sections.push(["const (", ...constantLines(vendor, kind, names), ")"].join("\n"));
  const listName = { vm_state: "VmStates", task_state: "TaskStates", power_state: "PowerStates", status: "ServerStatuses" }[kind];
  sections.push([`// ${listName} returns every ${type} in document order.`, `func ${listName}() []${type} {`, `\treturn []${type}{${names.join(", ")}}`, "}"].join("\n"));
  return sections;
}

/**
 * The constant specs of a block, aligned as gofmt aligns them: a run of specs without a comment between them
 * shares one name column; a comment line ends the run.
 */
function constantLines(vendor: Vendor, kind: StateKind, names: string[]): string[] {
  const values = vendor.states[kind];
  const runs: { comment?: string; name: string; value: string }[][] = [];
  values.forEach((entry, index) => {
    const text = valueDocumentation(vendor.id, entry);
    const spec = { ...(text !== undefined && { comment: text }), name: names[index], value: typeof entry.value === "number" ? String(entry.value) : literal(entry.value) };
    if (text !== undefined || runs.length === 0) runs.push([spec]);
    else runs[runs.length - 1].push(spec);
  });
  return runs.flatMap((run) => {
    const column = Math.max(...run.map((spec) => spec.name.length));
    return run.flatMap((spec) => [...(spec.comment === undefined ? [] : comment(spec.comment, 1)), `\t${spec.name.padEnd(column)} ${kindTypeNames[kind]} = ${spec.value}`]);
  });
}

function powerStateString(vendor: Vendor): string {
  const values = vendor.states.power_state;
  const names = memberNames(values);
  const cases = values.flatMap((_, index) => [`\tcase ${goConstantName("power_state", names[index])}:`, `\t\treturn ${literal(names[index])}`]);
  return [
    "// String returns the power state's member name (as in the other artifacts), or PowerState(n) for a value",
    `// ${vendor.id} does not document.`,
    "func (p PowerState) String() string {",
    ...(cases.length === 0 ? [] : ["\tswitch p {", ...cases, "\t}"]),
    '\treturn "PowerState(" + strconv.Itoa(int(p)) + ")"',
    "}",
  ].join("\n");
}

function serverState(vendor: Vendor): string {
  const fields = [
    ["Status", "ServerStatus", kindFields.status],
    ["VmState", "VmState", `${kindFields.vm_state},omitempty`],
    ["TaskState", "*TaskState", kindFields.task_state],
    ["PowerState", "*PowerState", kindFields.power_state],
  ];
  const nameColumn = Math.max(...fields.map(([field]) => field.length));
  const typeColumn = Math.max(...fields.map(([, type]) => type.length));
  return [
    ...comment(
      `ServerState is the state fields of a server as ${vendor.id}'s API reports them (server.schema.json): ` +
        "status always, the others with the extended status attributes. VmState is empty when null or absent: " +
        "a null vm_state derives UnknownStatus, an absent one leaves no pair to derive, so decode into a map where " +
        "that difference matters. TaskState and PowerState are nil when null or absent (nil task state: no task).",
      0,
    ),
    "type ServerState struct {",
    ...fields.map(([field, type, tag]) => `\t${field.padEnd(nameColumn)} ${type.padEnd(typeColumn)} \`json:${literal(tag)}\``),
    "}",
  ].join("\n");
}

function derivation(vendor: Vendor): string[] {
  const ref = valueReferences(vendor, goConstantName);
  const rows = compactDerivation(vendor.derivation).flatMap((entry) => {
    const none = entry.exceptions.find((exception) => exception.task.kind === "none")?.answer ?? entry.default;
    const tasks = entry.exceptions.flatMap((exception) => (exception.task.kind === "task" ? [`\t\t{${ref("task_state", exception.task.taskState)}, ${ref("status", exception.answer.status)}},`] : []));
    const head = `\t{${ref("vm_state", entry.vmState)}, ${ref("status", entry.default.status)}, ${ref("status", none.status)}, `;
    return tasks.length === 0 ? [`${head}nil},`] : [`${head}[]taskStatus{`, ...tasks, "\t}},"];
  });
  const rule = vendor.uncovered.kind === "fallback" ? `what ${vendor.uncovered.vendor} derives` : `the status ${vendor.uncovered.status}`;
  return [
    [
      "// UnknownStatus is what StatusFromState returns for a vm_state outside the derivation table.",
      `const UnknownStatus = ${ref("status", vendor.derivation.unknownVmState.status)}`,
    ].join("\n"),
    ["type taskStatus struct {", "\ttask   TaskState", "\tstatus ServerStatus", "}"].join("\n"),
    `// vmStateStatuses is one vm_state of the derivation table: the status for other task states, no task, tasks.
type vmStateStatuses struct {
\tvmState VmState
\tother   ServerStatus
\tnoTask  ServerStatus
\ttasks   []taskStatus
}`,
    [
      ...comment(
        `derivationTable is the effective derivation of ${vendor.id}, as statespec resolved it from the documents: per vm_state, its own row for the task state, then its own any-task row, then ${rule}.`,
        0,
      ),
      ...literalLines("var derivationTable = []vmStateStatuses{", rows),
    ].join("\n"),
    `// StatusFromState returns the status the API reports for a vm_state and task_state (nil: no task, as a null
// or missing key is), or UnknownStatus for a vm_state outside the table (an empty one, as a null vm_state
// decodes, included). A response without the vm_state key has no pair to derive: hold its status to
// ServerStatuses only.
func StatusFromState(vmState VmState, taskState *TaskState) ServerStatus {
\tfor _, entry := range derivationTable {
\t\tif entry.vmState != vmState {
\t\t\tcontinue
\t\t}
\t\tif taskState == nil {
\t\t\treturn entry.noTask
\t\t}
\t\tfor _, task := range entry.tasks {
\t\t\tif task.task == *taskState {
\t\t\t\treturn task.status
\t\t\t}
\t\t}
\t\treturn entry.other
\t}
\treturn UnknownStatus
}`,
  ];
}

function statusFilters(vendor: Vendor): string[] {
  const ref = valueReferences(vendor, goConstantName);
  const folded = [...new Set(filterableStatuses(vendor).map(foldStatus))];
  const rows = folded.map((status) => {
    const filter = statesForStatus(vendor, status)!;
    const fields = [`VmStates: []VmState{${filter.vmStates.map((vmState) => ref("vm_state", vmState)).join(", ")}}`];
    if (filter.taskStates === null) fields.push("AnyTask: true");
    else {
      const tasks = filter.taskStates.filter((task): task is string => task !== null);
      if (tasks.length > 0) fields.push(`TaskStates: []TaskState{${tasks.map((task) => ref("task_state", task)).join(", ")}}`);
      if (filter.taskStates.includes(null)) fields.push("NoTask: true");
    }
    return `\t{${literal(status)}, StatusFilter{${fields.join(", ")}}},`;
  });
  return [
    `// StatusFilter is what a status selects in Nova's list filter: the vm_states, and either AnyTask (any task
// state matches) or the TaskStates that match, with NoTask when no task (a null task_state) matches too.
type StatusFilter struct {
\tVmStates   []VmState
\tAnyTask    bool
\tTaskStates []TaskState
\tNoTask     bool
}`,
    ["type statusFilterEntry struct {", "\tstatus string", "\tfilter StatusFilter", "}"].join("\n"),
    [
      "// statusFilters is Nova's list filter per status, keyed by the status in lower case; computed from",
      "// derivationTable.",
      ...literalLines("var statusFilters = []statusFilterEntry{", rows),
    ].join("\n"),
    `// StatesForStatus returns what GET /servers?status= filters on, by Nova's rules: the status is compared
// lower-cased as Python's str.lower() does; ok is false when it selects nothing (Nova rejects it).
func StatesForStatus(status string) (filter StatusFilter, ok bool) {
\tfolded := lowerLikePython(status)
\tfor _, entry := range statusFilters {
\t\tif entry.status == folded {
\t\t\tfilter = entry.filter
\t\t\t// Copies, so callers cannot change the table.
\t\t\tfilter.VmStates = append([]VmState(nil), filter.VmStates...)
\t\t\tfilter.TaskStates = append([]TaskState(nil), filter.TaskStates...)
\t\t\treturn filter, true
\t\t}
\t}
\treturn StatusFilter{}, false
}`,
    `// lowerLikePython lower-cases as Python's str.lower() does: strings.ToLower is the same mapping except that
// Python lowers U+0130 to i + U+0307 (its final sigma cannot make a status match: statuses are ASCII).
func lowerLikePython(text string) string {
\treturn strings.ToLower(strings.ReplaceAll(text, "\\u0130", "i\\u0307"))
}`,
  ];
}

/** A composite literal: its rows one per line, or `{}` when there are none (as gofmt prints an empty one). */
function literalLines(open: string, rows: string[]): string[] {
  return rows.length === 0 ? [`${open}}`] : [open, ...rows, "}"];
}
