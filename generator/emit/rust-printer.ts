// The one printer of the Rust emitter: doc comments, match arms and slice literals laid out as rustfmt (edition
// 2021, its default 100 columns and 4-space indent) leaves them, so `rustfmt --check` finds nothing to rewrite. It
// follows rustfmt's rules only as far as the emitter needs them: an arm that fits stays on one line, else its body
// goes into a block, else its tuple pattern goes one element per line; a slice literal stays on one line while its
// elements fit in 60 columns (rustfmt's array_width) and the line in 100, else one element per line.
import { markdownProse } from "../common/markdown-prose.js";
import { unicodeTrailingSpace, wrapText } from "./layout.js";

export const rustWidth = 100;
/** rustfmt's array_width: the widest one-line array literal, brackets excluded. */
const arrayWidth = 60;

export function pad(indent: number): string {
  return "    ".repeat(indent);
}

/**
 * Doc comment lines (`///`, or `//!` for the crate) at `indent` levels: the text as Markdown, which rustdoc and
 * clippy read it as. Every character that could open markup, a link or HTML is escaped (the escaper of the
 * generated pages), a tab is written `&#9;` (clippy's tabs_in_doc_comments), and a wrapped line that would start
 * a list, a heading underline or a numbered item gets its first mark escaped: a description reads as one text,
 * never as a list clippy's doc lints would hold to Markdown's continuation rules. Lines are trimmed as rustfmt
 * trims them; a text with nothing left writes no lines (clippy's empty_docs).
 */
export function docLines(text: string, indent: number, marker: "///" | "//!" = "///"): string[] {
  const width = rustWidth - indent * 4 - marker.length - 1;
  const lines = text
    .split("\n")
    .flatMap((paragraph) =>
      wrapText(markdownProse(paragraph).replace(/\t/g, "&#9;").replace(/ {2,}/g, " "), width).split("\n"),
    )
    .map((line) => guardedLine(line.replace(unicodeTrailingSpace, "").replace(/^ +/, "")));
  if (lines.every((line) => line === "")) return [];
  return lines.map((line) => (line === "" ? `${pad(indent)}${marker}` : `${pad(indent)}${marker} ${line}`));
}

/** Doc comment lines of the emitter's own prose, already Markdown (code spans, intra-doc links): wrapped only. */
export function docProse(text: string, indent: number, marker: "///" | "//!" = "///"): string[] {
  return wrapText(text, rustWidth - indent * 4 - marker.length - 1)
    .split("\n")
    .map((line) => (line === "" ? `${pad(indent)}${marker}` : `${pad(indent)}${marker} ${line}`));
}

/** A line that Markdown would read as a list item, a setext underline or a thematic break, escaped to prose. */
function guardedLine(line: string): string {
  if (/^[-+=]/.test(line)) return `\\${line}`;
  return line.replace(/^(\d+)([.)])/, "$1\\$2");
}

/**
 * A match arm at `indent` levels: `pattern => body,` on one line when it fits, else the body in a block under a
 * one-line pattern, else (a tuple pattern, given as its elements) the elements one per line.
 */
export function arm(indent: number, pattern: string | readonly string[], body: string): string[] {
  const head = typeof pattern === "string" ? pattern : `(${pattern.join(", ")})`;
  const oneLine = `${pad(indent)}${head} => ${body},`;
  if (oneLine.length <= rustWidth) return [oneLine];
  if (typeof pattern === "string" || `${pad(indent)}${head} => {`.length <= rustWidth)
    return [`${pad(indent)}${head} => {`, `${pad(indent + 1)}${body}`, `${pad(indent)}}`];
  const closing = `${pad(indent)}) => ${body},`;
  return [
    `${pad(indent)}(`,
    ...pattern.map((element) => `${pad(indent + 1)}${element},`),
    ...(closing.length <= rustWidth
      ? [closing]
      : [`${pad(indent)}) => {`, `${pad(indent + 1)}${body}`, `${pad(indent)}}`]),
  ];
}

/**
 * `lead[elements]trail` at `indent` levels (lead: what comes before the bracket on the line, such as `name: &`;
 * trail: what follows the closing bracket, such as `),`): one line when the elements fit, else one per line.
 */
export function arrayLines(indent: number, lead: string, elements: readonly string[], trail: string): string[] {
  const inner = elements.join(", ");
  const oneLine = `${pad(indent)}${lead}[${inner}]${trail}`;
  if (elements.length === 0 || (inner.length <= arrayWidth && oneLine.length <= rustWidth)) return [oneLine];
  return [
    `${pad(indent)}${lead}[`,
    ...elements.map((element) => `${pad(indent + 1)}${element},`),
    `${pad(indent)}]${trail}`,
  ];
}

/**
 * `lead = [elements];` (lead ends in `= `): as arrayLines, except that an array that fits on one line of its own
 * goes there, under the lead, rather than one element per line (rustfmt's rule for the right side of `=`).
 */
export function assignedArray(indent: number, lead: string, elements: readonly string[], trail: string): string[] {
  const lines = arrayLines(indent, lead, elements, trail);
  const inner = elements.join(", ");
  const nextLine = `${pad(indent + 1)}[${inner}]${trail}`;
  if (lines.length === 1 || inner.length > arrayWidth || nextLine.length > rustWidth) return lines;
  return [`${pad(indent)}${lead.trimEnd()}`, nextLine];
}

/** A Rust string literal: state values are ASCII letters, digits, '_', '.' and '-' (the spec schema). */
export function literal(value: string): string {
  return JSON.stringify(value);
}
