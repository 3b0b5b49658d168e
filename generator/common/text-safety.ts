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
const forbiddenInLineAll = new RegExp(`[${forbiddenClass}${lineOnlyClass}]`, "g");

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
  const kind = code <= 0x9f ? "a control character" : (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) ? "a bidirectional control" : code >= 0x2028 && code <= 0x2029 ? "a line break" : "an invisible direction mark";
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}${name ? ` ${name}` : ""}, ${kind}`;
}

/** Text for one line of a terminal or log: every forbidden character, TAB, LF and direction marks written as `\uXXXX`. */
export function escapeForTerminal(text: string): string {
  return text.replace(forbiddenInLineAll, unicodeEscape);
}

/**
 * JSON text with every forbidden character and direction mark written as `\uXXXX`. JSON.stringify already
 * escapes C0 controls, so what remains can only stand inside strings, where the escape means the same character.
 */
export function escapeJson(json: string): string {
  return json.replace(forbiddenInLineAll, (char) => (char === "\n" || char === "\t" ? char : unicodeEscape(char)));
}

/** Artifact text with every forbidden character written as `\uXXXX` (the same character inside TS, JSON and YAML strings). */
export function escapeForbidden(text: string): string {
  return text.replace(forbiddenInTextAll, unicodeEscape);
}

/**
 * GitHub workflow commands (`::error file=...::message`): the runner decodes `%25`, `%0D` and `%0A` in data and
 * additionally `%3A` and `%2C` in property values, so a name or message can never end the command or start another.
 * Other forbidden characters are made visible, as on a terminal.
 */
export function githubData(text: string): string {
  return text
    .replace(/%/g, "%25")
    .replace(/\r/g, "%0D")
    .replace(/\n/g, "%0A")
    .replace(forbiddenInLineAll, unicodeEscape);
}

export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
