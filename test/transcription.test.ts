// Each shipped spec held against the text of its source document, both ways:
// - every non-empty line of the source is a heading, a value, a description, a row, a note or a provenance field of
//   the spec, or is listed below as markup with the reason;
// - every note and description of the spec, and every heading it files them under, is text of the source.
// A sentence dropped from a spec, or reworded, fails here.
//
// Matching is exact after one normalisation, applied to both sides alike, that removes only markup: HTML tags,
// heading marks (`#`), list bullets and numbers, RST directives and labels (`.. table::`, `.. _x:`), Python comment
// marks and docstring quotes, emphasis (`**`, `*x*`), code marks (backticks), backslash escapes, table pipes (a
// row's cells are matched one by one), and runs of spaces (a line wrapped in the source is one line in the spec, so a
// wrapped line must be part of one note or description).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { SpecEntry } from "../generator/load/documents.js";

/** The source documents are inputs of the project, not part of the repository: found beside the checkout. */
function sourcesFolder(): string | undefined {
  const candidates = [process.env.STATESPEC_SOURCES, resolve("../shared"), resolve("../../shared")].filter(
    (folder): folder is string => folder !== undefined,
  );
  return candidates.find((folder) => existsSync(join(folder, "seeds")) && existsSync(join(folder, "reference")));
}

interface Case {
  spec: string;
  source: string;
  /** Lines that are markup only, each with the reason; matched against the raw line. */
  markup: [RegExp, string][];
  /** Column headings of value and mapping tables: the spec's field names stand for them. */
  columnHeadings: string[];
}

const cases: Case[] = [
  {
    spec: "spec/rackspace.yaml",
    source: "seeds/000_d38f33d00cd622ee.txt",
    markup: [[/^\.\. _task-states:$/, "RST label: the target of the table's :ref:`task-states` cells"]],
    columnHeadings: ["Server status", "OS-EXT-STS:vm_state", "OS-EXT-STS:task_state"],
  },
  {
    spec: "spec/huawei-ecs.yaml",
    source: "seeds/001_ef113c5aaff3f35c.txt",
    markup: [],
    columnHeadings: ["Status", "Description", "Status Description", "vm_state", "task_state", "status"],
  },
  {
    spec: "spec/openstack-server-status.yaml",
    source: "seeds/002_47a8e7249333a786.txt",
    markup: [],
    columnHeadings: [],
  },
  {
    spec: "spec/huawei-ecs.zh-CN.yaml",
    source: "seeds/003_5067f69ced52e563.txt",
    markup: [],
    columnHeadings: ["Status 状态", "说明", "vm_state 状态", "task_state 状态", "vm_state", "task_state", "status"],
  },
  {
    spec: "spec/openstack-vm-states-old.yaml",
    source: "seeds/004_d037b9c272e43823.txt",
    markup: [
      [
        /^summaryrefslogtreecommitdiffstats$/,
        "the git web view's tab bar (summary, refs, log, tree, commit, diff, stats)",
      ],
      [/^path: root\/nova\/compute\/vm_states\.py$/, "the git web view's path line: the spec's provenance.title"],
      [
        /^blob: 249b693bc5addee13c5ec0a26cdcaca251067a87 \(plain\)$/,
        "the git web view's blob line: the spec's provenance.revision",
      ],
      [/^\d+$/, "the git web view's line-number gutter"],
      [/^# vim: tabstop=4 shiftwidth=4 softtabstop=4$/, "an editor modeline, not text"],
    ],
    columnHeadings: [],
  },
  {
    spec: "spec/openstack-nova-upstream.yaml",
    source: "reference/nova-upstream.md",
    markup: [],
    columnHeadings: [
      "constant",
      "value",
      "source comment",
      "set during",
      "constant / API name",
      "lower-case name in code",
      "vm_state",
      "task_state",
      "status",
      "vm_state filter",
      "task_state filter",
    ],
  },
];

/** Removes markup only; see the comment at the top. Applied to source lines and to spec texts. */
function normalise(text: string): string {
  return text
    .replace(/<[^>]*>/g, "")
    .trim()
    .replace(/^\.\. _([^:]+):$/, "$1")
    .replace(/^\.\. [a-z]+::\s*/, "")
    .replace(/^#+(\s|$)/, "")
    .replace(/^("""|-\s|•\s|\d+\.\s)/, "")
    .replace(/"""$/, "")
    .replace(/\*\*/g, "")
    .replace(/(^|\s)\*([^*\s][^*]*)\*(?=\s|$)/g, "$1$2")
    .replace(/`/g, "")
    .replace(/\\(.)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** A table border or a title underline: nothing but these characters. */
const border = /^[-=+~|:\s]+$/;

interface Spec {
  provenance: { title: string; url?: string; anchor?: string; revision?: string; references?: string[] };
  notes?: { section: string; text: string; editorial?: boolean }[];
  states: Record<string, { section: string; values: SpecEntry[] }>;
  mapping?: {
    section: string;
    rows: { vm_state: string; task_states: "any" | (string | null)[]; status: string; written?: string }[];
  };
  filters?: {
    section: string;
    rows: { status: string; vm_states?: string[]; task_states?: "any" | string[]; rejected?: true }[];
  };
}

/** What the spec holds, normalised like the source, by what it is. */
function specTexts(spec: Spec) {
  const sets = Object.values(spec.states);
  const entries = sets.flatMap((set) => set.values);
  const notes = (spec.notes ?? []).filter((note) => !note.editorial);
  const headings = [
    spec.provenance.title,
    ...sets.map((set) => set.section),
    ...entries.flatMap((entry) => entry.section ?? []),
    ...(spec.notes ?? []).map((note) => note.section),
  ];
  if (spec.mapping) headings.push(spec.mapping.section);
  if (spec.filters) headings.push(spec.filters.section);
  const fields = (values: (string | number | null | undefined)[]) =>
    new Set(values.filter((value) => value !== undefined && value !== null).map((value) => normalise(String(value))));
  return {
    headings: new Set(headings.map(normalise)),
    provenance: fields([
      spec.provenance.url,
      spec.provenance.anchor,
      spec.provenance.revision,
      ...(spec.provenance.references ?? []),
    ]),
    values: fields(entries.flatMap((entry) => [entry.value, entry.name])),
    texts: [...notes.map((note) => note.text), ...entries.flatMap((entry) => entry.description ?? [])].map(normalise),
    entries: entries.map((entry) => ({
      entry,
      fields: fields([entry.value, entry.name, entry.codeName, entry.group, entry.description]),
    })),
    rows: [
      // The documents write "no task" as null (Huawei).
      ...(spec.mapping?.rows ?? []).map((row) =>
        fields([
          row.vm_state,
          row.status,
          row.written,
          ...(row.task_states === "any" ? ["any"] : row.task_states.map((task) => task ?? "null")),
        ]),
      ),
      ...(spec.filters?.rows ?? []).map((row) =>
        fields([
          row.status,
          ...(row.rejected ? ["(rejected)"] : []),
          ...(row.vm_states ?? []),
          ...(row.task_states === "any" ? ["any"] : (row.task_states ?? [])),
        ]),
      ),
    ],
    sections: headings,
  };
}

type Texts = ReturnType<typeof specTexts>;

/** What a source line is in the spec, or undefined when the spec does not hold it. */
function classify(raw: string, line: string, texts: Texts, columnHeadings: Set<string>): string | undefined {
  if (texts.headings.has(line)) return "heading";
  if (texts.provenance.has(line)) return "provenance";
  if (texts.values.has(line)) return "value";
  if (texts.texts.includes(line)) return "note or description";
  if (raw.trim().startsWith("|")) {
    // A table row: each cell (a cell may list several values, comma-separated) is a field of one entry or one row.
    const cells = raw
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map(normalise)
      .filter((cell) => cell !== "");
    if (cells.every((cell) => columnHeadings.has(cell))) return "column headings";
    const tokens = cells.flatMap((cell) =>
      texts.entries.some(({ fields }) => fields.has(cell)) ? [cell] : cell.split(", "),
    );
    if (texts.entries.some(({ fields }) => tokens.every((token) => fields.has(token)))) return "value row";
    if (texts.rows.some((fields) => tokens.every((token) => fields.has(token)))) return "mapping or filter row";
    return undefined;
  }
  if (columnHeadings.has(line)) return "column headings";
  // A table whose cells are lines of their own (003's HTML): one cell of a mapping row.
  if (texts.rows.some((fields) => fields.has(line))) return "mapping row cell";
  for (const { entry } of texts.entries) {
    const value = String(entry.value);
    const description = entry.description === undefined ? undefined : normalise(entry.description);
    // "VALUE. description" (002, 000's power states and task states), "VALUE: description" (002), "value description" (001's simple table).
    if (
      description !== undefined &&
      [`${value}. ${description}`, `${value}: ${description}`, `${value} ${description}`].includes(line)
    )
      return "value and description";
    // A Python constant (004): NAME = 'value', then the start of its description as a comment.
    const constant = /^(\w+) = '([^']*)'(?: # (.*))?$/.exec(line);
    if (
      constant &&
      constant[1] === entry.name &&
      constant[2] === value &&
      (constant[3] === undefined ? description === undefined : description?.startsWith(constant[3]))
    )
      return "constant";
  }
  // A list of values on one line (nova-upstream's "The 20 API statuses").
  const listed = line.replace(/\.$/, "").split(", ");
  if (listed.length > 1 && listed.every((value) => texts.values.has(value))) return "value list";
  // A line the source wraps: part of one note or description.
  if (texts.texts.some((text) => text.includes(line))) return "part of a note or description";
  return undefined;
}

const folder = sourcesFolder();
const required = process.env.STATESPEC_REQUIRE_TOOLS === "1";

if (folder === undefined && !required) {
  console.warn(
    "transcription.test.ts skipped: the source documents were not found beside the checkout (../shared/seeds); set STATESPEC_SOURCES",
  );
}

describe.skipIf(folder === undefined && !required)("each spec holds its whole source document", () => {
  for (const testCase of cases) {
    describe(testCase.spec, () => {
      const load = () => {
        if (folder === undefined)
          throw new Error(
            "the source documents were not found (../shared/seeds, ../shared/reference or STATESPEC_SOURCES)",
          );
        const sourceLines = readFileSync(join(folder, testCase.source), "utf8").split("\n");
        return { sourceLines, texts: specTexts(parse(readFileSync(testCase.spec, "utf8")) as Spec) };
      };

      it("every non-empty line of the source is in the spec, or is markup", () => {
        const { sourceLines, texts } = load();
        const columnHeadings = new Set(testCase.columnHeadings);
        const missing: string[] = [];
        sourceLines.forEach((raw, index) => {
          if (raw.trim() === "") return;
          if (testCase.markup.some(([pattern]) => pattern.test(raw.trim()))) return;
          const line = normalise(raw);
          if (line === "" || border.test(line)) return; // markup only: tags, a bare comment mark, a border
          if (classify(raw, line, texts, columnHeadings) === undefined)
            missing.push(`${testCase.source}:${index + 1}: ${line}`);
        });
        expect(missing).toEqual([]);
      });

      it("every note, description and heading of the spec is text of the source", () => {
        const { sourceLines, texts } = load();
        const lines = sourceLines.map(normalise).filter((line) => line !== "");
        const joined = lines.join(" ");
        expect(texts.texts.filter((text) => !joined.includes(text))).toEqual([]);
        // A heading as the document writes it is a line of its own; a document without headings files under its title.
        const title = normalise(texts.sections[0]);
        expect(joined).toContain(title);
        expect(
          texts.sections.map(normalise).filter((section) => section !== title && !lines.includes(section)),
        ).toEqual([]);
      });

      it("every markup rule of this test still matches a line", () => {
        const { sourceLines } = load();
        for (const [pattern, reason] of testCase.markup)
          expect(
            sourceLines.some((raw) => pattern.test(raw.trim())),
            reason,
          ).toBe(true);
      });
    });
  }
});
