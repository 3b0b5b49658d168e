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
import { statesForStatus } from "../derive.js";
import { ANY_TASK, stateKinds, type Model, type StateKind, type Vendor, type VendorValue } from "../model.js";
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

function derivationStatements(vendor: Vendor): StatementStructures[] {
  const statements: StatementStructures[] = [];
  const statuses = [...new Set([...vendor.derivation.map((row) => row.status), vendor.unknownStatus])];
  statements.push({
    kind: StructureKind.TypeAlias, name: "DerivedStatus", isExported: true, type: statuses.map(literal).join(" | "), docs: ["Every status statusFromState can return."] });
  statements.push({
    kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, docs: ["Task key of a row that applies to any task state the vm_state has no row for."], declarations: [{ name: "ANY_TASK_STATE", initializer: `${literal(ANY_TASK)} as const` }] });
  statements.push({
    kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, docs: ["What statusFromState returns for a vm_state no row names."], declarations: [{ name: "UNKNOWN_STATUS", type: "DerivedStatus", initializer: literal(vendor.unknownStatus) }] });
  statements.push({
    kind: StructureKind.Interface,
    name: "DerivationRow",
    isExported: true,
    docs: ["One row of the derivation table: `taskState` is a task state, null for no task, or ANY_TASK_STATE."],
    properties: [
      { name: "vmState", type: "string", isReadonly: true },
      { name: "taskState", type: "string | null", isReadonly: true },
      { name: "status", type: "DerivedStatus", isReadonly: true },
      { name: "origin", type: '"document" | "fallback"', isReadonly: true, docs: ["document: the vendor's own row; fallback: inherited from the vendor it falls back to."] },
    ],
  });
  const rows: WriterFunction = (writer) => {
    writer.write("[").newLine();
    {
      for (const row of vendor.derivation) {
        writer.writeLine(`  { vmState: ${literal(row.vmState)}, taskState: ${literal(row.taskState)}, status: ${literal(row.status)}, origin: ${literal(row.origin)} },`);
      }
    }
    writer.write("]");
  };
  statements.push({
    kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, docs: [`The derivation table of ${vendor.id}: its documents' rows, then what its fallback adds.`], declarations: [{ name: "derivationRows", type: "readonly DerivationRow[]", initializer: rows }] });
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [
      {
        name: "derivationTable",
        type: "ReadonlyMap<string, ReadonlyMap<string | null, DerivedStatus>>",
        initializer: `(() => {
  const table = new Map<string, Map<string | null, DerivedStatus>>();
  for (const row of derivationRows) {
    let byTask = table.get(row.vmState);
    if (byTask === undefined) table.set(row.vmState, (byTask = new Map()));
    if (!byTask.has(row.taskState)) byTask.set(row.taskState, row.status);
  }
  return table;
})()`,
      },
    ],
  });
  statements.push({
    kind: StructureKind.Function,
    name: "statusFromState",
    isExported: true,
    docs: [
      "The `status` the API reports for a vm_state and task_state, by Nova's rules: the vm_state is matched exactly; then the task state's own row (null, no task, is a key like any other); then the vm_state's any-task row; a vm_state without rows gives UNKNOWN_STATUS.",
    ],
    parameters: [
      { name: "vmState", type: "string | null | undefined" },
      { name: "taskState", type: "string | null | undefined" },
    ],
    returnType: "DerivedStatus",
    statements: `const byTask = vmState == null ? undefined : derivationTable.get(vmState);
if (byTask === undefined) return UNKNOWN_STATUS;
return byTask.get(taskState ?? null) ?? byTask.get(ANY_TASK_STATE) ?? UNKNOWN_STATUS;`,
  });
  return statements;
}

function statusFilterStatements(vendor: Vendor): StatementStructures[] {
  const statements: StatementStructures[] = [];
  statements.push({
    kind: StructureKind.Interface,
    name: "StatusFilter",
    isExported: true,
    docs: ["The vm_states and task_states a status selects; taskStates is null when any task state matches."],
    properties: [
      { name: "vmStates", type: "string[]" },
      { name: "taskStates", type: "(string | null)[] | null" },
    ],
  });
  const statuses = [...new Set(vendor.derivation.map((row) => row.status.toUpperCase()))];
  const filters: WriterFunction = (writer) => {
    writer.write("new Map([").newLine();
    {
      for (const status of statuses) {
        const filter = statesForStatus(vendor, status)!;
        writer.writeLine(`  [${literal(status)}, { vmStates: ${JSON.stringify(filter.vmStates)}, taskStates: ${JSON.stringify(filter.taskStates)} }],`);
      }
    }
    writer.write("])");
  };
  statements.push({
    kind: StructureKind.VariableStatement, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: "statusFilters", type: "ReadonlyMap<string, StatusFilter>", initializer: filters }] });
  statements.push({
    kind: StructureKind.Function,
    name: "statesForStatus",
    isExported: true,
    docs: [
      "What `GET /servers?status=` filters on, by Nova's rules: the status is compared case-insensitively; undefined when it selects nothing (Nova rejects it); taskStates is null when an any-task row matched.",
    ],
    parameters: [{ name: "status", type: "string" }],
    returnType: "StatusFilter | undefined",
    statements: `const filter = statusFilters.get(status.toUpperCase());
return filter === undefined ? undefined : { vmStates: [...filter.vmStates], taskStates: filter.taskStates === null ? null : [...filter.taskStates] };`,
  });
  return statements;
}
