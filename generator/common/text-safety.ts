// Characters that make text display, parse or log as something it is not. Validation refuses them in specs,
// config files and spec file names; every place text leaves statespec (artifacts, terminals, CI logs, JSON)
// escapes them anyway, so a path around validation still cannot forge a line, a comment or an annotation.

/**
 * Never allowed in any text: C0 controls except TAB and LF (NUL, CR, ESC, ...), DEL, C1 controls (NEL, CSI, ...),
 * the Unicode line and paragraph separators (line breaks to JavaScript, invisible elsewhere), and the
 * bidirectional embeddings, overrides and isolates U+202A..U+202E and U+2066..U+2069 ("Trojan Source",
 * CVE-2021-42574): they reorder how a whole span displays, so reviewed text reads differently from what it is.
 */
const forbiddenClass = "\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069";
/**
 * The invisible direction marks (LRM U+200E, RLM U+200F, ALM U+061C) reorder nothing beyond the neutral
 * characters next to them, and right-to-left prose needs them; they are allowed in descriptions and notes only.
 * A key, a config value or a file name, which must read as one plain line, refuses them and TAB and LF too.
 */
const lineOnlyClass = "\\u0009\\u000A\\u061C\\u200E\\u200F";

export const forbiddenInText = new RegExp(`[${forbiddenClass}]`);
export const forbiddenInLine = new RegExp(`[${forbiddenClass}${lineOnlyClass}]`);
const forbiddenInTextAll = new RegExp(`[${forbiddenClass}]`, "g");

const characterNames: Record<number, string> = {
  0x00: "NULL",
  0x09: "CHARACTER TABULATION",
  0x0a: "LINE FEED",
  0x0d: "CARRIAGE RETURN",
  0x1b: "ESCAPE",
  0x7f: "DELETE",
  0x85: "NEXT LINE",
  0x9b: "CONTROL SEQUENCE INTRODUCER",
  0x061c: "ARABIC LETTER MARK",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
};

/** `\u202E`: the six characters that stand for `char` in JSON, JavaScript and YAML double-quoted strings. */
export function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** "U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control", for a diagnostic. */
export function describeCharacter(char: string): string {
  const code = char.charCodeAt(0);
  const name = characterNames[code];
  const kind =
    code <= 0x9f
      ? "a control character"
      : (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
        ? "a bidirectional control"
        : code >= 0x2028 && code <= 0x2029
          ? "a line break"
          : "an invisible direction mark";
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}${name ? ` ${name}` : ""}, ${kind}`;
}

// ---- The one escaper per output kind. Everything statespec prints that it did not write itself (server names,
// ids, statuses, file names, spec text, ref names) passes through one of these; formatters never quote on their own.

/**
 * What a reader cannot see or trust on any output: every control (Cc, TAB and LF included), every format character
 * (Cf: bidi controls and marks, zero-width joiners, soft hyphen, BOM, tag characters), the line and paragraph
 * separators, and lone surrogates (no character at all). Wider than what validation refuses: output is the last gate.
 */
const unsafeAll = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** `\uXXXX` for each UTF-16 unit of a character: the spelling JSON and JavaScript read back as the same character. */
function unitEscapes(char: string): string {
  let escaped = "";
  for (let unit = 0; unit < char.length; unit++) escaped += unicodeEscape(char[unit]);
  return escaped;
}

/** Terminal text: one line, every unsafe character shown as `\uXXXX`, so it cannot end a record or move the cursor. */
export function escapeForTerminal(text: string): string {
  return text.replace(unsafeAll, unitEscapes);
}

/**
 * JSON text with every unsafe character written as `\uXXXX`. JSON.stringify already escapes C0 controls inside
 * strings, so a raw LF is layout; everything else can only stand inside a string, where the escape is the same text.
 */
export function escapeJson(json: string): string {
  return defuseLegacyCommand(json.replace(unsafeAll, (char) => (char === "\n" ? char : unitEscapes(char))));
}

/**
 * `##[` written `##\u005B`: the GitHub runner reads a line that holds `##[` anywhere as a command of the older syntax,
 * and every format may end up in a CI log. Inside a JSON string the escape reads back as `[`; text shows it as it
 * shows every other escape.
 */
const defuseLegacyCommand = (text: string) => text.replace(/##\[/g, "##\\u005B");

/** `JSON.stringify` of a value, escaped as above. */
export function jsonText(value: unknown, indent?: number): string {
  return escapeJson(JSON.stringify(value, null, indent));
}

/**
 * Artifact text with every forbidden character written as `\uXXXX` (the same character inside TS, JSON and YAML
 * strings).
 */
export function escapeForbidden(text: string): string {
  return text.replace(forbiddenInTextAll, unicodeEscape);
}

/**
 * GitHub workflow commands (`::error file=...::message`): the runner decodes `%25`, `%0D` and `%0A` in data and
 * additionally `%3A` and `%2C` in property values, so a name or message can never end the command or start another.
 * Other unsafe characters, and `##[`, are shown as on a terminal: decoding gives the text as `escapeForTerminal`
 * shows it, with its line breaks (an annotation may hold several lines).
 */
export const githubData = (text: string): string =>
  defuseLegacyCommand(
    text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(unsafeAll, unitEscapes),
  );

export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * One workflow command (`::error file=...,line=3::message`), the only way statespec writes one: every property value
 * and the message escaped as above; absent properties are left out.
 */
export function githubCommand(
  level: "error" | "warning" | "notice",
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties).flatMap(([key, value]) =>
    value === undefined ? [] : [`${key}=${githubProperty(String(value))}`],
  );
  return `::${level}${props.length > 0 ? ` ${props.join(",")}` : ""}::${githubData(message)}`;
}

/**
 * A whole line of text output, for a terminal or a CI log (where every format may end up): escaped as terminal text,
 * and never read as a GitHub workflow command. The runner takes a line for one when it starts with `::` after leading
 * white space, or holds `##[` (the older syntax); only the commands statespec writes itself may do either.
 */
export function escapeLine(line: string): string {
  return defuseLegacyCommand(escapeForTerminal(line).replace(/^(\s*):(?=:)/, (_, space: string) => `${space}\\u003A`));
}

/**
 * Literal text as one Markdown code span, for a pull-request comment or a page: inside a code span nothing is markup,
 * so no link, image, HTML, mention, heading or autolink can form. The fence is longer than any backtick run inside,
 * padded by a space where CommonMark would otherwise eat one or join the fence. Unsafe characters are shown as
 * `\uXXXX` (one line); in a table cell a pipe is written `\|`, which GFM reads back as `|` even inside code.
 */
export function markdownCode(text: string, where: "inline" | "cell" = "inline"): string {
  if (text === "") return "*(empty)*";
  const shown = defuseLegacyCommand(escapeForTerminal(text));
  const longest = Math.max(0, ...[...shown.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = /^`|`$/.test(shown) || /^ .*[^ ].* $/s.test(shown);
  const body = where === "cell" ? shown.replace(/\|/g, "\\|") : shown;
  return pad ? `${fence} ${body} ${fence}` : `${fence}${body}${fence}`;
}
