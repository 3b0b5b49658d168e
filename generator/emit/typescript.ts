// TypeScript per vendor: enums (or `as const` objects), type guards, the derivation table and Nova's two lookups.
import { printStructure, StructureKind, type StatementStructures } from "./ts-morph.js";
import { stateKinds, type Model, type StateKind, type Vendor, type VendorValue } from "../model/model.js";
import { commentSafe, headerSentences, valueDescription } from "./header.js";
import type { EmitOptions, GeneratedFile } from "./contract.js";
import { group, jsonLayout, lineWidth, type Layout } from "./layout.js";
import { kindFields, kindTypeNames, memberNames } from "./names.js";
import { derivationStatements, statusFilterStatements } from "./typescript-lookups.js";
import { declaration, doc, literal, topDoc } from "./typescript-text.js";

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
      // Nullable as in Nova's response schema (README, "Missing data: one rule").
      { name: JSON.stringify(kindFields.vm_state), type: `${kindTypeNames.vm_state} | null`, hasQuestionToken: true, isReadonly: true },
      { name: JSON.stringify(kindFields.task_state), type: `${kindTypeNames.task_state} | null`, hasQuestionToken: true, isReadonly: true },
      { name: JSON.stringify(kindFields.power_state), type: `${kindTypeNames.power_state} | null`, hasQuestionToken: true, isReadonly: true },
    ],
  };
}
