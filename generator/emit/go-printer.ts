// The one printer of the Go emitter: comments, aligned groups and fit-or-break composite literals, laid out the way
// gofmt (Go 1.19, go/printer) would leave them, so `gofmt -l` finds nothing to rewrite. gofmt never breaks or joins
// lines; it only aligns and spaces them. So this printer decides the breaks (at most `codeWidth` columns) and
// reproduces gofmt's alignment exactly where lines are kept.
import { unicodeTrailingSpace, wrapText } from "./layout.js";

/** The widest code line, a tab counted as `tabWidth` columns: Go's usual limit (golines, lll settings). */
export const codeWidth = 120;
/** Prose in comments wraps earlier, to the width Go's own sources keep their comments at. */
export const commentWidth = 100;
const tabWidth = 4;

/** `//` comment lines at `indent` tabs, wrapped and trimmed as gofmt trims them; pieces of prose join with spaces. */
export function comment(text: string | readonly string[], indent = 0): string[] {
  const pad = "\t".repeat(indent);
  return wrapText(typeof text === "string" ? text : text.join(" "), commentWidth - indent * tabWidth - 3)
    .split("\n")
    .map((line) => line.replace(unicodeTrailingSpace, ""))
    .map((line) => (line === "" ? `${pad}//` : `${pad}// ${line}`));
}

/** A line's width as the limits count it. */
export function columns(line: string): number {
  return line.replace(/\t/g, " ".repeat(tabWidth)).length;
}

/** One spec of an aligned group (a const spec, a struct field): its doc comment lines and its cells. */
export interface AlignedSpec {
  doc?: string[];
  cells: string[];
}

/**
 * Specs one per line at `indent` tabs, every cell but the last padded to its column. gofmt aligns cells through
 * text/tabwriter, whose column blocks are runs of consecutive lines with that cell: a comment-only line has no
 * cells, so a spec with a doc comment starts a new run.
 */
export function alignedLines(specs: readonly AlignedSpec[], indent: number): string[] {
  const runs: AlignedSpec[][] = [];
  for (const spec of specs) {
    if (spec.doc !== undefined || runs.length === 0) runs.push([spec]);
    else runs[runs.length - 1].push(spec);
  }
  const pad = "\t".repeat(indent);
  return runs.flatMap((run) => {
    const widths = run[0].cells.map((_, column) => Math.max(...run.map((spec) => spec.cells[column]?.length ?? 0)));
    return run.flatMap((spec) => {
      const cells = spec.cells.map((cell, column) =>
        column < spec.cells.length - 1 ? cell.padEnd(widths[column]) : cell,
      );
      return [...(spec.doc ?? []), pad + cells.join(" ")];
    });
  });
}

/** A Go expression: plain text, or a composite literal (or call) whose elements may go one per line. */
export type GoExpr = string | GoList;
export interface GoList {
  open: string;
  elements: (GoExpr | KeyValue)[];
  close: string;
}
export interface KeyValue {
  key: string;
  value: GoExpr;
}

export function list(open: string, elements: (GoExpr | KeyValue)[], close = "}"): GoList {
  return { open, elements, close };
}

function isKeyValue(element: GoExpr | KeyValue): element is KeyValue {
  return typeof element === "object" && "key" in element;
}

function flat(expr: GoExpr | KeyValue): string {
  if (typeof expr === "string") return expr;
  if (isKeyValue(expr)) return `${expr.key}: ${flat(expr.value)}`;
  return `${expr.open}${expr.elements.map(flat).join(", ")}${expr.close}`;
}

/**
 * The lines of `expr` at `indent` tabs, the first line after `lead` columns of text already on it and the last
 * followed by `trail` columns: on one line when it fits, else the literal's elements one per line with a trailing
 * comma (each element laid out the same way), and key: value elements aligned as gofmt aligns them.
 */
export function exprLines(expr: GoExpr, indent: number, lead = 0, trail = 0, broken = false): string[] {
  const oneLine = flat(expr);
  const fits = indent * tabWidth + lead + oneLine.length + trail <= codeWidth;
  if (typeof expr === "string" || expr.elements.length === 0 || (fits && !broken)) return [oneLine];
  const pad = "\t".repeat(indent + 1);
  // Aligning keys can push a one-line element past the width: that element breaks, and the columns are worked out
  // again (breaking only ever splits or narrows a column, so this ends).
  const mustBreak = new Set<number>();
  for (;;) {
    const laid = expr.elements.map((element, index) => {
      if (!isKeyValue(element)) return { lines: exprLines(element, indent + 1, 0, 1) };
      return {
        key: element.key,
        lines: exprLines(element.value, indent + 1, element.key.length + 2, 1, mustBreak.has(index)),
      };
    });
    const keyColumns = alignedKeyColumns(
      laid.map((element) => (element.key !== undefined && element.lines.length === 1 ? element.key.length : 0)),
    );
    const rows = laid.map((element, index) => {
      const lines = [...element.lines];
      if (element.key !== undefined)
        lines[0] = `${`${element.key}:`.padEnd(Math.max(keyColumns[index], element.key.length) + 1)} ${lines[0]}`;
      lines[lines.length - 1] += ",";
      return lines.map((line, row) => (row === 0 ? pad + line : line));
    });
    const breakable = (index: number) => {
      const element = expr.elements[index];
      return (
        isKeyValue(element) &&
        typeof element.value !== "string" &&
        element.value.elements.length > 0 &&
        !mustBreak.has(index)
      );
    };
    const overflowing = rows.findIndex(
      (lines, index) => lines.length === 1 && breakable(index) && columns(lines[0]) > codeWidth,
    );
    if (overflowing === -1) return [expr.open, ...rows.flat(), "\t".repeat(indent) + expr.close];
    mustBreak.add(overflowing);
  }
}

/**
 * The width of the key column of each element of a literal broken one per line (0: not aligned), as go/printer's
 * exprList decides it: `sizes` holds each element's key width when the element fits on one line, else 0. A new
 * alignment section starts at an element of size 0, after one, and where the key's width is 2.5 times off the
 * geometric mean of the widths before it in its section (unless both it and the previous one are at most 40 wide).
 */
function alignedKeyColumns(sizes: readonly number[]): number[] {
  const sections: number[][] = [];
  let lnsum = 0;
  let count = 0;
  sizes.forEach((size, index) => {
    const previous = index === 0 ? 0 : sizes[index - 1];
    let formfeed = true;
    if (previous > 0 && size > 0) {
      if (count === 0 || (previous <= 40 && size <= 40)) formfeed = false;
      else {
        const ratio = size / Math.exp(lnsum / count);
        formfeed = 2.5 * ratio <= 1 || 2.5 <= ratio;
      }
    }
    if (formfeed || sections.length === 0) {
      sections.push([index]);
      // A formfeed counts as two line breaks, and go/printer restarts the mean after more than one.
      lnsum = 0;
      count = 0;
    } else sections[sections.length - 1].push(index);
    if (size > 0) {
      lnsum += Math.log(size);
      count++;
    }
  });
  const columns = sizes.map(() => 0);
  for (const section of sections) {
    const width = Math.max(...section.map((index) => sizes[index]));
    for (const index of section) columns[index] = sizes[index] === 0 ? 0 : width;
  }
  return columns;
}

/** A function or method: its doc comment, signature and body lines (already indented one tab). */
export function func(doc: string[], signature: string, body: string[]): string {
  return [...doc, `${signature} {`, ...body, "}"].join("\n");
}

/** A Go string literal: values are ASCII letters, digits, '_', '.' and '-' (the spec schema), so JSON quotes as Go. */
export function literal(value: string): string {
  return JSON.stringify(value);
}

/** `var name = value` with the value laid out to fit. */
export function variable(doc: string[], name: string, value: GoExpr): string {
  const lines = exprLines(value, 0, `var ${name} = `.length);
  return [...doc, `var ${name} = ${lines[0]}`, ...lines.slice(1)].join("\n");
}
