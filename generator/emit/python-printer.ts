// The Python printer: statements, bracketed lists and docstrings laid out as black (23.1, 88 columns) lays them
// out, so `black --check` finds nothing to change. It follows black's rules only as far as the Python emitter needs
// them: a statement that fits stays on one line; one that does not is split at its last bracket pair, where a
// display (a list, dict or tuple literal) puts each member on a line of its own with a trailing comma, and a call,
// subscript or parameter list keeps its members together on one line when they fit there.
import { escapeForbidden } from "../common/text-safety.js";
import { wrapText } from "./layout.js";

export const pythonWidth = 88;

/** A statement or an expression: plain text, or text around one bracket pair whose members may break. */
export type PyCode = string | PyBrackets | PyAssignment;

export interface PyBrackets {
  kind: "brackets";
  head: string;
  open: string;
  members: PyCode[];
  close: string;
  tail: string;
  /** A list, dict or tuple literal (black explodes it when it splits it), rather than a call or subscript. */
  display: boolean;
  /** `(x,)`: a one-member tuple keeps its comma. */
  tuple: boolean;
  /** Written one member per line with a trailing comma even when it fits: black keeps such a list as it is. */
  exploded: boolean;
}

/** `target = value` where the value has no brackets of its own: black wraps a long one in parentheses. */
export interface PyAssignment {
  kind: "assignment";
  target: string;
  value: string;
  /** A dotted name, which black parenthesizes even when it still does not fit; a string it only when it then fits. */
  dotted: boolean;
}

/** A list, dict or set literal after `head`; `exploded` keeps one member per line (a table reads better so). */
export function display(head: string, open: string, members: PyCode[], close: string, exploded = false): PyBrackets {
  return { kind: "brackets", head, open, members, close, tail: "", display: true, tuple: false, exploded };
}

/** A tuple literal: `(a, b)`, `(a,)`. */
export function tuple(members: PyCode[]): PyBrackets {
  return { ...display("", "(", members, ")"), tuple: members.length === 1 };
}

/** A call, subscript or parameter list: `head(members)tail`. */
export function call(
  head: string,
  open: string,
  members: PyCode[],
  close: string,
  tail = "",
  exploded = false,
): PyBrackets {
  return { kind: "brackets", head, open, members, close, tail, display: false, tuple: false, exploded };
}

export function assignment(target: string, value: string, dotted: boolean): PyAssignment {
  return { kind: "assignment", target, value, dotted };
}

/** `code` with `text` before it: a dict key, say. */
export function prefixed(text: string, code: PyCode): PyCode {
  if (typeof code === "string") return text + code;
  return code.kind === "brackets" ? { ...code, head: text + code.head } : { ...code, target: text + code.target };
}

function suffixed(code: PyCode, text: string): PyCode {
  if (typeof code === "string") return code + text;
  return code.kind === "brackets" ? { ...code, tail: code.tail + text } : { ...code, value: code.value + text };
}

function flat(code: PyCode): string {
  if (typeof code === "string") return code;
  if (code.kind === "assignment") return `${code.target} = ${code.value}`;
  return `${code.head}${code.open}${inner(code)}${code.close}${code.tail}`;
}

function inner(code: PyBrackets): string {
  return code.members.map(flat).join(", ") + (code.tuple ? "," : "");
}

/** The lines of `code` at `indent` spaces. */
export function pyLines(code: PyCode, indent = 0): string[] {
  const pad = " ".repeat(indent);
  const oneLine = flat(code);
  if (typeof code === "string") return [pad + code];
  const fits = indent + oneLine.length <= pythonWidth;
  if (code.kind === "assignment") {
    // Black's invisible parentheses around the value: used when the line is too long and the value alone fits
    // inside them, or is a dotted name (which black counts as splittable).
    const wrapped = indent + 4 + code.value.length <= pythonWidth || code.dotted;
    if (fits || !wrapped) return [pad + oneLine];
    return [`${pad}${code.target} = (`, `${pad}    ${code.value}`, `${pad})`];
  }
  if (code.members.length === 0 || (fits && !code.exploded)) return [pad + oneLine];
  const first = `${pad}${code.head}${code.open}`;
  const last = `${pad}${code.close}${code.tail}`;
  const body = inner(code);
  // A call's members stay on one line when they fit there; a display with more than one member never does.
  const together = !code.exploded && (!code.display || code.members.length === 1);
  if (together && indent + 4 + body.length <= pythonWidth) return [first, `${pad}    ${body}`, last];
  // A lone member is split on its own, without a comma after it (black adds none there), unless it is a tuple's.
  if (together && code.members.length === 1 && !code.tuple)
    return [first, ...pyLines(code.members[0], indent + 4), last];
  return [first, ...code.members.flatMap((member) => pyLines(suffixed(member, ","), indent + 4)), last];
}

/** Python's str.isspace() characters that validation lets through: what black strips from docstring lines. */
const pythonSpace = "\\t \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000";
const leadingSpace = new RegExp(`^[${pythonSpace}]+`);
const trailingSpace = new RegExp(`[${pythonSpace}]+$`);

/**
 * A docstring at `indent` spaces, by PEP 257: one line when it fits; otherwise a summary line, a blank line and
 * the rest wrapped, closing quotes on their own line. The summary is the first paragraph when it fits on the
 * first line, else its first sentence when that does; prose with neither is wrapped as it is. Black's own
 * normalization changes nothing: no line has leading or trailing spaces, and a quote at either end is set apart
 * by a space, as black sets it. Backslashes and quote runs are escaped, so no text can end the string early.
 */
export function docstring(text: string, indent: number): string[] {
  const pad = " ".repeat(indent);
  const room = pythonWidth - indent - 3;
  const escaped = escapeForbidden(text.replace(/\\/g, "\\\\")).replace(/"(?=")/g, '\\"');
  const paragraphs = escaped.split("\n").map((line) => line.replace(leadingSpace, "").replace(trailingSpace, ""));
  while (paragraphs.length > 1 && paragraphs[paragraphs.length - 1] === "") paragraphs.pop();
  const lines = wrapped(paragraphs, room);
  const opening = (line: string) => (line.startsWith('"') ? ` ${line}` : line);
  if (lines.length === 1) {
    const line = lines[0] === "" ? " " : opening(lines[0]) + (lines[0].endsWith('"') ? " " : "");
    if (indent + line.length + 6 <= pythonWidth) return [`${pad}"""${line}"""`];
  }
  const [summary, ...rest] = summarized(paragraphs, lines, room);
  return [`${pad}"""${opening(summary)}`, ...rest.map((line) => (line === "" ? "" : pad + line)), `${pad}"""`];
}

function wrapped(paragraphs: readonly string[], room: number): string[] {
  return paragraphs.flatMap((paragraph) =>
    wrapText(paragraph, room)
      .split("\n")
      .map((line) => line.replace(leadingSpace, "").replace(trailingSpace, "")),
  );
}

/** The docstring's lines with a summary line first and a blank line after it, where the text allows one. */
function summarized(paragraphs: readonly string[], lines: string[], room: number): string[] {
  const [first, ...rest] = paragraphs;
  if (first.length <= room) return rest.length === 0 || rest[0] === "" ? lines : [first, "", ...wrapped(rest, room)];
  const sentence = /^(.*?[.!?])\s+(\S.*)$/.exec(first);
  if (sentence !== null && sentence[1].length <= room)
    return [sentence[1], "", ...wrapped([sentence[2], ...rest], room)];
  return lines;
}

/** Comment lines at `indent` spaces. */
export function comments(texts: readonly string[], indent = 0): string[] {
  return texts.map((text) => `${" ".repeat(indent)}# ${text}`);
}

/** Top-level statements and definitions, two blank lines apart as black sets them. */
export function topLevel(blocks: readonly (readonly string[])[]): string[] {
  return blocks.flatMap((block, index) => (index === 0 ? [...block] : ["", "", ...block]));
}
