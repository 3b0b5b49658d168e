// TypeScript per vendor: enums (or `as const` objects), type guards, the derivation table and Nova's two lookups.
import {
  IndentationText,
  NewLineKind,
  Project,
  QuoteKind,
  StructureKind,
  VariableDeclarationKind,
  type StatementStructures,
  type WriterFunction,
} from "ts-morph";
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../derive.js";
import { stateKinds, type Model, type StateKind, type Vendor, type VendorValue } from "../model.js";
import { commentSafe, headerLine } from "./header.js";
import type { EmitOptions, GeneratedFile } from "./index.js";
import { kindFields, kindTypeNames, memberNames } from "./names.js";

const listNames: Record<StateKind, string> = { vm_state: "vmStates", task_state: "taskStates", power_state: "powerStates", status: "serverStatuses" };
const guardNames: Record<StateKind, string> = { vm_state: "isVmState", task_state: "isTaskState", power_state: "isPowerState", status: "isServerStatus" };

export function* emitTypeScript(model: Model, options: Pick<EmitOptions, "enumStyle">): Iterable<GeneratedFile> {
  for (const vendor of model.vendors) {
    // A project per vendor: ts-morph keeps per-project caches that would otherwise grow with every vendor.
    const project = new Project({
      useInMemoryFileSystem: true,
      manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, newLineKind: NewLineKind.LineFeed, useTrailingCommas: true },
    });
    // The whole module as one structure, printed once: adding declarations one by one reparses the file each time.
    const file = project.createSourceFile(`${vendor.id}.ts`, { statements: vendorModule(vendor, options.enumStyle) }, { overwrite: true });
    const contents = file.getFullText();
    yield { path: `${vendor.id}/index.ts`, contents };
  }
}

/** JSDoc text: the description, then each translation, made safe for a comment. */
function docText(entry: VendorValue): string | undefined {
  const parts = [entry.description ?? undefined, ...Object.entries(entry.translations).map(([locale, text]) => `${locale}: ${text}`)].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? undefined : parts.map((part) => commentSafe(part)).join("\n\n");
}

function literal(value: string | number | null): string {
  return JSON.stringify(value);
}

function vendorModule(vendor: Vendor, enumStyle: "enum" | "const"): (string | StatementStructures)[] {
  const statements: (string | StatementStructures)[] = [`// ${headerLine(vendor.specHash)}`];
  for (const kind of stateKinds) statements.push(...kindStatements(vendor, kind, enumStyle));
  statements.push(...derivationStatements(vendor), ...statusFilterStatements(vendor));
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["The vendor these types describe, its source documents, and how it derives pairs they do not cover."],
    declarations: [
      {
        name: "vendor",
        initializer: `${JSON.stringify(
          { id: vendor.id, documents: vendor.documents, uncovered: vendor.uncovered.kind === "fallback" ? { fallback: vendor.uncovered.vendor } : { status: vendor.uncovered.status } },
          null,
          2,
        )} as const`,
      },
    ],
  });
  return statements;
}

function kindStatements(vendor: Vendor, kind: StateKind, enumStyle: "enum" | "const"): StatementStructures[] {
  const statements: StatementStructures[] = [];
  const typeName = kindTypeNames[kind];
  const values = vendor.states[kind];
  const baseType = kind === "power_state" ? "number" : "string";
  const summary = `\`${kindFields[kind]}\` values documented for ${vendor.id}.`;
  if (values.length === 0) {
    // Nothing documented: any value of the base type is accepted, rather than an enum nobody can satisfy.
    statements.push({
    kind: StructureKind.TypeAlias, name: typeName, isExported: true, type: baseType, docs: [`\`${kindFields[kind]}\`: ${vendor.id}'s documents list no values, so any ${baseType} is accepted.`] });
  } else {
    const names = memberNames(values);
    if (enumStyle === "enum") {
      statements.push({
    kind: StructureKind.Enum,
        name: typeName,
        isExported: true,
        docs: [summary],
        members: values.map((entry, index) => ({ name: names[index], value: entry.value, docs: docText(entry) ? [docText(entry)!] : [] })),
      });
    } else {
      const objectLiteral: WriterFunction = (writer) => {
        writer.write("{").newLine();
        values.forEach((entry, index) => {
          const doc = docText(entry);
          if (doc) writer.writeLine(`  /** ${doc.replace(/\n\n/g, " ")} */`);
          writer.writeLine(`  ${names[index]}: ${literal(entry.value)},`);
        });
        writer.write("} as const");
      };
      statements.push({
    kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, docs: [summary], declarations: [{ name: typeName, initializer: objectLiteral }] });
      statements.push({
    kind: StructureKind.TypeAlias, name: typeName, isExported: true, type: `(typeof ${typeName})[keyof typeof ${typeName}]` });
    }
  }
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [`Every ${typeName} in document order.`],
    declarations: [{ name: listNames[kind], type: `readonly ${typeName}[]`, initializer: `[${memberNames(values).map((name) => `${typeName}.${name}`).join(", ")}]` }],
  });
  const guardBody =
    values.length === 0
      ? `return typeof value === ${literal(baseType)};`
      : `return typeof value === ${literal(baseType)} && (${listNames[kind]} as readonly ${baseType}[]).includes(value);`;
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

function derivationStatements(vendor: Vendor): StatementStructures[] {
  const statements: StatementStructures[] = [];
  const ref = valueReferences(vendor);
  const derivation = vendor.derivation;
  const compact = compactDerivation(derivation);
  const answers = [derivation.unknownVmState, ...compact.flatMap((entry) => [entry.default, ...entry.exceptions.map((exception) => exception.answer)])];
  const statuses = [...new Set(answers.map((answer) => answer.status))];
  const names = memberNames(vendor.states.status);
  const statusNames = statuses.map((status) => names[vendor.states.status.findIndex((entry) => entry.value === status)]);
  statements.push({
    kind: StructureKind.TypeAlias,
    name: "DerivedStatus",
    isExported: true,
    type: `(typeof ServerStatus)[${statusNames.map(literal).join(" | ")}]`,
    docs: ["Every status statusFromState can return: a subtype of ServerStatus."],
  });
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
    docs: ["One vm_state of the derivation table: the status for any task state not in `tasks`, and the task keys (null: no task) whose status differs."],
    properties: [
      { name: "other", type: "DerivedStatus", isReadonly: true },
      { name: "tasks", type: "ReadonlyMap<string | null, DerivedStatus>", isReadonly: true },
    ],
  });
  const table: WriterFunction = (writer) => {
    writer.write("new Map<string, VmStateStatuses>([").newLine();
    for (const entry of compact) {
      const tasks = entry.exceptions.map((exception) => `[${exception.task.kind === "none" ? "null" : literal(exception.task.taskState)}, ${ref("status", exception.answer.status)}]`);
      writer.writeLine(`  [${literal(entry.vmState)}, { other: ${ref("status", entry.default.status)}, tasks: new Map<string | null, DerivedStatus>([${tasks.join(", ")}]) }],`);
    }
    writer.write("])");
  };
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      `The effective derivation of ${vendor.id}, as statespec resolved it from the documents: per vm_state, its own row for the task state, then its own any-task row, then ${vendor.uncovered.kind === "fallback" ? `what ${vendor.uncovered.vendor} derives` : `the status ${vendor.uncovered.status}`}. statusFromState only looks pairs up here.`,
    ],
    declarations: [{ name: "derivationTable", type: "ReadonlyMap<string, VmStateStatuses>", initializer: table }],
  });
  statements.push({
    kind: StructureKind.Function,
    name: "statusFromState",
    isExported: true,
    docs: ["The `status` the API reports for a vm_state and task_state (a missing task state is no task): a lookup in derivationTable."],
    parameters: [
      { name: "vmState", type: "string | null | undefined" },
      { name: "taskState", type: "string | null | undefined" },
    ],
    returnType: "DerivedStatus",
    statements: `const entry = vmState == null ? undefined : derivationTable.get(vmState);
if (entry === undefined) return UNKNOWN_STATUS;
return entry.tasks.get(taskState ?? null) ?? entry.other;`,
  });
  return statements;
}

function statusFilterStatements(vendor: Vendor): StatementStructures[] {
  const statements: StatementStructures[] = [];
  const ref = valueReferences(vendor);
  statements.push({
    kind: StructureKind.Interface,
    name: "StatusFilter",
    isExported: true,
    docs: ["The vm_states and task_states a status selects; taskStates is null when any task state matches."],
    properties: [
      { name: "vmStates", type: `${kindTypeNames.vm_state}[]` },
      { name: "taskStates", type: `(${kindTypeNames.task_state} | null)[] | null` },
    ],
  });
  const folded = [...new Set(filterableStatuses(vendor).map(foldStatus))];
  const filters: WriterFunction = (writer) => {
    writer.write("new Map<string, StatusFilter>([").newLine();
    for (const status of folded) {
      const filter = statesForStatus(vendor, status)!;
      const tasks = filter.taskStates === null ? "null" : `[${filter.taskStates.map((task) => ref("task_state", task)).join(", ")}]`;
      writer.writeLine(`  [${literal(status)}, { vmStates: [${filter.vmStates.map((vmState) => ref("vm_state", vmState)).join(", ")}], taskStates: ${tasks} }],`);
    }
    writer.write("])");
  };
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["Nova's list filter per status, keyed by the status in lower case; computed from derivationTable."],
    declarations: [{ name: "statusFilters", type: "ReadonlyMap<string, StatusFilter>", initializer: filters }],
  });
  statements.push({
    kind: StructureKind.Function,
    name: "statesForStatus",
    isExported: true,
    docs: [
      "What `GET /servers?status=` filters on, by Nova's rules: the status is compared lower-cased, as Python's str.lower() does (toLowerCase() is the same mapping); undefined when it selects nothing (Nova rejects it); taskStates is null when a vm_state's any-task answer matched.",
    ],
    parameters: [{ name: "status", type: "string" }],
    returnType: "StatusFilter | undefined",
    statements: `const filter = statusFilters.get(status.toLowerCase());
return filter === undefined ? undefined : { vmStates: [...filter.vmStates], taskStates: filter.taskStates === null ? null : [...filter.taskStates] };`,
  });
  return statements;
}
