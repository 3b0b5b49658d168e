// The text rules of the Markdown pages (generator/emit/markdown/text.ts, escaping from common/text-safety.ts): what a
// spec string becomes, and, rendered by markdown-it as GitHub renders a page, that hostile text reads back as itself.
import { describe, expect, it } from "vitest";
import { codeSpan, inline, prose, tableRow } from "../generator/emit/markdown/text.js";
import { emitted, activeAny } from "./helpers/emit-table.js";
import { decodeHtml, renderMarkdown, tableRows } from "./helpers/output-readers.js";

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
  ["emphasis markers and HTML are escaped", { given: "**bold** <b>", want: "\\*\\*bold\\*\\* &lt;b>" }],
  ["a pipe inside code cannot end a table cell", { given: "`a|b`", want: "`a\\|b`" }],
  ["a URL becomes an autolink", { given: "at https://example.com/x.", want: "at <https://example.com/x>." }],
  [
    "an underscore inside a word stays; one that could open emphasis is escaped",
    { given: "Nova's _STATE_MAP maps vm_state", want: "Nova's \\_STATE_MAP maps vm_state" },
  ],
  ["underscores that could pair are escaped", { given: "_a_ b", want: "\\_a\\_ b" }],
  ["emphasis can pair across a code span", { given: "_a `b` c_", want: "\\_a `b` c\\_" }],
  ["a lone star between spaces stays", { given: "2 * 3 * 4", want: "2 * 3 * 4" }],
  ["what starts a block is escaped at the start only", { given: "1. a # b 2. c", want: "1\\. a # b 2. c" }],
  ["an entity is escaped, a lone ampersand is not", { given: "&amp; & b", want: "\\&amp; & b" }],
  ["a backslash is doubled only where it would escape", { given: "C:\\x \\#", want: "C:\\x \\\\#" }],
];

describe("prose: a document's text with its markup rendered", () => {
  it.each(cases)("%s", (_, { given, want }) => expect(prose(given)).toBe(want));
});

describe("the other text helpers", () => {
  it("inline escapes what could form markup and keeps text on one line", () =>
    expect(inline("a_b *c* [d]\ne")).toBe("a_b \\*c\\* \\[d]<br>e"));
  it("codeSpan fences text that holds backticks with a longer run", () =>
    expect(codeSpan("a `b` c")).toBe("``a `b` c``"));
  it("tableRow writes an empty cell one space wide", () => expect(tableRow(["a", "", "b"])).toBe("| a | | b |"));
});

/** Hostile but valid spec text: every piece looks like Markdown, and a reader must see it as written. */
const hostile = [
  "Nova's _STATE_MAP and vm_state, snake_case_words",
  "__init__ and _private_ names",
  "a * b, *not emphasis* here, **nor** this, 2*3*4",
  "1 < 2, <b>not bold</b>, <!-- no comment --> and <br> as text",
  "[x](y), ![image](z.png), [ref][1], [^1] and [ ] box",
  "code `x` and ``y`` and a lone ` tick",
  "a | b | c",
  "# not a heading",
  "1. not a list",
  "2) nor this",
  "- not an item",
  "> not a quote",
  "&amp; &lt;tag&gt; &#169; &#x41; and a lone & here",
  "~~not struck~~ and ~nor~ this",
  "C:\\path\\to\\_file_ and \\* and a last \\",
  "line one\nline two",
  "---",
  "***",
  "~~~",
  "<https://example.invalid/>",
];

/**
 * A cell's or item's inner HTML as a reader sees the text: line breaks as LF, a URL as the link the page makes of it
 * (its text the URL itself), and no element of any other kind.
 */
function shownText(html: string): string {
  const text = html.replace(/<br>\n?/g, "\n").replace(/<a href="([^"]*)">\1<\/a>/g, "$1");
  expect(text, html).not.toMatch(/<[a-zA-Z!/]/);
  return decodeHtml(text);
}

describe("Markdown pages render hostile spec text as the text itself", async () => {
  const files = await emitted("markdown", {
    specs: {
      "a.yaml": {
        states: { vm_state: hostile.map((description, index) => ({ value: `v${index}`, description })) },
        notes: hostile.filter((text) => !text.includes("`")).map((text) => ({ section: "Intro", text })),
        rows: [["v0", "any", "ACTIVE"], ...activeAny.slice(1)],
      },
    },
  });
  const page = files.get("acme/README.md")!;
  const html = renderMarkdown(page);

  it("in table cells: each description is its cell's whole text, and no cell breaks out", () => {
    const values = tableRows(html).find((table) => table.header === 2 && table.rows[0][0] === "<code>v0</code>");
    const rows = values!.rows;
    expect(rows.map((row) => row.length)).toEqual(hostile.map(() => 2));
    expect(rows.map((row) => shownText(row[1]))).toEqual(hostile);
  });

  it("in list items: each note is an item's whole text, nothing starts a block", () => {
    const notes = html.slice(html.indexOf("<details>"));
    const items = [...notes.matchAll(/<li>((?:(?!<li>)[\s\S])*?)<\/li>/g)].map((match) => shownText(match[1]));
    for (const text of hostile.filter((note) => !note.includes("`"))) expect(items).toContain(text);
  });

  it("escapes no underscore inside a word", () => {
    expect(page).toContain("\\_STATE_MAP and vm_state, snake_case_words");
    expect(page).not.toMatch(/vm\\_state|STATE\\_MAP|snake\\_case/);
  });
});
