// Text helpers of the TypeScript emitter: JSDoc wrapping, declarations printed as text, and how a value is named.
// Shared by the module's parts (typescript.ts) and its lookups (typescript-lookups.ts).
import { stateKinds, type StateKind, type Vendor } from "../model/model.js";
import { layoutLines, lineWidth, wrapText, type Layout } from "./layout.js";
import { kindTypeNames, memberNames } from "./names.js";

/** JSDoc text wrapped for a comment whose lines start at `indent` spaces (` * ` takes 3 more). */
export function doc(text: string, indent = 0): string {
  return wrapText(text, lineWidth - indent - 3);
}

/** A top-level JSDoc comment: one line when it fits, else ` * ` lines (blank lines kept as ` *`). */
export function topDoc(text: string): string {
  const wrapped = doc(text);
  if (!wrapped.includes("\n") && wrapped.length + 7 <= lineWidth) return `/** ${wrapped} */`;
  return ["/**", ...wrapped.split("\n").map((line) => (line === "" ? " *" : ` * ${line}`)), " */"].join("\n");
}

/**
 * A declaration as text with its JSDoc, `head` followed by a layout and `;`. Printed as text because ts-morph
 * adds a hanging indent to multi-line initializers of the structures it prints.
 */
export function declaration(docText: string, head: string, node: Layout, end = ";"): string {
  const lines = layoutLines(node, 0, head.length, end.length);
  return `${topDoc(docText)}\n${head}${lines.join("\n")}${end}`;
}

export function literal(value: string | number | null): string {
  return JSON.stringify(value);
}

/** How generated code names a value: the member of its enum (or `as const` object), or a literal where the set is empty. */
export function valueReferences(vendor: Vendor): (kind: StateKind, value: string | number | null) => string {
  const byKind = new Map(stateKinds.map((kind) => {
    const names = memberNames(vendor.states[kind]);
    return [kind, new Map(vendor.states[kind].map((entry, index) => [entry.value, `${kindTypeNames[kind]}.${names[index]}`]))] as const;
  }));
  return (kind, value) => (value === null ? "null" : (byKind.get(kind)!.get(value) ?? literal(value)));
}

