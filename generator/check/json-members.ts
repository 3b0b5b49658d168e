// A record's own text, read again where the parsed value cannot say what the input said: JSON.parse keeps the last
// of two equal keys (another reader keeps the first) and turns 1e400 into Infinity and 9007199254740993 into ...992.
// Only records that need it are read (see shapes.ts); the text is valid JSON, the scanner checked it. A loop, not
// recursion, so nesting depth costs nothing.

export interface Member {
  key: string;
  /** Offset of the key's opening quote. */
  at: number;
  /** The value's text range. */
  from: number;
  to: number;
}

export function skipSpace(text: string, index: number): number {
  for (;;) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return index;
    index++;
  }
}

/** The index after the string whose opening quote is at `index`. */
function stringEnd(text: string, index: number): number {
  for (index++; ; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5c) index++;
    else if (code === 0x22) return index + 1;
  }
}

/** The index after the value that starts at `index`. */
function valueEnd(text: string, index: number): number {
  const first = text.charCodeAt(index);
  if (first === 0x22) return stringEnd(text, index);
  if (first !== 0x7b && first !== 0x5b) {
    while (index < text.length && /[\w.+-]/.test(text[index])) index++;
    return index;
  }
  let depth = 0;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      index = stringEnd(text, index);
      continue;
    }
    if (code === 0x7b || code === 0x5b) depth++;
    else if (code === 0x7d || code === 0x5d) depth--;
    index++;
    if (depth === 0) return index;
  }
}

/** The members of the object whose value starts at `start` (whitespace before it allowed), in input order. */
export function membersOf(text: string, start: number): Member[] {
  const members: Member[] = [];
  let index = skipSpace(text, start);
  if (text.charCodeAt(index) !== 0x7b) return members;
  index = skipSpace(text, index + 1);
  while (text.charCodeAt(index) === 0x22) {
    const keyEnd = stringEnd(text, index);
    const raw = text.slice(index + 1, keyEnd - 1);
    const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
    const from = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const to = valueEnd(text, from);
    members.push({ key, at: index, from, to });
    index = skipSpace(text, to);
    if (text.charCodeAt(index) === 0x2c) index = skipSpace(text, index + 1);
  }
  return members;
}

/** Line and column of `offset` in the text of a record that starts at `line`:`column`. */
export function positionIn(
  text: string,
  offset: number,
  line: number,
  column: number,
): { line: number; column: number } {
  let lineStart = -1;
  for (let at = text.indexOf("\n"); at >= 0 && at < offset; at = text.indexOf("\n", at + 1)) {
    line++;
    lineStart = at;
  }
  return lineStart < 0 ? { line, column: column + offset } : { line, column: offset - lineStart };
}
