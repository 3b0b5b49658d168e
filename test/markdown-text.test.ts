// The text rules of the Markdown pages (generator/emit/markdown/text.ts), as a table: what a spec string becomes.
import { describe, expect, it } from "vitest";
import { codeSpan, inline, prose, tableRow } from "../generator/emit/markdown/text.js";

const cases: [string, { given: string; want: string }][] = [
  ["an RST cross-reference becomes its words", { given: ":ref:`task-states`", want: "task states" }],
  [
    "an RST role with a title keeps the title",
    { given: "see :doc:`Task states <task-states>`", want: "see Task states" },
  ],
  [
    "a Markdown code span stays code",
    { given: "files: `nova/compute/vm_states.py`.", want: "files: `nova/compute/vm_states.py`." },
  ],
  ["an RST literal becomes code", { given: "``default`` row", want: "`default` row" }],
  ["a lone backtick is escaped, not opened", { given: "a ` b", want: "a \\` b" }],
  ["emphasis markers and HTML are escaped", { given: "**bold** <b>", want: "\\*\\*bold\\*\\* &lt;b&gt;" }],
  ["a pipe inside code cannot end a table cell", { given: "`a|b`", want: "`a\\|b`" }],
  ["a URL becomes an autolink", { given: "at https://example.com/x.", want: "at <https://example.com/x>." }],
];

describe("prose: a document's text with its markup rendered", () => {
  it.each(cases)("%s", (_, { given, want }) => expect(prose(given)).toBe(want));
});

describe("the other text helpers", () => {
  it("inline escapes every markup character and keeps text on one line", () =>
    expect(inline("a_b *c* [d]\ne")).toBe("a\\_b \\*c\\* \\[d\\]<br>e"));
  it("codeSpan fences text that holds backticks with a longer run", () =>
    expect(codeSpan("a `b` c")).toBe("``a `b` c``"));
  it("tableRow writes an empty cell one space wide", () => expect(tableRow(["a", "", "b"])).toBe("| a | | b |"));
});
