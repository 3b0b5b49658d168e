// Line layout for generated code: a group prints on one line when it fits, else one member per line with a
// trailing comma, the way a formatter would, so generated modules read like hand-written ones.

/** The widest line the TypeScript emitter aims for. */
export const lineWidth = 100;

/** A piece of code: plain text, or a bracketed list whose members may go one per line. */
export type Layout = string | { open: string; members: Layout[]; close: string };

export function group(open: string, members: Layout[], close: string): Layout {
  return { open, members, close };
}

function flat(node: Layout): string {
  if (typeof node === "string") return node;
  // An object literal on one line has spaces inside its braces: `{ a: 1 }`.
  const pad = node.open.endsWith("{") && node.members.length > 0 ? " " : "";
  return `${node.open}${pad}${node.members.map(flat).join(", ")}${pad}${node.close}`;
}

/**
 * The lines of `node` printed at `indent` spaces, the first line after `lead` characters already on it and the
 * last followed by `trail` characters (such as `;`).
 */
export function layoutLines(node: Layout, indent: number, lead = 0, trail = 0): string[] {
  const oneLine = flat(node);
  if (typeof node === "string" || node.members.length === 0 || indent + lead + oneLine.length + trail <= lineWidth) return [oneLine];
  const inner = " ".repeat(indent + 2);
  const lines = [node.open];
  for (const member of node.members) {
    const memberLines = layoutLines(member, indent + 2, 0, 1);
    memberLines[memberLines.length - 1] += ",";
    lines.push(...memberLines.map((line, index) => (index === 0 ? inner + line : line)));
  }
  lines.push(" ".repeat(indent) + node.close);
  return lines;
}

/** The lines of a union type, one `| member` per line when it does not fit after `lead` characters. */
export function unionLines(members: string[], lead: number): string[] {
  const oneLine = members.join(" | ");
  if (lead + oneLine.length + 1 <= lineWidth) return [oneLine];
  return ["", ...members.map((member) => `  | ${member}`)];
}

/** Prose wrapped into lines of at most `width` characters (a longer word keeps its own line). */
export function wrapText(text: string, width: number): string {
  return text
    .split("\n")
    .map((paragraph) => {
      const lines: string[] = [];
      let line = "";
      for (const word of paragraph.split(" ")) {
        if (line !== "" && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line === "" ? word : `${line} ${word}`;
      }
      lines.push(line);
      return lines.join("\n");
    })
    .join("\n");
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON value as a TypeScript literal layout: keys unquoted where they are identifiers. */
export function jsonLayout(value: unknown): Layout {
  if (Array.isArray(value)) return group("[", value.map(jsonLayout), "]");
  if (value !== null && typeof value === "object") {
    return group(
      "{",
      Object.entries(value).map(([key, member]) => prefixed(`${identifier.test(key) ? key : JSON.stringify(key)}: `, jsonLayout(member))),
      "}",
    );
  }
  return JSON.stringify(value);
}

/** `text` written before a layout: `key: [` ... */
export function prefixed(text: string, node: Layout): Layout {
  return typeof node === "string" ? text + node : { ...node, open: text + node.open };
}
