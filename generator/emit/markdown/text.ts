// Text for Markdown pages: everything a page shows from the spec passes through here, so a value, a description or
// a note can never open markup, split a table cell, inject HTML or start a new line by accident. The escaping
// itself is common/text-safety.ts's (code) and common/markdown-prose.ts's (prose), the Markdown escapers.
import { markdownProse, type MarkdownPiece } from "../../common/markdown-prose.js";
import { markdownCode } from "../../common/text-safety.js";

/**
 * Inline Markdown text: nothing in it can open markup, a table cell, HTML or a new line, nor become a link (a URL in
 * spec text is shown, not linked: a pull request's author writes it).
 */
export function inline(text: string): string {
  return markdownProse(text);
}

/** A state value as code (the spec schema restricts values, but the escaper holds whatever they are). */
export function code(value: string | number | null): string {
  return markdownCode(value === null ? "null" : String(value), "cell");
}

/** Literal text as one code span, whatever backticks it holds; a line break inside is the space Markdown shows. */
export function codeSpan(text: string): string {
  // Always cell-safe: a page's code spans stand in table cells as often as in paragraphs.
  return markdownCode(text.replace(/\r?\n/g, " "), "cell");
}

/**
 * A document's prose with its inline markup rendered rather than shown: a Markdown code span (nova-upstream.md
 * keeps them) or an RST literal becomes code; an RST role such as ``:ref:`task-states` `` becomes its plain words
 * (the target's title where it gives one). Everything else is escaped as inline text.
 */
export function prose(text: string): string {
  // One escaping over the whole text, code spans standing in it: emphasis can pair across a code span.
  const pieces: (string | MarkdownPiece)[] = [];
  const markup = /:[a-z]+:`([^`]+)`|(`+)(?!`)([^`]|[^`][\s\S]*?[^`])\2(?!`)/g;
  let last = 0;
  for (const match of text.matchAll(markup)) {
    pieces.push(text.slice(last, match.index));
    if (match[1] !== undefined) pieces.push(roleWords(match[1]));
    else pieces.push({ markdown: codeSpan(match[2].length === 2 ? match[3] : match[3].replace(/^ (.*) $/, "$1")) });
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  return markdownProse(pieces);
}

/**
 * An RST role's target as words: `Title <target>` gives the title, a bare label its words (`task-states`: task
 * states).
 */
function roleWords(target: string): string {
  const titled = /^(.*?)\s*<[^>]*>$/.exec(target);
  return titled ? titled[1] : target.replace(/[-_]/g, " ");
}

/** A table row; an empty cell is one space wide, as markdownlint's compact table style wants. */
export function tableRow(cells: readonly string[]): string {
  return `|${cells.map((cell) => (cell === "" ? " " : ` ${cell} `)).join("|")}|`;
}
