// The YAML parser hands out strings that V8 keeps as slices of the file's whole text: one short value left in
// the model keeps the entire file alive (at 1000 copies of the shipped spec, about 55 MB of source text nobody
// reads again). Each string of a parsed document is replaced by its own copy here; short ones (names, values,
// sections, file names: the strings a spec repeats) are also shared, one copy per run. Prose is copied, not
// shared, so the memory a large spec takes is not flattered by repetition of the bench's copied documents.

/** Strings up to this length are shared; V8 makes no slices shorter than 13 characters anyway. */
const sharedMaxLength = 64;

export type StringTable = Map<string, string>;

/** Replaces, in place, every string of `data` (plain values from the parser) by one that holds only its own text. */
export function compactStrings<T>(data: T, table: StringTable): T {
  return compact(data, table) as T;
}

function compact(value: unknown, table: StringTable): unknown {
  if (typeof value === "string") return ownString(value, table);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = compact(value[index], table);
    return value;
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = compact(record[key], table);
  }
  return value;
}

function ownString(text: string, table: StringTable): string {
  if (text.length > sharedMaxLength) return copyOf(text);
  const known = table.get(text);
  if (known !== undefined) return known;
  const own = copyOf(text);
  table.set(own, own);
  return own;
}

/**
 * A fresh flat string: decoding allocates a new one, whatever the input was a slice or a concatenation of.
 * UTF-16 keeps every code unit, a lone surrogate included; V8 stores the copy in one byte per character if it can.
 */
function copyOf(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf16le").toString("utf16le");
}
