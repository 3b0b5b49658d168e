// The lookups of a vendor's TypeScript module: the derivation table with statusFromState, and Nova's list filter
// with statesForStatus. Both are rendered from the resolved derivation (model/derive.ts), never derived here.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "./ts-morph.js";
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import type { Vendor } from "../model/model.js";
import { group, prefixed, unionLines } from "./layout.js";
import { kindTypeNames, memberNames } from "./names.js";
import { declaration, doc, literal, topDoc, valueReferences } from "./typescript-text.js";

export function derivationStatements(vendor: Vendor): (string | StatementStructures)[] {
  const statements: (string | StatementStructures)[] = [];
  const ref = valueReferences(vendor);
  const derivation = vendor.derivation;
  const compact = compactDerivation(derivation);
  const answers = [derivation.unknownVmState, ...compact.flatMap((entry) => [entry.default, ...entry.exceptions.map((exception) => exception.answer)])];
  const statuses = [...new Set(answers.map((answer) => answer.status))];
  const names = memberNames(vendor.states.status);
  const statusNames = statuses.map((status) => names[vendor.states.status.findIndex((entry) => entry.value === status)]);
  const union = unionLines(
    statusNames.map((name) => `typeof ServerStatus.${name}`),
    "export type DerivedStatus = ".length,
  );
  const unionText = union[0] === "" ? union.join("\n") : ` ${union[0]}`;
  statements.push(`${topDoc("Every status statusFromState can return: a subtype of ServerStatus.")}\nexport type DerivedStatus =${unionText};`);
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["What statusFromState returns for a vm_state outside the derivation table."],
    declarations: [{ name: "UNKNOWN_STATUS", type: "DerivedStatus", initializer: ref("status", derivation.unknownVmState.status) }],
  });
  statements.push({
    kind: StructureKind.Interface,
    name: "VmStateStatuses",
    isExported: true,
    docs: [
      doc(
        "One vm_state of the derivation table: the status for any task state not in `tasks`, and the task keys (null: no task) whose status differs.",
      ),
    ],
    properties: [
      { name: "other", type: "DerivedStatus", isReadonly: true },
      { name: "tasks", type: "ReadonlyMap<string | null, DerivedStatus>", isReadonly: true },
    ],
  });
  const rows = compact.map((entry) => {
    const tasks = entry.exceptions.map((exception) =>
      group("[", [exception.task.kind === "none" ? "null" : literal(exception.task.taskState), ref("status", exception.answer.status)], "]"),
    );
    const statuses = group("{", [`other: ${ref("status", entry.default.status)}`, group("tasks: new Map<string | null, DerivedStatus>([", tasks, "])")], "}");
    return group("[", [literal(entry.vmState), statuses], "]");
  });
  statements.push(
    declaration(
      `The effective derivation of ${vendor.id}, as statespec resolved it from the documents: per vm_state, its own row for the task state, then its own any-task row, then ${vendor.uncovered.kind === "fallback" ? `what ${vendor.uncovered.vendor} derives` : `the status ${vendor.uncovered.status}`}. statusFromState only looks pairs up here.`,
      "export const derivationTable: ReadonlyMap<string, VmStateStatuses> = ",
      group("new Map([", rows, "])"),
    ),
  );
  statements.push({
    kind: StructureKind.TypeAlias,
    name: "ReportedState",
    isExported: true,
    type: "string | null | undefined",
    docs: [doc("A state field as a response carries it: any string (a newer release may add values), null or absent.")],
  });
  statements.push({
    kind: StructureKind.Function,
    name: "statusFromState",
    isExported: true,
    docs: [
      doc(
        "The `status` the API reports for a vm_state and task_state: a lookup in derivationTable. " +
          "A null or missing task state is no task; a null vm_state is outside the table (UNKNOWN_STATUS, " +
          "as Nova answers it). A response without the vm_state key has no pair to derive: " +
          "hold its status to serverStatuses only.",
      ),
    ],
    parameters: [
      { name: "vmState", type: "ReportedState" },
      { name: "taskState", type: "ReportedState" },
    ],
    returnType: "DerivedStatus",
    statements: `const entry = vmState == null ? undefined : derivationTable.get(vmState);
if (entry === undefined) return UNKNOWN_STATUS;
return entry.tasks.get(taskState ?? null) ?? entry.other;`,
  });
  return statements;
}

export function statusFilterStatements(vendor: Vendor): (string | StatementStructures)[] {
  const statements: (string | StatementStructures)[] = [];
  const ref = valueReferences(vendor);
  statements.push({
    kind: StructureKind.Interface,
    name: "StatusFilter",
    isExported: true,
    docs: [doc("The vm_states and task_states a status selects; taskStates is null: any task state matches.")],
    properties: [
      { name: "vmStates", type: `${kindTypeNames.vm_state}[]` },
      { name: "taskStates", type: `(${kindTypeNames.task_state} | null)[] | null` },
    ],
  });
  const folded = [...new Set(filterableStatuses(vendor).map(foldStatus))];
  const rows = folded.map((status) => {
    const filter = statesForStatus(vendor, status)!;
    const tasks = filter.taskStates === null ? "null" : group("[", filter.taskStates.map((task) => ref("task_state", task)), "]");
    const vmStates = group("[", filter.vmStates.map((vmState) => ref("vm_state", vmState)), "]");
    return group("[", [literal(status), group("{", [prefixed("vmStates: ", vmStates), prefixed("taskStates: ", tasks)], "}")], "]");
  });
  statements.push(
    declaration(
      "Nova's list filter per status, keyed by the status in lower case; computed from derivationTable.",
      "const statusFilters: ReadonlyMap<string, StatusFilter> = ",
      group("new Map([", rows, "])"),
    ),
  );
  statements.push({
    kind: StructureKind.Function,
    name: "statesForStatus",
    isExported: true,
    docs: [
      doc(
        "What `GET /servers?status=` filters on, by Nova's rules: the status is compared lower-cased, as Python's str.lower() does (toLowerCase() is the same mapping); undefined when it selects nothing (Nova rejects it); taskStates is null when a vm_state's any-task answer matched.",
      ),
    ],
    parameters: [{ name: "status", type: "string" }],
    returnType: "StatusFilter | undefined",
    statements: `const filter = statusFilters.get(status.toLowerCase());
if (filter === undefined) return undefined;
return {
  vmStates: [...filter.vmStates],
  taskStates: filter.taskStates === null ? null : [...filter.taskStates],
};`,
  });
  return statements;
}

