// Stage 2a': no text of a spec or config file may hold a character that makes it display, parse or log as
// something it is not (see text-safety.ts). Checked on the YAML itself, before the schema, so every key,
// value and comment is covered, whatever the schema later says about it.
import { isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { positionOf, type LoadedFile } from "../load/load.js";
import { describeCharacter, forbiddenInLine, forbiddenInText } from "../common/text-safety.js";

/**
 * `prose`: values may hold LF, TAB and direction marks (descriptions, notes in right-to-left languages); keys
 * never may. A config file has no prose: its values are paths and names.
 */
export function checkCharacters(loaded: LoadedFile, { prose }: { prose: boolean }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reportedRanges: [number, number][] = [];
  // A plain walk rather than yaml's visit(): it runs over every node of every spec file.
  const walk = (node: unknown, field: string | undefined, isKey: boolean): void => {
    if (isScalar(node)) {
      if (typeof node.value !== "string") return;
      const found = (isKey || !prose ? forbiddenInLine : forbiddenInText).exec(node.value);
      if (!found) return;
      const what = isKey ? "a key" : field !== undefined ? `'${field}'` : "a value";
      diagnostics.push(
        diagnostic(
          "unsafe-character",
          `${what} contains ${describeCharacter(found[0])}; remove it`,
          at(loaded, node, found[0]),
        ),
      );
      if (node.range) reportedRanges.push([node.range[0], node.range[1]]);
    } else if (isPair(node)) {
      walk(node.key, field, true);
      walk(node.value, isScalar(node.key) ? String(node.key.value) : field, false);
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) walk(item, field, false);
    }
  };
  walk(loaded.document.contents, undefined, false);
  // Outside scalars (comments, tags, anchors) a raw character is still read by whoever reviews the file.
  const anywhere = new RegExp(forbiddenInText.source, "g");
  let lastLine = 0;
  for (const match of loaded.text.matchAll(anywhere)) {
    const offset = match.index!;
    if (reportedRanges.some(([start, end]) => offset >= start && offset < end)) continue;
    const position = loaded.lineCounter.linePos(offset);
    if (position.line === lastLine) continue;
    lastLine = position.line;
    diagnostics.push(
      diagnostic(
        "unsafe-character",
        `text outside any value (a comment, a tag) contains ${describeCharacter(match[0])}; remove it`,
        { file: loaded.file, line: position.line, column: position.col },
      ),
    );
  }
  return diagnostics;
}

/** Where the character is written raw, its own position; where it is an escape (`"\u202E"`), the scalar's. */
function at(loaded: LoadedFile, node: Node, char: string) {
  const range = node.range;
  if (range) {
    const offset = loaded.text.indexOf(char, range[0]);
    if (offset !== -1 && offset < range[1]) {
      const position = loaded.lineCounter.linePos(offset);
      return { file: loaded.file, line: position.line, column: position.col };
    }
  }
  return positionOf(loaded, node);
}
