// JSON as prettier lays it out at the project's width: a value on one line when it fits, one entry per line when
// it does not. JSON.stringify's one-entry-per-line form made server.schema.json four times as long as it reads.

const width = 100;

/**
 * `value` printed at `indent` spaces, `prefix` (a key) before it and `suffix` (a comma) after it on its line.
 * Prettier's rules, so that `prettier --check` accepts the text as it is: an object or array goes on one line when
 * the whole line fits; an array of two or more objects (or arrays) with two or more entries each always breaks.
 */
function print(value: unknown, indent: number, prefix: number, suffix: number): string {
  const flat = inline(value);
  if (typeof value !== "object" || value === null) return flat;
  const entries = Array.isArray(value) ? value : Object.entries(value);
  if (entries.length === 0) return flat;
  if (!forcedBreak(value) && indent + prefix + flat.length + suffix <= width) return flat;
  const inner = " ".repeat(indent + 2);
  const lines = entries.map((entry: unknown, index: number) => {
    const comma = index < entries.length - 1 ? 1 : 0;
    if (Array.isArray(value)) return `${inner}${print(entry, indent + 2, 0, comma)}`;
    const [key, item] = entry as [string, unknown];
    const head = `${JSON.stringify(key)}: `;
    return `${inner}${head}${print(item, indent + 2, head.length, comma)}`;
  });
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${lines.join(",\n")}\n${" ".repeat(indent)}${close}`;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

function forcedBreak(value: object): boolean {
  if (!Array.isArray(value) || value.length < 2) return false;
  const size = (item: unknown) => (typeof item === "object" && item !== null ? Object.keys(item).length : 0);
  const kind = (item: unknown) =>
    Array.isArray(item) ? "array" : typeof item === "object" && item !== null ? "object" : "other";
  return value.every((item) => kind(item) !== "other" && kind(item) === kind(value[0]) && size(item) > 1);
}

/** A JSON document: prettier's layout at width 100, LF, a final newline. */
export function jsonText(value: unknown): string {
  return `${print(value, 0, 0, 0)}\n`;
}
