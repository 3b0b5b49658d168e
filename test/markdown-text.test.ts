// The text rules of the Markdown pages (generator/emit/markdown/text.ts, escaping from common/text-safety.ts): what a
// spec string becomes, and, rendered by markdown-it as GitHub renders a page, that hostile text reads back as itself.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { linkableUrl, markdownUrl } from "../generator/common/markdown-prose.js";
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
  ["a URL is shown, not linked", { given: "at https://example.com/x.", want: "at https:/\\/example\\.com/x." }],
  ["a www. name and a bare domain are not linked", { given: "www.a.b or a.com", want: "www\\.a\\.b or a\\.com" }],
  ["a word with @ is code: no e-mail link, no mention", { given: "ask a@b.c or @me", want: "ask `a@b.c` or `@me`" }],
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
  it("markdownUrl links an http(s) URL as itself, and shows anything else as text", () => {
    expect(markdownUrl("https://a.example/p?q=1#f")).toBe("<https://a.example/p?q=1#f>");
    expect(markdownUrl("javascript:alert(1)")).toBe("javascript:alert(1)");
    expect(markdownUrl("https://a.example/ <b>")).toBe("https:/\\/a\\.example/ &lt;b>");
    expect(markdownUrl("https://a.example/\u202E")).toBe("https:/\\/a\\.example/\u202E");
  });
  it("the spec schema accepts as provenance.url exactly what a page links", () => {
    const schema = JSON.parse(readFileSync("generator/validate/spec.schema.json", "utf8"));
    expect(new RegExp(schema.properties.provenance.properties.url.pattern).source).toBe(linkableUrl.source);
  });
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
  "[link](http://evil.example) and ![img](https://evil.example/p.png)",
  "see https://evil.example/x?y=1#z, HTTP://EVIL.EXAMPLE and ftp://evil.example",
  "www.evil.example, WWW.EVIL.EXAMPLE, www.1.evil.example and (www.evil.example)",
  "evil.com, docs.evil.org/page, vm_states.py and x=.md",
  "//evil.example/x and //localhost:8080/x",
  "mail me@evil.example, mailto:me@evil.example, xmpp:me@evil.example or <me@evil.example>",
  "<1@evil.example> and @octocat, @evil/team",
  "https://evil.example<br>http://evil.example",
];

/**
 * A cell's or item's inner HTML as a reader sees the text: line breaks as LF, code as its text (a word with `@` is
 * code), and no element of any other kind: no link above all, since spec text is a pull request author's.
 */
function shownText(html: string): string {
  const text = html.replace(/<br>\n?/g, "\n").replace(/<code>([^<]*)<\/code>/g, "$1");
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

/** Every link a rendering holds, as its href. */
const hrefs = (html: string) => [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((match) => decodeHtml(match[1]));

describe("no spec text becomes a link on a page, read by markdown-it with linkify as GitHub reads it", async () => {
  // A pull request's author writes every one of these; only a URL field that is an http or https URL is a link.
  const links = "[l](http://evil.example/1) https://evil.example/2 www.evil.example me@evil.example evil.com";
  const files = await emitted("markdown", {
    specs: {
      "a.yaml": {
        vendor: { id: "acme", uncovered: { status: "UNKNOWN", why: `Why ${links}` } },
        provenance: {
          title: `Title ${links}`,
          publisher: `Publisher ${links}`,
          url: "https://docs.example.com/states?x=1#y",
          references: ["https://docs.example.com/ref", `Reference ${links}`, "javascript:alert(1)"],
          known: [`Known ${links}`],
        },
        states: { vm_state: [{ value: "v0", description: `Description ${links}` }] },
        notes: [{ section: `Section ${links}`, text: `Note ${links}` }],
        rows: [["v0", "any", "ACTIVE"], ...activeAny.slice(1)],
      },
    },
  });
  const page = files.get("acme/README.md")!;
  const html = renderMarkdown(page);

  it("links only the document's URL and the listed link that is an http(s) URL, each to itself", () => {
    expect(hrefs(html)).toEqual(["https://docs.example.com/states?x=1#y", "https://docs.example.com/ref"]);
  });

  it("shows every piece of spec text as text, in each place it stands", () => {
    const text = decodeHtml(html.replace(/<[^>]+>/g, ""));
    for (const where of ["Why", "Title", "Publisher", "Reference", "Known", "Description", "Section", "Note"])
      expect(text, where).toContain(`${where} ${links}`);
    expect(text).toContain("javascript:alert(1)");
  });
});
