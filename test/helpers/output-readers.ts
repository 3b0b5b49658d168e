// How each output kind is read by what consumes it: GitHub's runner for workflow commands, a Markdown renderer for
// a pull-request comment, a terminal for text. The forgery and property tests hold statespec's output to these.
import MarkdownIt from "markdown-it";

/** Characters no output may carry raw: controls, format characters (bidi included), line separators, lone surrogates. */
export const unsafeRaw = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** Text as escapeForTerminal shows it, read back: every `\uXXXX` is the character again. */
export function unescapeTerminal(text: string): string {
  return text.replace(/\\u([0-9A-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface GithubCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/**
 * The runner's reading of a log line: a command when the line, after leading white space, starts with `::`
 * (`::name key=value,...::data`), with its %-decoding; failing that, the older `##[` syntax anywhere in the line.
 */
export function githubCommandOf(line: string): GithubCommand | "legacy" | undefined {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith("::")) return line.includes("##[") ? "legacy" : undefined;
  const end = trimmed.indexOf("::", 2);
  if (end < 0) return { command: trimmed.slice(2), properties: {}, data: "" };
  const head = trimmed.slice(2, end);
  const space = head.indexOf(" ");
  const decode = (text: string) =>
    text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const pairs =
    space < 0
      ? []
      : head
          .slice(space + 1)
          .split(",")
          .filter(Boolean);
  const properties = Object.fromEntries(
    pairs.map((pair) => [pair.slice(0, pair.indexOf("=")), decode(pair.slice(pair.indexOf("=") + 1))]),
  );
  const data = trimmed
    .slice(end + 2)
    .replace(/%0D/g, "\r")
    .replace(/%0A/g, "\n")
    .replace(/%25/g, "%");
  return { command: space < 0 ? head : head.slice(0, space), properties, data };
}

// GitHub renders comments with raw HTML allowed (then sanitised) and bare URLs linked: the renderer does the same.
const renderer = new MarkdownIt({ html: true, linkify: true });

export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown);
}

export function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The texts of every code element, as a reader sees them. */
export function codeTexts(html: string): string[] {
  return [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((match) => decodeHtml(match[1]));
}

/** The elements our Markdown formats write; anything else in a rendering came from the data. */
const ourElements = new Set([
  "h3",
  "h4",
  "p",
  "strong",
  "em",
  "code",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "ul",
  "li",
  "details",
  "summary",
  "br",
]);

/**
 * What the data formed in a rendering: elements of other kinds (a link, an image, any HTML), and outside code
 * anything GitHub would turn into a mention, an issue reference or a link (`@name`, `#1`, `://`, `www.`).
 */
export function markdownLeaks(html: string): string[] {
  const leaks: string[] = [];
  for (const match of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g))
    if (!ourElements.has(match[1].toLowerCase())) leaks.push(`element <${match[1]}>`);
  const outsideCode = html.replace(/<code>[\s\S]*?<\/code>/g, "");
  for (const pattern of [/@[A-Za-z0-9]/, /#\d/, /:\/\//, /www\./])
    if (pattern.test(outsideCode)) leaks.push(`outside code: ${pattern}`);
  return leaks;
}

/** The body rows of every table, each as its cells' inner HTML: a broken-out cell shows as a row of another width. */
export function tableRows(html: string): { header: number; rows: string[][] }[] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((table) => {
    const header = [...table[1].matchAll(/<th[ >]/g)].length;
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1])?.[1] ?? "";
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]),
    );
    return { header, rows };
  });
}
