// The scanner's fast path (json-stream.ts): a record that is the rest of its line is parsed by V8 alone.
import type { ScanState } from "./json-state.js";
import { Expect, Role } from "./json-events.js";

/** Fast path for the common layout, one record per line (NDJSON, or one element per line of a list): when the
 * object starting at `index` is the rest of its line (before a list's comma), V8 parses it alone and the scanner
 * skips it. Anything else, a syntax error included, falls back to the scanner, which locates errors. Returns the
 * index after the record, or -1. */
export function fastRecord(s: ScanState, index: number): number {
  const chunk = s.chunk;
  const parent = s.stack[s.stack.length - 1];
  const inList = parent !== undefined && (parent.role === Role.TopArray || parent.role === Role.ServersArray);
  if (parent && !inList) return -1;
  if (s.nextNewline !== -1 && s.nextNewline < index) s.nextNewline = chunk.indexOf("\n", index);
  const newline = s.nextNewline;
  if (newline < 0) return -1;
  const trimEnd = (end: number) => {
    while (
      end > index &&
      (chunk.charCodeAt(end - 1) === 0x20 || chunk.charCodeAt(end - 1) === 0x09 || chunk.charCodeAt(end - 1) === 0x0d)
    )
      end--;
    return end;
  };
  let end = trimEnd(newline);
  if (inList && chunk.charCodeAt(end - 1) === 0x2c) end = trimEnd(end - 1);
  if (chunk.charCodeAt(end - 1) !== 0x7d) return -1;
  let value: unknown;
  const text = chunk.slice(index, end);
  try {
    value = JSON.parse(text);
  } catch {
    return -1;
  }
  // A top-level `{"servers": [...]}` on one line: its elements are the records, so scan it.
  if (!parent && Object.prototype.hasOwnProperty.call(value, "servers")) return -1;
  if (!parent) {
    s.topIndex++;
    s.sawValue = true;
  } else parent.expect = Expect.CommaOrEnd;
  s.events.push({
    kind: "record",
    value,
    text,
    place: !parent ? "top" : parent.role === Role.TopArray ? "array" : "servers",
    line: s.line,
    column: s.column(index),
    topIndex: s.topIndex,
  });
  return end;
}
