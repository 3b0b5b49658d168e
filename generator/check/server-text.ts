// A server record's text, read again only where the parsed value cannot say what the input said (json-members.ts):
// a key written twice, a number JSON.parse lost digits of or read as an integer from a fraction.
import type { JsonRecord } from "./json-events.js";
import { membersOf, positionIn, skipSpace, type Member } from "./json-members.js";
import { hasOwn } from "./key-shapes.js";

/** A key check reads, written twice in one object: readers disagree on which counts. */
export interface DuplicateKey {
  code: "duplicate-key";
  problem: string;
  at: { line: number; column: number };
}

/** The server object's text, read again only for a record that needs it (a duplicate key, a number it lost). */
export class ServerText {
  private members?: Member[];
  /** Whether the text holds an escape, which may spell a key another way than the cheap searches look for. */
  private readonly escaped: boolean;
  constructor(
    readonly record: JsonRecord,
    private readonly wrapped: boolean,
  ) {
    this.escaped = record.text.indexOf("\\") >= 0;
  }

  all(): Member[] {
    if (this.members) return this.members;
    const text = this.record.text;
    // JSON.parse keeps the last `server` of a wrapper that has two; a duplicate wrapper key is reported anyway.
    const start = this.wrapped
      ? (membersOf(text, 0)
          .filter((member) => member.key === "server")
          .pop()?.from ?? 0)
      : 0;
    return (this.members = membersOf(text, start));
  }

  /** The text of the value JSON.parse kept for `key`: the last one. */
  written(key: string): string | undefined {
    const member = this.all()
      .filter((candidate) => candidate.key === key)
      .pop();
    return member && this.record.text.slice(member.from, member.to);
  }

  /** `key`'s number as written where JSON.parse read an integer from a fraction or an exponent (1.0, 1e0). */
  fraction(key: string): string | undefined {
    // Cheap first: each place the key is written as is, and the number after it (no escape, no other spelling).
    if (!this.escaped && !fractionAfterKey(this.record.text, key)) return undefined;
    const written = this.written(key);
    return written !== undefined && /[.eE]/.test(written) ? written : undefined;
  }

  /** The first key of `keys` the object holds twice, located at its second occurrence. */
  duplicate(object: Record<string, unknown>, keys: ReadKeys): DuplicateKey | undefined {
    const text = this.record.text;
    // Cheap first (one pass of a regular expression, no allocation): without an escape to spell a key another
    // way, keys written as often as the object holds them are not written twice. Only a record that fails this
    // (a duplicate, or the same name in a nested object) is read member by member.
    if (!this.escaped) {
      let held = 0;
      for (const key of keys.names) if (hasOwn(object, key)) held++;
      let written = 0;
      keys.pattern.lastIndex = 0;
      while (keys.pattern.test(text)) written++;
      if (written <= held) return undefined;
    }
    const members = this.all();
    for (const key of keys.names) {
      const found = members.filter((member) => member.key === key);
      if (found.length < 2) continue;
      const at = positionIn(text, found[1].at, this.record.line, this.record.column);
      return {
        code: "duplicate-key",
        problem:
          `the server object has the key ${JSON.stringify(key)} twice; ` +
          "JSON readers differ on which one counts (JSON.parse keeps the last), so the record is not checked",
        at,
      };
    }
    return undefined;
  }
}

/** Keys check reads, and a pattern that finds each of them written as is. */
export interface ReadKeys {
  names: readonly string[];
  pattern: RegExp;
}

export function readKeys(names: readonly string[]): ReadKeys {
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return { names, pattern: new RegExp(`"(?:${escaped.join("|")})"`, "g") };
}

/** Whether `"key":` is written somewhere in `text` before a number with a fraction or an exponent. A search for
 * the key and a look at the characters after it, run per record: no regular expression. */
const quotedKeys = new Map<string, string>();

function fractionAfterKey(text: string, key: string): boolean {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) quotedKeys.set(key, (quoted = `"${key}"`));
  for (let at = text.indexOf(quoted); at >= 0; at = text.indexOf(quoted, at + quoted.length)) {
    let index = skipSpace(text, at + quoted.length);
    if (text.charCodeAt(index) !== 0x3a) continue; // a string value, not a key
    index = skipSpace(text, index + 1);
    if (text.charCodeAt(index) === 0x2d) index++;
    let code = text.charCodeAt(index);
    while (code >= 0x30 && code <= 0x39) code = text.charCodeAt(++index);
    if (code === 0x2e || code === 0x65 || code === 0x45) return true;
  }
  return false;
}
