// The lookups of a vendor's TypeScript module: the derivation table with statusFromState, and Nova's list filter
// with statesForStatus. Both are rendered from the resolved derivation (model/derive.ts), never derived here.
import { StructureKind } from "./ts-morph.js";
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import type { Vendor } from "../model/model.js";
import { kindTypeNames } from "./names.js";
import {
  constDeclaration,
  group,
  jsDoc,
  literal,
  prefixed,
  unionDeclaration,
  valueReferences,
  type Layout,
  type Statement,
} from "./typescript-text.js";

export function derivationStatements(vendor: Vendor, enumStyle: "enum" | "const"): Statement[] {
  const ref = valueReferences(vendor);
  const derivation = vendor.derivation;
  const compact = compactDerivation(derivation);
  const rows = compact.map((entry): Layout => {
    const fields: Layout[] = [`other: ${ref("status", entry.default.status)}`];
    const tasks: Layout[] = [];
    for (const { task, answer } of entry.exceptions) {
      if (task.kind === "none") fields.push(`noTask: ${ref("status", answer.status)}`);
      else tasks.push(`[${ref("task_state", task.taskState)}]: ${ref("status", answer.status)}`);
    }
    if (tasks.length > 0) fields.push(group("tasks: {", tasks, "}"));
    return prefixed(`[${ref("vm_state", entry.vmState)}]: `, group("{", fields, "}"));
  });
  // Exhaustive where the table is total, which it is over every documented vm_state: a missing one does not compile.
  const total = vendor.states.vm_state.length > 0;
  const rule =
    vendor.uncovered.kind === "fallback"
      ? `what ${vendor.uncovered.vendor} derives`
      : `the status ${vendor.uncovered.status}`;
  return [
    derivedStatus(vendor, enumStyle, ref),
    constDeclaration({
      docs: "What statusFromState returns for a vm_state outside the derivation table.",
      name: "UNKNOWN_STATUS",
      type: "DerivedStatus",
      value: ref("status", derivation.unknownVmState.status),
    }),
    {
      kind: StructureKind.Interface,
      name: "VmStateStatuses",
      isExported: true,
      docs: [
        jsDoc(
          "One vm_state of the derivation table: `other`, the status for a task state without an answer of its " +
            "own; `noTask` and `tasks`, the answers for no task and for the task states that have their own.",
        ),
      ],
      properties: [
        { name: "other", type: "DerivedStatus", isReadonly: true },
        { name: "noTask", type: "DerivedStatus", isReadonly: true, hasQuestionToken: true },
        {
          name: "tasks",
          type: tasksType(vendor),
          isReadonly: true,
          hasQuestionToken: true,
        },
      ],
    },
    constDeclaration({
      docs:
        `The effective derivation of ${vendor.id}, as statespec resolved it from the documents: per vm_state, ` +
        `its own row for the task state, then its own any-task row, then ${rule}. ` +
        "statusFromState only looks pairs up here.",
      name: "derivationTable",
      type: `{ readonly [K in ${kindTypeNames.vm_state}]${total ? "" : "?"}: VmStateStatuses }`,
      value: { ...group("{", rows, "}"), broken: true },
    }),
    {
      kind: StructureKind.TypeAlias,
      name: "ReportedState",
      isExported: true,
      type: "string | null | undefined",
      docs: [
        jsDoc("A state field as a response carries it: any string (a newer release may add values), null or absent."),
      ],
    },
    {
      kind: StructureKind.Function,
      name: "ownValue",
      typeParameters: ["T"],
      docs: [
        jsDoc(
          "`table[key]` where `key` is the table's own: a reported state may be named like an Object.prototype member.",
        ),
      ],
      parameters: [
        { name: "table", type: "Readonly<Record<string, T | undefined>>" },
        { name: "key", type: "string" },
      ],
      returnType: "T | undefined",
      statements: ["return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;"],
    },
    {
      kind: StructureKind.Function,
      name: "statusFromState",
      isExported: true,
      docs: [
        jsDoc(
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
      statements: [
        "const entry = vmState == null ? undefined : ownValue(derivationTable, vmState);",
        "if (entry === undefined) return UNKNOWN_STATUS;",
        "if (taskState == null) return entry.noTask ?? entry.other;",
        "return (entry.tasks && ownValue(entry.tasks, taskState)) ?? entry.other;",
      ],
    },
  ];
}

/**
 * DerivedStatus: ServerStatus itself where every status is derived (as for the shipped vendors), else the union of
 * the derived ones in document order. In const style a member's type is `typeof ServerStatus.X`.
 */
function derivedStatus(
  vendor: Vendor,
  enumStyle: "enum" | "const",
  ref: ReturnType<typeof valueReferences>,
): Statement {
  const compact = compactDerivation(vendor.derivation);
  const answers = [
    vendor.derivation.unknownVmState,
    ...compact.flatMap((entry) => [entry.default, ...entry.exceptions.map((exception) => exception.answer)]),
  ];
  const derived = new Set(answers.map((answer) => answer.status));
  const documented = vendor.states.status.map((entry) => entry.value as string);
  const docs = "Every status statusFromState can return: a subtype of ServerStatus.";
  if (documented.length > 0 && documented.every((status) => derived.has(status))) {
    return {
      kind: StructureKind.TypeAlias,
      name: "DerivedStatus",
      isExported: true,
      type: kindTypeNames.status,
      docs: [jsDoc(docs)],
    };
  }
  const ordered = [
    ...documented.filter((status) => derived.has(status)),
    ...[...derived].filter((status) => !documented.includes(status)),
  ];
  const types = ordered.map((status) => {
    const member = ref("status", status);
    return enumStyle === "const" && member !== literal(status) ? `typeof ${member}` : member;
  });
  return unionDeclaration(docs, "DerivedStatus", types);
}

export function statusFilterStatements(vendor: Vendor): Statement[] {
  const ref = valueReferences(vendor);
  const table = compactDerivation(vendor.derivation);
  const folded = [...new Set(filterableStatuses(table).map(foldStatus))];
  const rows = folded.map((status) => {
    const filter = statesForStatus(table, status)!;
    const tasks =
      filter.taskStates === null
        ? "null"
        : group(
            "[",
            filter.taskStates.map((task) => ref("task_state", task)),
            "]",
          );
    const vmStates = group(
      "[",
      filter.vmStates.map((vmState) => ref("vm_state", vmState)),
      "]",
    );
    return group(
      "[",
      [literal(status), group("{", [prefixed("vmStates: ", vmStates), prefixed("taskStates: ", tasks)], "}")],
      "]",
    );
  });
  return [
    {
      kind: StructureKind.Interface,
      name: "StatusFilter",
      isExported: true,
      docs: [jsDoc("The vm_states and task_states a status selects; taskStates is null: any task state matches.")],
      properties: [
        { name: "vmStates", type: `${kindTypeNames.vm_state}[]` },
        { name: "taskStates", type: `(${kindTypeNames.task_state} | null)[] | null` },
      ],
    },
    constDeclaration({
      docs: "Nova's list filter per status, keyed by the status in lower case; computed from derivationTable.",
      isExported: false,
      name: "statusFilters",
      type: "ReadonlyMap<string, StatusFilter>",
      value: group("new Map([", rows, "])"),
    }),
    {
      kind: StructureKind.Function,
      name: "statesForStatus",
      isExported: true,
      docs: [
        jsDoc(
          "What `GET /servers?status=` filters on, by Nova's rules: the status is compared lower-cased, as Python's " +
            "str.lower() does (toLowerCase() is the same mapping); undefined when it selects nothing (Nova rejects " +
            "it); taskStates is null when a vm_state's any-task answer matched.",
        ),
      ],
      parameters: [{ name: "status", type: "string" }],
      returnType: "StatusFilter | undefined",
      statements: [
        "const filter = statusFilters.get(status.toLowerCase());",
        "if (filter === undefined) return undefined;",
        (writer) =>
          writer
            .write("return ")
            .inlineBlock(() => {
              writer.writeLine("vmStates: [...filter.vmStates],");
              writer.writeLine("taskStates: filter.taskStates === null ? null : [...filter.taskStates],");
            })
            .write(";"),
      ],
    },
  ];
}

/**
 * The type of a vm_state's own task answers: keyed by the task state enum; but where a task state is named like a
 * member of Object.prototype (`constructor`), TypeScript checks an object literal's inherited member against that
 * key and rejects the table, so such a vendor's table is keyed by string.
 */
function tasksType(vendor: Vendor): string {
  const inherited = vendor.states.task_state.some((entry) => String(entry.value) in Object.prototype);
  return inherited
    ? "{ readonly [taskState: string]: DerivedStatus | undefined }"
    : `{ readonly [K in ${kindTypeNames.task_state}]?: DerivedStatus }`;
}
