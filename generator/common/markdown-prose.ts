// The Markdown escaper for prose (text-safety.ts's markdownCode is the one for code): spec text on a generated page
// or in a Rust doc comment reads as written and forms no markup. A pull request's author writes spec text, so no
// URL, `www.` name, e-mail address or mention in it may become a link; only a URL field that is a plain http or
// https URL does (markdownUrl), as exactly that URL.
import { markdownCode } from "./text-safety.js";

/** Already-written Markdown inside prose (a code span, a line break): kept as it is, and never paired with the text. */
export interface MarkdownPiece {
  readonly markdown: string;
}

/**
 * What a page may show as a link: an http or https URL with no white space, quote, `<`, `>`, backslash, `^`,
 * backtick, `{`, `|` or `}`, so that written as an autolink (`<...>`) nothing in it can end the link or start markup.
 * The spec schema's pattern for `provenance.url` is this source, character for character.
 */
export const linkableUrl = new RegExp("^https?://[^\\s\"'<>\\\\^`{|}]+$");
const unsafe = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** A URL field (a document's URL, a link it lists): an autolink when it is linkableUrl, otherwise prose. */
export function markdownUrl(url: string): string {
  return linkableUrl.test(url) && !unsafe.test(url) ? `<${url}>` : markdownProse(url);
}

/**
 * A word holding `@` (an e-mail address, `mailto:`, a mention) as code: GitHub links e-mail addresses after it has
 * parsed the inline markup, over text runs joined across escapes, and mentions after rendering, so no escape
 * stops either; inside code neither happens.
 */
function atWordsAsCode(text: string): (string | MarkdownPiece)[] {
  return text
    .split(/(\S*@\S*)/)
    .map((part, index) => (index % 2 === 1 && /[^@]/.test(part) ? { markdown: markdownCode(part, "cell") } : part))
    .filter((part) => part !== "");
}

/**
 * Prose on a generated page, escaped only where Markdown would read it as markup: a backslash that would escape, a
 * backtick, a `|` (prose stands in table cells), `<` that opens HTML or an autolink (as `&lt;`, so no raw tag stands
 * in the file), `&` that spells an entity, `[` with a `]` after it (link, image, footnote, task box), and `*`, `_`
 * and `~` runs that could open or close emphasis or strikethrough (so `vm_state` and `STATE_MAP` keep their
 * underscores, `2 * 3` its star). What starts a block is escaped at the start only (`#`, `>`, `-`, `+`, `*`, `1.`,
 * `~~~`, a rule), a heading's closing `#` at the end. A line break becomes `<br>`. Pieces already written as
 * Markdown stand between the text, taken as punctuation.
 *
 * No text forms a link: the second `/` of `//` is escaped (no `https://`, no `//host`), and so is a `.` before a
 * letter after anything but white space or another `.`, and a `.` after `www` (no `www.` name, no bare domain as
 * markdown-it's linkify reads one: its domains take symbols such as `=` as letters); an escape splits the pattern
 * for every renderer. A word with `@` is code (atWordsAsCode). All of it renders as the text itself.
 */
export function markdownProse(text: string | readonly (string | MarkdownPiece)[]): string {
  const units: (string | MarkdownPiece)[] = [];
  for (const piece of typeof text === "string" ? [text] : text) {
    if (typeof piece !== "string") units.push(piece);
    // UTF-16 units, so that an index into `units` is an index into `plain` below.
    else
      for (const part of atWordsAsCode(piece.replace(/\r\n?/g, "\n")))
        if (typeof part !== "string") units.push(part);
        else for (const char of part.split("")) units.push(char === "\n" ? { markdown: "<br>" } : char);
  }
  const charAt = (index: number) => {
    const unit = units[index];
    return unit === undefined ? " " : typeof unit === "string" ? unit : "\uFFFC";
  };
  const escaped = new Set<number>();
  markDelimiterRuns(units.length, charAt, escaped);
  const plain = units.map((unit) => (typeof unit === "string" ? unit : "\uFFFC")).join("");
  const starts =
    /^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|~{3,}|=+\s*$|-+\s*$|([-*_])(?:\s*\1){2,}\s*$)/u;
  const lead = /^[ \t]*/.exec(plain)![0].length;
  const start = starts.exec(plain.slice(lead));
  if (start !== null && typeof units[lead] === "string")
    escaped.add(lead + (/^\d/.test(start[0]) ? start[0].length - 1 : 0));
  const closing = /\s(#+)\s*$/.exec(plain);
  if (closing !== null) escaped.add(closing.index + 1);
  for (const link of plain.matchAll(/(?<=\/)\/|(?<=[^\s.])\.(?=\p{L})|(?<=www)\./giu)) escaped.add(link.index);
  const lastBracket = plain.lastIndexOf("]");
  return units
    .map((unit, index) => {
      if (typeof unit !== "string") return unit.markdown;
      const next = charAt(index + 1);
      if (unit === "|") return "\\|";
      if (unit === "\\") return index === units.length - 1 || /[!-/:-@[-`{-~\uFFFC]/.test(next) ? "\\\\" : unit;
      if (unit === "`" || escaped.has(index)) return `\\${unit}`;
      if (unit === "<" && /[A-Za-z/!?]/.test(next)) return "&lt;";
      if (unit === "&" && /^&(?:#\d+|#[xX][\dA-Fa-f]+|[A-Za-z][\dA-Za-z]*);/.test(plain.slice(index))) return "\\&";
      // A '[' closed later would be a link; after '##' it would be the runner's older command syntax.
      if (unit === "[" && (index < lastBracket || (charAt(index - 1) === "#" && charAt(index - 2) === "#")))
        return "\\[";
      return unit;
    })
    .join("");
}

/**
 * Marks the `*`, `_` and `~` runs that could open or close emphasis or strikethrough: CommonMark's flanking rules, read
 * generously (a run can open unless white space follows it, close unless white space precedes it; `_` between two
 * letters or digits does neither). A run is marked even without a partner in the text: markdownlint, which the
 * pages pass, reads a lone `_STATE_MAP` beside other underscores as a marker with a space inside.
 */
function markDelimiterRuns(length: number, charAt: (index: number) => string, escaped: Set<number>): void {
  const word = /[\p{L}\p{N}]/u;
  const space = /\s/u;
  for (let index = 0; index < length; index++) {
    const delimiter = charAt(index);
    if (delimiter !== "*" && delimiter !== "_" && delimiter !== "~") continue;
    let to = index;
    while (charAt(to + 1) === delimiter) to++;
    const before = index === 0 ? " " : charAt(index - 1);
    const after = charAt(to + 1);
    const intraword = delimiter === "_" && word.test(before) && word.test(after);
    if (!intraword && !(space.test(before) && space.test(after)))
      for (let marked = index; marked <= to; marked++) escaped.add(marked);
    index = to;
  }
}
