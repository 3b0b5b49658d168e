// The one printer of the Java emitter: Javadoc, declarations and fit-or-break calls, laid out as google-java-format
// lays them out (2-space blocks, +4 continuation, 100 columns), so checkstyle's Google checks find nothing. Like
// the Go printer it decides every break itself: a call stays on one line when it fits, else its arguments go on
// the next line at +4, together when they fit there and one per line when not, closing parentheses trailing.
import { wrapText } from "./layout.js";

export const javaWidth = 100;

/**
 * Description text as Javadoc HTML: markup characters as entities (`<`, `>`, `&`), `@` as `&#64;` (no block or
 * inline tag), `/` after `*` as `&#47;` (the comment cannot end), a backslash as `&#92;` (javac reads `\uXXXX`
 * everywhere, comments included), and TAB as a space (checkstyle refuses tabs anywhere in a file).
 */
export function javadocText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "&#64;")
    .replace(/\\/g, "&#92;")
    .replace(/\*\//g, "*&#47;")
    .replace(/\t/g, " ");
}

/** What Javadoc and checkstyle take for space at either end of a paragraph (Java's isWhitespace, and NBSPs). */
const edgeSpace = /^[\s\u00a0\u2007\u202f\ufeff]+|[\s\u00a0\u2007\u202f\ufeff]+$/g;

/**
 * A Javadoc comment at `indent` spaces from paragraphs of Javadoc HTML (descriptions through javadocText first)
 * and block tags (`@param name text`). One line when a lone paragraph fits and has no inline tag (checkstyle's
 * SingleLineJavadoc refuses them there); otherwise the first paragraph, then each further one after an empty line
 * opening with `<p>`, then the tags after an empty line, continuation lines at +4 as checkstyle wants them.
 */
export function javadoc(paragraphs: readonly string[], indent: number, tags: readonly string[] = []): string[] {
  const pad = " ".repeat(indent);
  const texts = paragraphs.map((text) => text.replace(edgeSpace, "")).filter((text) => text !== "");
  if (texts.length === 1 && tags.length === 0 && !texts[0].includes("{@")) {
    const line = `${pad}/** ${texts[0]} */`;
    if (line.length <= javaWidth) return [line];
  }
  const room = javaWidth - indent - 3;
  const body = texts.flatMap((text, index) => [
    ...(index === 0 ? [] : [""]),
    ...wrapText(index === 0 ? text : `<p>${text}`, room).split("\n"),
  ]);
  const blockTags = tags.flatMap((tag) =>
    wrapText(tag, room)
      .split("\n")
      .map((line, index) => (index === 0 ? line : `    ${line}`)),
  );
  const lines = [...body, ...(body.length > 0 && blockTags.length > 0 ? [""] : []), ...blockTags];
  return [
    `${pad}/**`,
    ...lines.map((line) => (line.trim() === "" ? `${pad} *` : `${pad} * ${line.trimEnd()}`)),
    `${pad} */`,
  ];
}

/** A Java expression: plain text, or a call (a method, a constructor) whose arguments may break. */
export type JavaExpr = string | JavaCall;
export interface JavaCall {
  head: string;
  args: JavaExpr[];
}

export function call(head: string, args: JavaExpr[]): JavaCall {
  return { head, args };
}

function flat(expr: JavaExpr): string {
  return typeof expr === "string" ? expr : `${expr.head}(${expr.args.map(flat).join(", ")})`;
}

/**
 * The lines of `expr` at `indent` spaces, the first after `lead` columns already on its line and the last followed
 * by `trail` columns: one line when it fits; else the head and `(`, then the arguments at +4, on one line when they
 * fit there, else one per line, each laid out the same way.
 */
export function exprLines(expr: JavaExpr, indent: number, lead = 0, trail = 0): string[] {
  const oneLine = flat(expr);
  if (indent + lead + oneLine.length + trail <= javaWidth) return [oneLine];
  if (typeof expr === "string") return isLiteral(expr) ? literalLines(expr, indent, lead, trail) : [oneLine];
  if (expr.args.length === 0) return [oneLine];
  const inner = indent + 4;
  const pad = " ".repeat(inner);
  const together = expr.args.map(flat).join(", ");
  if (inner + together.length + 1 + trail <= javaWidth) return [`${expr.head}(`, `${pad}${together})`];
  const args = expr.args.flatMap((arg, index) => {
    const last = index === expr.args.length - 1;
    const lines = exprLines(arg, inner, 0, last ? 1 + trail : 1);
    lines[0] = pad + lines[0];
    lines[lines.length - 1] += last ? ")" : ",";
    return lines;
  });
  return [`${expr.head}(`, ...args];
}

/**
 * `prefix` + `expr` + `suffix` as one statement at `indent` (a declaration `... NAME = value;`, `return value;`):
 * on one line when it fits; after `=`, the value alone on the next line at +4 when it fits there, else laid out
 * from there as google-java-format breaks an assignment before its value.
 */
export function statement(prefix: string, expr: JavaExpr, suffix: string, indent: number): string[] {
  const pad = " ".repeat(indent);
  const oneLine = `${pad}${prefix}${flat(expr)}${suffix}`;
  if (oneLine.length <= javaWidth) return [oneLine];
  if (prefix.endsWith(" = ")) {
    const lines = exprLines(expr, indent + 4, 0, suffix.length);
    lines[lines.length - 1] += suffix;
    return [`${pad}${prefix.trimEnd()}`, ...lines.map((line, index) => (index === 0 ? pad + "    " + line : line))];
  }
  const lines = exprLines(expr, indent, prefix.length, suffix.length);
  lines[lines.length - 1] += suffix;
  return lines.map((line, index) => (index === 0 ? pad + prefix + line : line));
}

/** A Java string literal: state values are ASCII letters, digits, '_', '.' and '-' (the spec schema). */
export function literal(value: string): string {
  return JSON.stringify(value);
}

function isLiteral(text: string): boolean {
  return /^"(?:[^"\\]|\\.)*"$/s.test(text);
}

/**
 * What a literal's text is made of, none of which a break may split: an escape (`\u00e9`, `\"`), a surrogate pair,
 * one code unit.
 */
const literalPiece = /\\u[0-9a-fA-F]{4}|\\[\s\S]|[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g;

/**
 * A string literal too long for its line as the compile-time constant `"..." + "..."`, broken as google-java-format
 * breaks a concatenation: as much as fits on the first line, each further piece on a line of its own at +4 opening
 * with `+ `, the last one leaving room for `trail`. A piece holds at least one part, so a line can only overflow
 * where no break could help.
 */
function literalLines(text: string, indent: number, lead: number, trail: number): string[] {
  const parts = text.slice(1, -1).match(literalPiece) ?? [];
  const lines: string[] = [];
  let piece = "";
  const room = () => javaWidth - (lines.length === 0 ? indent + lead : indent + 6) - 2;
  parts.forEach((part, index) => {
    const rest = index === parts.length - 1 ? trail : 0;
    if (piece !== "" && piece.length + part.length + rest > room()) {
      lines.push(`"${piece}"`);
      piece = "";
    }
    piece += part;
  });
  lines.push(`"${piece}"`);
  const continuation = " ".repeat(indent + 4);
  return lines.map((line, index) => (index === 0 ? line : `${continuation}+ ${line}`));
}

/** Lines indented by `by` more spaces (empty lines stay empty). */
export function indented(lines: readonly string[], by: number): string[] {
  return lines.map((line) => (line === "" ? "" : " ".repeat(by) + line));
}

/** Class members (each a list of lines), one empty line apart. */
export function members(blocks: readonly (readonly string[])[]): string[] {
  return blocks.flatMap((block, index) => (index === 0 ? [...block] : ["", ...block]));
}
