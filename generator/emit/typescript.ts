// TypeScript per vendor: enums (or `as const` objects), type guards, the derivation table and Nova's two lookups.
import { printStructure, StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import { stateKinds, type Model, type StateKind, type Vendor, type VendorValue } from "../model/model.js";
import { commentSafe, headerSentences, valueDescription } from "./header.js";
import type { EmitOptions, GeneratedFile } from "./contract.js";
import { group, jsonLayout, layoutLines, lineWidth, prefixed, unionLines, wrapText, type Layout } from "./layout.js";
import { kindFields, kindTypeNames, memberNames } from "./names.js";

const listNames: Record<StateKind, string> = {
  vm_state: "vmStates",
  task_state: "taskStates",
  power_state: "powerStates",
  status: "serverStatuses",
};
const guardNames: Record<StateKind, string> = {
  vm_state: "isVmState",
  task_state: "isTaskState",
  power_state: "isPowerState",
  status: "isServerStatus",
};

/** JSDoc text wrapped for a comment whose lines start at `indent` spaces (` * ` takes 3 more). */
function doc(text: string, indent = 0): string {
  return wrapText(text, lineWidth - indent - 3);
}

/** A top-level JSDoc comment: one line when it fits, else ` * ` lines (blank lines kept as ` *`). */
function topDoc(text: string): string {
  const wrapped = doc(text);
  if (!wrapped.includes("\n") && wrapped.length + 7 <= lineWidth) return `/** ${wrapped} */`;
  return ["/**", ...wrapped.split("\n").map((line) => (line === "" ? " *" : ` * ${line}`)), " */"].join("\n");
}

/**
 * A declaration as text with its JSDoc, `head` followed by a layout and `;`. Printed as text because ts-morph
 * adds a hanging indent to multi-line initializers of the structures it prints.
 */
function declaration(docText: string, head: string, node: Layout, end = ";"): string {
  const lines = layoutLines(node, 0, head.length, end.length);
  return `${topDoc(docText)}\n${head}${lines.join("\n")}${end}`;
}

export function* emitTypeScript(model: Model, options: Pick<EmitOptions, "enumStyle">): Iterable<GeneratedFile> {
  for (const vendor of model.vendors) {
    // The whole module as one structure, printed by ts-morph's structure printer: no project, no syntax tree.
    // Parsing the text back into a source file (what a project does) made most of a large spec's garbage, and
    // the garbage, not the model, set peak memory.
    const printed = printStructure({ kind: StructureKind.SourceFile, statements: vendorModule(vendor, options.enumStyle) }, { indentNumberOfSpaces: 2, newLine: "\n" });
    // Declarations printed as text follow the previous one without the blank line ts-morph puts between structures.
    const contents = printed.replace(/([;}.])\n(?=\/\*\*|export |const )/g, "$1\n\n");
    yield { path: `${vendor.id}/index.ts`, contents };
  }
}

/** JSDoc text: the description (or where an inherited value comes from), then each translation, safe for a comment. */
function docText(vendorId: string, entry: VendorValue): string | undefined {
  const parts = [valueDescription(vendorId, entry), ...Object.entries(entry.translations).map(([locale, text]) => `${locale}: ${text}`)].filter(
    (part): part is string => part !== undefined,
  );
  return parts.length === 0 ? undefined : parts.map((part) => doc(commentSafe(part), 2)).join("\n\n");
}

function literal(value: string | number | null): string {
  return JSON.stringify(value);
}

function vendorModule(vendor: Vendor, enumStyle: "enum" | "const"): (string | StatementStructures)[] {
  const statements: (string | StatementStructures)[] = [headerSentences().map((sentence) => `// ${sentence}\n`).join("")];
  for (const kind of stateKinds) statements.push(...kindStatements(vendor, kind, enumStyle));
  statements.push(serverStateInterface(vendor), ...derivationStatements(vendor), ...statusFilterStatements(vendor));
  statements.push(
    declaration(
      "The vendor these types describe, its source documents, and how it derives pairs they do not cover.",
      "export const vendor = ",
      asConst(
        jsonLayout({
          id: vendor.id,
          documents: vendor.documents,
          uncovered: vendor.uncovered.kind === "fallback" ? { fallback: vendor.uncovered.vendor } : { status: vendor.uncovered.status },
        }),
      ),
    ),
  );
  return statements;
}

function kindStatements(vendor: Vendor, kind: StateKind, enumStyle: "enum" | "const"): (string | StatementStructures)[] {
  const statements: (string | StatementStructures)[] = [];
  const typeName = kindTypeNames[kind];
  const values = vendor.states[kind];
  const baseType = kind === "power_state" ? "number" : "string";
  const summary = `\`${kindFields[kind]}\` values documented for ${vendor.id}.`;
  if (values.length === 0) {
    // Nothing documented: any value of the base type is accepted, rather than an enum nobody can satisfy.
    statements.push({
      kind: StructureKind.TypeAlias,
      name: typeName,
      isExported: true,
      type: baseType,
      docs: [doc(`\`${kindFields[kind]}\`: ${vendor.id}'s documents list no values, so any ${baseType} is accepted.`)],
    });
  } else {
    const names = memberNames(values);
    if (enumStyle === "enum") {
      const members = values.flatMap((entry, index) => {
        const text = docText(vendor.id, entry);
        return [...(text === undefined ? [] : [docComment(text)]), `  ${names[index]} = ${literal(entry.value)},`];
      });
      statements.push(`${topDoc(summary)}\nexport enum ${typeName} {\n${members.join("\n")}\n}`);
    } else {
      const members = values.flatMap((entry, index) => {
        const text = docText(vendor.id, entry);
        return [...(text === undefined ? [] : [docComment(text)]), `  ${names[index]}: ${literal(entry.value)},`];
      });
      statements.push(`${topDoc(summary)}\nexport const ${typeName} = {\n${members.join("\n")}\n} as const;`);
      statements.push({
        kind: StructureKind.TypeAlias,
        name: typeName,
        isExported: true,
        type: `(typeof ${typeName})[keyof typeof ${typeName}]`,
      });
    }
  }
  statements.push(
    declaration(
      `Every ${typeName} in document order.`,
      `export const ${listNames[kind]}: readonly ${typeName}[] = `,
      group("[", memberNames(values).map((name) => `${typeName}.${name}`), "]"),
    ),
  );
  const guardBody =
    values.length === 0
      ? `return typeof value === ${literal(baseType)};`
      : `return (\n  typeof value === ${literal(baseType)} &&\n  (${listNames[kind]} as readonly ${baseType}[]).includes(value)\n);`;
  statements.push({
    kind: StructureKind.Function,
    name: guardNames[kind],
    isExported: true,
    docs: [`True when \`value\` is a ${typeName} documented for ${vendor.id}.`],
    parameters: [{ name: "value", type: "unknown" }],
    returnType: `value is ${typeName}`,
    statements: guardBody,
  });
  return statements;
}

/** How generated code names a value: the member of its enum (or `as const` object), or a literal where the set is empty. */
function valueReferences(vendor: Vendor): (kind: StateKind, value: string | number | null) => string {
  const byKind = new Map(stateKinds.map((kind) => {
    const names = memberNames(vendor.states[kind]);
    return [kind, new Map(vendor.states[kind].map((entry, index) => [entry.value, `${kindTypeNames[kind]}.${names[index]}`]))] as const;
  }));
  return (kind, value) => (value === null ? "null" : (byKind.get(kind)!.get(value) ?? literal(value)));
}

function derivationStatements(vendor: Vendor): (string | StatementStructures)[] {
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
      doc("The `status` the API reports for a vm_state and task_state (a missing task state is no task): a lookup in derivationTable."),
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

function statusFilterStatements(vendor: Vendor): (string | StatementStructures)[] {
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

/** A layout followed by `as const`. */
function asConst(node: Layout): Layout {
  return typeof node === "string" ? `${node} as const` : { ...node, close: `${node.close} as const` };
}

/** A JSDoc comment at 2 spaces: one line when it fits, else ` * ` lines (blank lines kept as ` *`). */
function docComment(text: string): string {
  const oneLine = `  /** ${text} */`;
  if (!text.includes("\n") && oneLine.length <= lineWidth) return oneLine;
  const body = text.split("\n").map((line) => (line === "" ? "   *" : `   * ${line}`));
  return ["  /**", ...body, "   */"].join("\n");
}

/** The state fields of a server in an API response, as the vendor's server.schema.json describes them. */
function serverStateInterface(vendor: Vendor): StatementStructures {
  return {
    kind: StructureKind.Interface,
    name: "ServerState",
    isExported: true,
    docs: [doc(`The state fields of a server as ${vendor.id}'s API reports them (server.schema.json): status always, the others with the extended status attributes.`)],
    properties: [
      { name: "status", type: kindTypeNames.status, isReadonly: true },
      { name: JSON.stringify(kindFields.vm_state), type: kindTypeNames.vm_state, hasQuestionToken: true, isReadonly: true },
      { name: JSON.stringify(kindFields.task_state), type: `${kindTypeNames.task_state} | null`, hasQuestionToken: true, isReadonly: true },
      { name: JSON.stringify(kindFields.power_state), type: `${kindTypeNames.power_state} | null`, hasQuestionToken: true, isReadonly: true },
    ],
  };
}
