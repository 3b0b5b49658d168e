// TypeScript per vendor: enums (or `as const` objects), type guards, the derivation table and Nova's two lookups.
import { StructureKind } from "./ts-morph.js";
import { stateKinds, type Model, type StateKind, type Vendor, type VendorValue } from "../model/model.js";
import { commentSafe, headerSentences, valueDescription } from "./header.js";
import type { EmitOptions, GeneratedFile } from "./contract.js";
import { kindFields, kindTypeNames, memberNames } from "./names.js";
import { derivationStatements, statusFilterStatements } from "./typescript-lookups.js";
import {
  asConst,
  constDeclaration,
  group,
  jsDoc,
  jsonLayout,
  literal,
  printModule,
  returnAll,
  type Statement,
} from "./typescript-text.js";

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
    // The whole module as structures, printed by ts-morph's structure printer: no project, no syntax tree.
    // Parsing the text back into a source file (what a project does) made most of a large spec's garbage, and
    // the garbage, not the model, set peak memory.
    const header = headerSentences().map((sentence) => `// ${sentence}`);
    yield { path: `${vendor.id}/index.ts`, contents: printModule(header, vendorModule(vendor, options.enumStyle)) };
  }
}

/** JSDoc text: the description (or where an inherited value comes from), then each translation, safe for a comment. */
function docText(vendorId: string, entry: VendorValue): string | undefined {
  const translations = Object.entries(entry.translations).map(([locale, text]) => `${locale}: ${text}`);
  const parts = [valueDescription(vendorId, entry), ...translations].filter(
    (part): part is string => part !== undefined,
  );
  return parts.length === 0 ? undefined : parts.map(commentSafe).join("\n\n");
}

function vendorModule(vendor: Vendor, enumStyle: "enum" | "const"): Statement[] {
  const statements: Statement[] = [];
  for (const kind of stateKinds) statements.push(...kindStatements(vendor, kind, enumStyle));
  statements.push(
    serverStateInterface(vendor),
    ...derivationStatements(vendor, enumStyle),
    ...statusFilterStatements(vendor),
  );
  const uncovered =
    vendor.uncovered.kind === "fallback" ? { fallback: vendor.uncovered.vendor } : { status: vendor.uncovered.status };
  statements.push(
    constDeclaration({
      docs: "The vendor these types describe, its source documents, and how it derives pairs they do not cover.",
      name: "vendor",
      value: asConst(jsonLayout({ id: vendor.id, documents: vendor.documents, uncovered })),
    }),
  );
  return statements;
}

function kindStatements(vendor: Vendor, kind: StateKind, enumStyle: "enum" | "const"): Statement[] {
  const statements: Statement[] = [];
  const typeName = kindTypeNames[kind];
  const values = vendor.states[kind];
  const names = memberNames(values);
  const baseType = kind === "power_state" ? "number" : "string";
  const summary = `\`${kindFields[kind]}\` values documented for ${vendor.id}.`;
  if (values.length === 0) {
    // Nothing documented: any value of the base type is accepted, rather than an enum nobody can satisfy.
    statements.push({
      kind: StructureKind.TypeAlias,
      name: typeName,
      isExported: true,
      type: baseType,
      docs: [
        jsDoc(`\`${kindFields[kind]}\`: ${vendor.id}'s documents list no values, so any ${baseType} is accepted.`),
      ],
    });
  } else if (enumStyle === "enum") {
    const members = values.map((entry, index) => {
      const text = docText(vendor.id, entry);
      // Every member ends with its comma, the last one too, as prettier writes them; ts-morph adds none then.
      return {
        name: names[index],
        ...enumValue(entry.value),
        docs: text === undefined ? [] : [jsDoc(text, 2)],
        trailingTrivia: ",",
      };
    });
    statements.push({ kind: StructureKind.Enum, name: typeName, isExported: true, docs: [jsDoc(summary)], members });
  } else {
    const members = values.map((entry, index) => `${names[index]}: ${literal(entry.value)}`);
    const docs = values.map((entry) => docText(vendor.id, entry));
    // Always broken, as an enum is: prettier keeps an object whose first key is on a line of its own.
    statements.push(
      constDeclaration({
        docs: summary,
        name: typeName,
        value: asConst({ ...group("{", members, "}"), docs, broken: true }),
      }),
    );
    statements.push({
      kind: StructureKind.TypeAlias,
      name: typeName,
      isExported: true,
      type: `(typeof ${typeName})[keyof typeof ${typeName}]`,
    });
  }
  statements.push(
    constDeclaration({
      docs: `Every ${typeName} in document order.`,
      name: listNames[kind],
      type: `readonly ${typeName}[]`,
      value: group(
        "[",
        names.map((name) => `${typeName}.${name}`),
        "]",
      ),
    }),
  );
  const isBaseType = `typeof value === ${literal(baseType)}`;
  statements.push({
    kind: StructureKind.Function,
    name: guardNames[kind],
    isExported: true,
    docs: [jsDoc(`True when \`value\` is a ${typeName} documented for ${vendor.id}.`)],
    parameters: [{ name: "value", type: "unknown" }],
    returnType: `value is ${typeName}`,
    statements: [
      values.length === 0
        ? `return ${isBaseType};`
        : returnAll([isBaseType, `(${listNames[kind]} as readonly ${baseType}[]).includes(value)`], 2),
    ],
  });
  return statements;
}

/**
 * An enum member's value as ts-morph takes it: the value itself where ts-morph's quoting writes the same literal
 * as JSON (it does so without the scratch writer an initializer costs), else the JSON literal as initializer.
 */
function enumValue(value: string | number): { value: string | number } | { initializer: string } {
  return typeof value === "number" || literal(value) === `"${value}"` ? { value } : { initializer: literal(value) };
}

/** The state fields of a server in an API response, as the vendor's server.schema.json describes them. */
function serverStateInterface(vendor: Vendor): Statement {
  // Nullable as in Nova's response schema (README, "Missing data: one rule").
  const extended = (["vm_state", "task_state", "power_state"] as const).map((kind) => ({
    name: literal(kindFields[kind]),
    type: `${kindTypeNames[kind]} | null`,
    hasQuestionToken: true,
    isReadonly: true,
  }));
  return {
    kind: StructureKind.Interface,
    name: "ServerState",
    isExported: true,
    docs: [
      jsDoc(
        `The state fields of a server as ${vendor.id}'s API reports them (server.schema.json): status always, ` +
          "the others with the extended status attributes.",
      ),
    ],
    properties: [{ name: "status", type: kindTypeNames.status, isReadonly: true }, ...extended],
  };
}
