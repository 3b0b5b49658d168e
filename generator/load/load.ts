// Stage 1: read spec files and parse them as YAML, keeping every node's source range for diagnostics.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { systemReason } from "../common/file-system.js";
import { displayPath } from "../common/paths.js";
import { Lexer, LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import { diagnostic, type Diagnostic, type SourcePosition } from "../common/diagnostics.js";
import { describeUnread, maxSpecFileBytes, readRegularFile } from "../common/read-file.js";
import { describeCharacter, forbiddenInLine } from "../common/text-safety.js";
import { compactStrings, type StringTable } from "./compact-strings.js";
import { decodeUtf8File } from "./encoding.js";

export { displayPath };
/** Alias expansions allowed per file: defeats "billion laughs" documents. */
const maxAliasCount = 100;

export interface LoadedFile {
  /** The path as shown to users: relative to the working directory. */
  file: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Plain data of the document; undefined when it did not parse. */
  data: unknown;
  /** Normalised text (BOM removed, LF): where the character checks find what the YAML parser does not show. */
  text: string;
}

/** Every *.yaml / *.yml file directly in each folder, in name order: the order documents are read in. */
export async function listSpecFiles(
  folders: readonly string[],
): Promise<{ paths: string[]; diagnostics: Diagnostic[] }> {
  const paths: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      if (!(await stat(folder)).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
      names = await readdir(folder);
    } catch (error) {
      diagnostics.push(
        diagnostic("spec-folder-missing", `cannot read spec folder: ${systemReason(error)}`, {
          file: displayPath(folder),
        }),
      );
      continue;
    }
    const specNames = names.filter((name) => /\.ya?ml$/.test(name)).sort();
    // A spec file's name reaches generated pages and every message about it: it must read as what it is.
    for (const name of specNames.filter((name) => forbiddenInLine.test(name))) {
      const char = forbiddenInLine.exec(name)![0];
      diagnostics.push(
        diagnostic("unsafe-character", `the file name contains ${describeCharacter(char)}; rename the file`, {
          file: displayPath(join(folder, name)),
        }),
      );
    }
    if (specNames.length === 0) {
      diagnostics.push(
        diagnostic("spec-folder-empty", "spec folder has no .yaml files", { file: displayPath(folder) }),
      );
    }
    paths.push(...specNames.filter((name) => !forbiddenInLine.test(name)).map((name) => join(folder, name)));
  }
  return { paths, diagnostics };
}

/**
 * Spec files one at a time, in order. A caller that keeps only what it needs of each (compile/compile.ts) never holds
 * more than one syntax tree: they are ten times the size of their text.
 */
export async function* loadSpecFiles(
  folders: readonly string[],
): AsyncGenerator<{ file?: LoadedFile; diagnostics: Diagnostic[] }> {
  const listed = await listSpecFiles(folders);
  // One table for the run: a value or section name repeated across files is kept once.
  const strings: StringTable = new Map();
  if (listed.diagnostics.length > 0) yield { diagnostics: listed.diagnostics };
  for (const path of listed.paths) {
    const file = displayPath(path);
    let read: ReturnType<typeof readRegularFile>;
    try {
      // Synchronous: thousands of small files are read faster without a thread-pool round trip each.
      read = readRegularFile(path, maxSpecFileBytes);
    } catch (error) {
      yield { diagnostics: [diagnostic("file-unreadable", `cannot read file: ${systemReason(error)}`, { file })] };
      continue;
    }
    if ("bytes" in read) yield parseSpecText(file, read.bytes, strings);
    else
      yield {
        diagnostics: [
          diagnostic("notAFile" in read ? "not-a-file" : "yaml-too-large", describeUnread(read, maxSpecFileBytes), {
            file,
          }),
        ],
      };
  }
}

/** Decode, normalise and parse one file. Accepts a BOM and CRLF; refuses UTF-16 and invalid UTF-8, located. */
export function parseSpecText(
  file: string,
  bytes: Uint8Array,
  strings: StringTable = new Map(),
): { file?: LoadedFile; diagnostics: Diagnostic[] } {
  const decoded = decodeUtf8File(bytes);
  if ("message" in decoded)
    return {
      diagnostics: [diagnostic("invalid-utf8", decoded.message, { file, line: decoded.line, column: decoded.column })],
    };
  const text = decoded.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    version: "1.2",
  });
  const diagnostics: Diagnostic[] = [];
  // After a syntax error the parser's later complaints are mostly its own recovery: report the first only.
  // Duplicate keys are not syntax errors and are all real, so each of them is reported.
  const syntaxError = document.errors.find((error) => error.code !== "DUPLICATE_KEY");
  const reported = syntaxError ? [syntaxError] : document.errors;
  for (const error of reported) {
    // The parser turns a stack overflow on absurd nesting into an error of its own: say what it means.
    const tooDeep = /call stack/i.test(error.message);
    const code = error.code === "DUPLICATE_KEY" ? "yaml-duplicate-key" : tooDeep ? "yaml-too-large" : "yaml-syntax";
    const at = lineCounter.linePos(tooDeep ? outermostFlowStart(text, error.pos[0]) : error.pos[0]);
    diagnostics.push(
      diagnostic(code, tooDeep ? "nesting is too deep to read" : firstLine(error.message), {
        file,
        line: at.line,
        column: at.col,
      }),
    );
  }
  if (diagnostics.length > 0) return { diagnostics };
  let data: unknown;
  try {
    // The model keeps strings of the data for the whole run: they must not keep the file's text alive.
    data = compactStrings(document.toJS({ maxAliasCount }), strings);
  } catch (error) {
    // The yaml library throws for excessive alias expansion; that is bad input, not a bug.
    const at = lineCounter.linePos(0);
    return {
      diagnostics: [
        diagnostic("yaml-too-large", firstLine(String((error as Error).message)), {
          file,
          line: at.line,
          column: at.col,
        }),
      ],
    };
  }
  return { file: { file, document, lineCounter, data, text }, diagnostics };
}

/**
 * Where the flow collection holding `offset` starts at the top level. The parser runs out of stack at a depth that
 * depends on the Node version and its stack size; where the nesting starts does not, so every Node reports one place.
 */
function outermostFlowStart(text: string, offset: number): number {
  let depth = 0;
  let start = offset;
  let at = 0;
  for (const token of new Lexer().lex(text)) {
    if (at > offset) break;
    // The lexer's own markers (document, scalar, flow end) are one control character that is not in the text.
    if (/^[\x02\x18\x1f]$/.test(token)) continue;
    if (token === "[" || token === "{") {
      if (depth === 0) start = at;
      depth++;
    } else if ((token === "]" || token === "}") && depth > 0) depth--;
    at += token.length;
  }
  return start;
}

/** The YAML node at a data path, for locating a diagnostic; falls back to the nearest existing ancestor. */
export function nodeAt(loaded: LoadedFile, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = loaded.document.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      if (!node.items[segment]) break;
      node = node.items[segment];
    } else break;
  }
  return (node as Node | null) ?? undefined;
}

/** The key node of `key` in the map at `path`: where an unknown key is reported. */
export function keyNodeAt(loaded: LoadedFile, path: readonly (string | number)[], key: string): Node | undefined {
  const map = nodeAt(loaded, path);
  if (!isMap(map)) return map;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return (pair?.key as Node | undefined) ?? map;
}

export function positionOf(loaded: LoadedFile, node: Node | undefined): SourcePosition {
  const offset = node?.range?.[0] ?? 0;
  const at = loaded.lineCounter.linePos(offset);
  return { file: loaded.file, line: at.line, column: at.col };
}

function firstLine(message: string): string {
  return message
    .split("\n")[0]
    .replace(/ at line \d+, column \d+:?$/, "")
    .trim();
}
