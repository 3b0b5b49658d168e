// Prose layout for generated code: descriptions wrapped into comment lines. Each language's printer lays out its
// code itself (typescript-text.ts for TypeScript).

/** Prose wrapped into lines of at most `width` characters (a longer word keeps its own line). */
export function wrapText(text: string, width: number): string {
  return text
    .split("\n")
    .map((paragraph) => {
      const lines: string[] = [];
      let line = "";
      for (const word of paragraph.split(" ")) {
        if (line !== "" && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line === "" ? word : `${line} ${word}`;
      }
      lines.push(line);
      return lines.join("\n");
    })
    .join("\n");
}

/**
 * Unicode White_Space at the end of a line: what gofmt (unicode.IsSpace) and rustfmt (char::is_whitespace) trim
 * from comment lines. JavaScript's trimEnd() also takes U+FEFF, which neither trims.
 */
export const unicodeTrailingSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;
