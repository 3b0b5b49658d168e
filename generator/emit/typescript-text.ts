// The TypeScript printer, shared by the module's parts (typescript.ts) and its lookups (typescript-lookups.ts):
// every statement is a ts-morph structure printed by ts-morph, laid out as prettier lays it out at the project's
// width of 100: a list or object on one line when it fits, else one member per line with a trailing comma.
//
// One exception, because of how ts-morph prints: it continues a multi-line initializer or type one indentation
// deeper than its statement (the structure printers wrap them in writer.hangingIndent), where prettier keeps a
// bracketed value at the statement's indentation. A declaration whose value spans lines is therefore a
// WriterFunction, ts-morph's own statement form, that writes the same declaration through ts-morph's
// CodeBlockWriter with its block indentation.
import { stateKinds, type StateKind, type Vendor } from "../model/model.js";
import { wrapText } from "./layout.js";
import { kindTypeNames, memberNames } from "./names.js";
import {
  printStructure,
  StructureKind,
  VariableDeclarationKind,
  type CodeBlockWriter,
  type StatementStructures,
  type WriterFunction,
} from "./ts-morph.js";

/** The widest line the emitter writes: the project's prettier width. */
export const lineWidth = 100;

export type Statement = StatementStructures | WriterFunction;

const printOptions = { indentNumberOfSpaces: 2, newLine: "\n" } as const;

/** A whole module: the header's comment lines, then the statements, a blank line between any two. */
export function printModule(header: string[], statements: Statement[]): string {
  const blankLine = (writer: CodeBlockWriter) => writer.blankLineIfLastNot();
  const separated = statements.map((statement): Statement =>
    typeof statement === "function"
      ? (writer) => statement(blankLine(writer))
      : { ...statement, leadingTrivia: blankLine },
  );
  const leadingTrivia = (writer: CodeBlockWriter) => header.forEach((line) => writer.writeLine(line));
  return printStructure({ kind: StructureKind.SourceFile, leadingTrivia, statements: separated }, printOptions);
}

/**
 * JSDoc text for a comment whose first line starts at `indent` spaces: wrapped so its ` * ` lines fit, and
 * starting with a newline where `/** text *\/` would not fit on one line (ts-morph then prints ` * ` lines).
 */
export function jsDoc(text: string, indent = 0): string {
  const wrapped = wrapText(text, lineWidth - indent - 3);
  return !wrapped.includes("\n") && indent + wrapped.length + 7 > lineWidth ? `\n${wrapped}` : wrapped;
}

/**
 * Writes a JSDoc comment as ts-morph's JSDoc printer prints the structures' docs (`/** text *\/`, else ` * ` lines),
 * straight to the writer: printing it as a structure of its own cost a printer and a writer per comment.
 */
function writeJsDoc(writer: CodeBlockWriter, text: string, indent: number): void {
  const lines = jsDoc(text, indent).split("\n");
  if (lines.length === 1) writer.writeLine(`/** ${lines[0]} */`);
  else {
    writer.writeLine("/**");
    for (const line of lines[0] === "" ? lines.slice(1) : lines) writer.writeLine(line === "" ? " *" : ` * ${line}`);
    writer.writeLine(" */");
  }
}

/** Part of an expression: text, or a bracketed list of members. */
export type Layout = string | Group;

export interface Group {
  /** Everything before the members, ending with the bracket: `[`, `key: {`, `new Map([`. */
  open: string;
  members: Layout[];
  close: string;
  /** JSDoc above each member; only in an object printed broken. */
  docs?: (string | undefined)[];
  /**
   * Broken even where it fits: an object prettier keeps as written, since its first key is on a line of its own.
   * Never for an array, which prettier joins whenever it fits.
   */
  broken?: boolean;
  /** The property's key before the bracket (`[VmState.X]: `), where `prefixed` put one: see writeLayout. */
  key?: string;
}

export function group(open: string, members: Layout[], close: string): Group {
  return { open, members, close };
}

/** `text` written before a layout: `key: [` ... */
export function prefixed(text: string, node: Layout): Layout {
  return typeof node === "string" ? text + node : { ...node, open: text + node.open, key: text };
}

/** A layout followed by `as const`. */
export function asConst(node: Layout): Layout {
  return typeof node === "string" ? `${node} as const` : { ...node, close: `${node.close} as const` };
}

function flat(node: Layout): string {
  if (typeof node === "string") return node;
  // An object literal on one line has spaces inside its braces: `{ a: 1 }`.
  const pad = node.open.endsWith("{") && node.members.length > 0 ? " " : "";
  return `${node.open}${pad}${node.members.map(flat).join(", ")}${pad}${node.close}`;
}

/** Whether prettier breaks a group whatever the width; a broken member breaks every group around it. */
function breaks(node: Layout): boolean {
  if (typeof node === "string") return false;
  if (node.broken === true || node.members.some(breaks)) return true;
  // Prettier's rule for arrays: two or more elements, all arrays (or all objects) of more than one member each.
  const nested = (bracket: string) =>
    node.members.every((member) => typeof member !== "string" && member.open === bracket && member.members.length > 1);
  return node.open.endsWith("[") && node.members.length > 1 && (nested("[") || nested("{"));
}

/** Writes `node` where `column` characters of a line indented by `indent` are written, `trail` more to follow. */
function writeLayout(writer: CodeBlockWriter, node: Layout, indent: number, column: number, trail: number): void {
  const oneLine = flat(node);
  if (
    typeof node === "string" ||
    node.members.length === 0 ||
    (!breaks(node) && column + oneLine.length + trail <= lineWidth)
  ) {
    writer.write(oneLine);
    return;
  }
  // A key so long that `key: {` does not fit (a value near the schema's 128 characters): prettier breaks after the
  // colon and lays the value out on the next line, one indentation deeper.
  if (node.key !== undefined && column + node.open.length > lineWidth) {
    const value = { ...node, open: node.open.slice(node.key.length), key: undefined };
    writer.write(node.key.trimEnd()).newLine();
    writer.withIndentationLevel(writer.getIndentationLevel() + 1, () =>
      writeLayout(writer, value, indent + 2, indent + 2, trail),
    );
    return;
  }
  writer.write(node.open).indent(() =>
    node.members.forEach((member, index) => {
      const doc = node.docs?.[index];
      if (doc !== undefined) writeJsDoc(writer, doc, indent + 2);
      writeLayout(writer, member, indent + 2, indent + 2, 1);
      writer.write(",").newLine();
    }),
  );
  writer.write(node.close);
}

export interface Declaration {
  docs: string;
  /** Default true. */
  isExported?: boolean;
  name: string;
  type?: string;
  value: Layout;
}

/** `const name: type = value;` with its JSDoc, as a structure where the value fits on the declaration's line. */
export function constDeclaration({ docs, isExported = true, name, type, value }: Declaration): Statement {
  const head = `${isExported ? "export " : ""}const ${name}${type === undefined ? "" : `: ${type}`} = `;
  if (!breaks(value) && head.length + flat(value).length + 1 <= lineWidth) {
    return {
      kind: StructureKind.VariableStatement,
      isExported,
      declarationKind: VariableDeclarationKind.Const,
      docs: [jsDoc(docs)],
      declarations: [{ name, type, initializer: flat(value) }],
    };
  }
  return (writer) => {
    writeJsDoc(writer, docs, 0);
    writer.write(head);
    writeLayout(writer, value, 0, head.length, 1);
    writer.write(";");
  };
}

/** `type name = A | B;` with its JSDoc; where it does not fit, prettier's layout: one `| member` per line. */
export function unionDeclaration(docs: string, name: string, members: string[]): Statement {
  const type = members.join(" | ");
  if (`export type ${name} = ${type};`.length <= lineWidth) {
    return { kind: StructureKind.TypeAlias, isExported: true, name, type, docs: [jsDoc(docs)] };
  }
  return (writer) => {
    writeJsDoc(writer, docs, 0);
    writer.write(`export type ${name} =`);
    writer.indent(() =>
      members.forEach((member, index) =>
        writer.write(`| ${member}${index === members.length - 1 ? ";" : ""}`).newLine(),
      ),
    );
  };
}

/** `return a && b;` where it fits at `indent`, else prettier's form: parenthesized, one operand per line. */
export function returnAll(operands: string[], indent: number): string | WriterFunction {
  const oneLine = `return ${operands.join(" && ")};`;
  if (indent + oneLine.length <= lineWidth) return oneLine;
  return (writer) => {
    writer
      .write("return (")
      .indent(() =>
        operands.forEach((operand, index) =>
          writer.writeLine(index === operands.length - 1 ? operand : `${operand} &&`),
        ),
      );
    writer.write(");");
  };
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON value as a TypeScript literal: keys unquoted where they are identifiers, as prettier leaves them. */
export function jsonLayout(value: unknown): Layout {
  if (Array.isArray(value)) return group("[", value.map(jsonLayout), "]");
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value).map(([key, member]) =>
      prefixed(`${identifier.test(key) ? key : literal(key)}: `, jsonLayout(member)),
    );
    return group("{", members, "}");
  }
  return literal(value as string | number | null);
}

export function literal(value: string | number | null): string {
  return JSON.stringify(value);
}

/** How generated code names a value: its member of the enum (or `as const` object), a literal for an empty set. */
export function valueReferences(vendor: Vendor): (kind: StateKind, value: string | number | null) => string {
  const byKind = new Map(
    stateKinds.map((kind) => {
      const names = memberNames(vendor.states[kind]);
      return [
        kind,
        new Map(vendor.states[kind].map((entry, index) => [entry.value, `${kindTypeNames[kind]}.${names[index]}`])),
      ] as const;
    }),
  );
  return (kind, value) => (value === null ? "null" : (byKind.get(kind)!.get(value) ?? literal(value)));
}
