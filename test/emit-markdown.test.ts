// The Markdown emitter, row by row: a spec fragment in, the lines of the pages that matter out. Every page a row
// emits must also pass markdownlint with the repository's config.
import { readFileSync } from "node:fs";
import { lint } from "markdownlint/sync";
import { describe, expect, it } from "vitest";
import { emitted, expectLines, fallsBackToNova, novaLike, type Given } from "./emit-table.js";

interface Want {
  /** Blocks of consecutive lines each page must hold. */
  lines: Record<string, string[]>;
  /** Text each page must not hold. */
  lacks?: Record<string, string[]>;
}

const activeAny: [string, "any", string][] = [["active", "any", "ACTIVE"]];
const valueHeader = "| value | name | description | declared by |\n| --- | --- | --- | --- |";

const table: [string, { given: Given; want: Want }][] = [
  [
    "a value set is a table in document order: value, member name, description, the documents that declare it",
    {
      given: { specs: { "a.yaml": { states: { vm_state: ["active"], task_state: [{ value: "rebooting", description: "Rebooting." }, "powering-off"] }, rows: activeAny } } },
      want: { lines: { "acme/README.md": [`${valueHeader}\n| \`rebooting\` | \`REBOOTING\` | Rebooting. | \`a\` |\n| \`powering-off\` | \`POWERING_OFF\` | — | \`a\` |`] } },
    },
  ],
  [
    "an empty set says so instead of an empty table",
    {
      given: { specs: { "a.yaml": { states: { vm_state: [], task_state: [] }, rows: [] } } },
      want: {
        lines: {
          "acme/README.md": ["## vm_state\n\nReported in `OS-EXT-STS:vm_state`.\n\nNo values are documented.", "### Rows of the documents\n\nThe documents give no mapping rows.", "| any other vm_state | any | `UNKNOWN` | acme's fixed status for uncovered pairs |"],
        },
      },
    },
  ],
  [
    "values that collide after folding show distinct names",
    {
      given: { specs: { "a.yaml": { states: { vm_state: ["active"], task_state: ["powering-off", "powering_off", "POWERING_OFF"] }, rows: activeAny } } },
      want: { lines: { "acme/README.md": [`${valueHeader}\n| \`powering-off\` | \`POWERING_HYPHEN_OFF\` | — | \`a\` |\n| \`powering_off\` | \`POWERING_UNDERSCORE_OFF\` | — | \`a\` |\n| \`POWERING_OFF\` | \`POWERING_UNDERSCORE_OFF_2\` | — | \`a\` |`] } },
    },
  ],
  [
    "a description's pipes, emphasis marks, HTML, backslashes and line breaks are escaped, so the table stays one row",
    {
      given: { specs: { "a.yaml": { states: { vm_state: [{ value: "active", description: "a | b *c* `d` <b>e</b> C:\\x #1\nnext" }] }, rows: activeAny } } },
      want: { lines: { "acme/README.md": ["| `active` | `ACTIVE` | a \\| b \\*c\\* \\`d\\` &lt;b&gt;e&lt;/b&gt; C:\\\\x \\#1<br>next | `a` |"] } },
    },
  ],
  [
    "the effective derivation: each pair's status and where it comes from",
    {
      given: { specs: { "a.yaml": { states: { vm_state: ["active", "stopped"], task_state: ["rebooting"] }, rows: [["active", "any", "ACTIVE"], ["active", ["rebooting"], "REBOOT"], ["stopped", [null], "SHUTOFF"]] } } },
      want: {
        lines: {
          "acme/README.md": [
            "| vm_state | task_state | status | from |\n| --- | --- | --- | --- |\n| `active` | any other | `ACTIVE` | `a` |\n| `active` | `rebooting` | `REBOOT` | `a` |\n| `stopped` | any other | `UNKNOWN` | acme's fixed status for uncovered pairs |\n| `stopped` | no task (`null`) | `SHUTOFF` | `a` |\n| any other vm_state | any | `UNKNOWN` | acme's fixed status for uncovered pairs |",
            '  vm0 -->|"any"| st0\n  vm0 -->|"rebooting"| st1\n  vm1 -->|"null"| st2',
          ],
        },
      },
    },
  ],
  [
    "a vendor with a fallback: inherited answers and values name the vendor they come from",
    {
      given: { specs: { "nova.yaml": novaLike, "acme.yaml": fallsBackToNova } },
      want: {
        lines: {
          "acme/README.md": [
            "| `active` | any other | `ACTIVE` | `acme` |\n| `shelved` | any other | `SHELVED` | inherited from `nova`: `nova` |\n| any other vm_state | any | `UNKNOWN` | inherited from `nova`: nova's fixed status for uncovered pairs |",
            "| `shelved` | `SHELVED` | inherited from nova; no document of acme lists it | none |",
          ],
          "README.md": ["| value | acme | nova |\n| --- | --- | --- |\n| `active` | yes | yes |\n| `shelved` | inherited from nova | yes |"],
        },
      },
    },
  ],
  [
    "notes stand under their section; an editorial note is not shown",
    {
      given: { specs: { "a.yaml": { notes: [{ section: "Intro", text: "All | states *here*." }, { section: "Intro", text: "A transcriber's remark.", editorial: true }], states: { vm_state: ["active"] }, rows: activeAny } } },
      want: { lines: { "acme/README.md": ["- Note (Intro): All \\| states \\*here\\*."] }, lacks: { "acme/README.md": ["transcriber's remark"] } },
    },
  ],
  [
    "a translation gets a page of its own in its locale",
    {
      given: {
        specs: {
          "a.yaml": { states: { vm_state: [{ value: "active", description: "Running." }] }, rows: activeAny },
          "a-zh.yaml": { id: "a-zh-CN", vendor: { id: "acme" }, translates: "a", locale: "zh-CN", states: { vm_state: [{ value: "active", description: "运行中。" }] }, rows: activeAny },
        },
      },
      want: {
        lines: {
          "acme/README.md": ["| `active` | `ACTIVE` | Running. | `a` |"],
          "acme/README.zh-CN.md": ["| 取值 | 名称 | 说明 | 来源文档 |\n| --- | --- | --- | --- |\n| `active` | `ACTIVE` | 运行中。 | `a` |", "- 译自 `a`"],
        },
      },
    },
  ],
];

const markdownlintConfig = JSON.parse(readFileSync(".markdownlint.json", "utf8"));

describe("Markdown emitter", () => {
  it.each(table)("%s", async (_, { given, want }) => {
    const files = await emitted("markdown", given);
    for (const [path, blocks] of Object.entries(want.lines)) for (const block of blocks) expectLines(files.get(path), block, path);
    for (const [path, texts] of Object.entries(want.lacks ?? {})) for (const text of texts) expect(files.get(path), path).not.toContain(text);
    const pages = Object.fromEntries([...files].filter(([path]) => path.endsWith(".md")));
    expect(lint({ strings: pages, config: markdownlintConfig }).toString()).toBe("");
  });
});
