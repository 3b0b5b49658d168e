// Text for Markdown pages: everything a page shows from the spec passes through here, so a value, a description or
// a note can never open markup, split a table cell, inject HTML or start a new line by accident.

/** Inline Markdown text: nothing in it can open markup, a table cell, HTML or a new line; URLs become autolinks. */
export function inline(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"'`|]*[^\s<>"'`|.,;:)])/)
    .map((part, index) => (index % 2 === 1 ? `<${part}>` : escapeText(part)))
    .join("");
}

function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/[`*_[\]#~|!]/g, (char) => `\\${char}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, "<br>");
}

/** A state value as code; values are restricted by the spec schema, so they never hold a backtick or a pipe. */
export function code(value: string | number | null): string {
  return value === null ? "`null`" : `\`${value}\``;
}

/** Literal text as one code span, whatever backticks it holds (CommonMark: a longer fence, padded by spaces). */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  // A pipe ends a table cell even inside a code span (GFM), so it is escaped there too.
  return `${fence}${padded.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}${fence}`;
}

/**
 * A document's prose with its inline markup rendered rather than shown: a Markdown code span (nova-upstream.md
 * keeps them) or an RST literal becomes code; an RST role such as ``:ref:`task-states` `` becomes its plain words
 * (the target's title where it gives one). Everything else is escaped as inline text.
 */
export function prose(text: string): string {
  const pieces: string[] = [];
  const markup = /:[a-z]+:`([^`]+)`|(`+)(?!`)([^`]|[^`][\s\S]*?[^`])\2(?!`)/g;
  let last = 0;
  for (const match of text.matchAll(markup)) {
    pieces.push(inline(text.slice(last, match.index)));
    if (match[1] !== undefined) pieces.push(inline(roleWords(match[1])));
    else pieces.push(codeSpan(match[2].length === 2 ? match[3] : match[3].replace(/^ (.*) $/, "$1")));
    last = match.index + match[0].length;
  }
  pieces.push(inline(text.slice(last)));
  return pieces.join("");
}

/** An RST role's target as words: `Title <target>` gives the title, a bare label its words (`task-states`: task states). */
function roleWords(target: string): string {
  const titled = /^(.*?)\s*<[^>]*>$/.exec(target);
  return titled ? titled[1] : target.replace(/[-_]/g, " ");
}

/** A table row; an empty cell is one space wide, as markdownlint's compact table style wants. */
export function tableRow(cells: readonly string[]): string {
  return `|${cells.map((cell) => (cell === "" ? " " : ` ${cell} `)).join("|")}|`;
}
