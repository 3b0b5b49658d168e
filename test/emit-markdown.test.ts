// The Markdown emitter, row by row: a spec fragment in, the lines of the pages that matter out. Every page a row
// emits must also pass markdownlint with the repository's config.
import { readFileSync } from "node:fs";
import { lint } from "markdownlint/sync";
import { describe, expect, it } from "vitest";
import { emitted, expectLines, fallsBackToNova, novaLike, type Given, activeAny } from "./helpers/emit-table.js";

interface Want {
  /** Blocks of consecutive lines each page must hold. */
  lines: Record<string, string[]>;
  /** Text each page must not hold. */
  lacks?: Record<string, string[]>;
}

const derivationHeader = "| vm_state | status | but for these task states |\n| --- | --- | --- |";

const table: [string, { given: Given; want: Want }][] = [
  [
    "a value set is a table in document order with its descriptions; a set without any is a list",
    {
      given: {
        specs: {
          "a.yaml": {
            states: {
              vm_state: ["active"],
              task_state: [{ value: "rebooting", description: "Rebooting." }, "powering-off"],
            },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: {
          "acme/README.md": [
            "## task_state\n\nReported in `OS-EXT-STS:task_state`. Listed by `a`.\n\n| value | description |\n| --- | --- |\n| `rebooting` | Rebooting. |\n| `powering-off` | |",
            "## vm_state\n\nReported in `OS-EXT-STS:vm_state`. Listed by `a`.\n\n`active`",
            "Reported in `status`. No value list of the documents declares them: the mapping rows use them.\n\n`ACTIVE`, `UNKNOWN`",
          ],
        },
      },
    },
  ],
  [
    "an empty set says so instead of an empty table",
    {
      given: { specs: { "a.yaml": { states: { vm_state: [], task_state: [] }, rows: [] } } },
      want: {
        lines: {
          "acme/README.md": [
            `${derivationHeader}\n| any other vm_state | \`UNKNOWN\`&nbsp;← \`policy\` | |\n\nThe documents give no mapping rows.`,
            "## vm_state\n\nReported in `OS-EXT-STS:vm_state`.\n\nNo values are documented.",
          ],
        },
      },
    },
  ],
  [
    "values that collide after folding show their distinct member names",
    {
      given: {
        specs: {
          "a.yaml": {
            states: { vm_state: ["active"], task_state: ["powering-off", "powering_off", "POWERING_OFF"] },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: {
          "acme/README.md": [
            "| value | name |\n| --- | --- |\n| `powering-off` | `POWERING_HYPHEN_OFF` |\n| `powering_off` | `POWERING_UNDERSCORE_OFF` |\n| `POWERING_OFF` | `POWERING_UNDERSCORE_OFF_2` |",
          ],
        },
      },
    },
  ],
  [
    "a description's pipes, emphasis marks, HTML, backslashes and line breaks are escaped, so the table stays one row",
    {
      given: {
        specs: {
          "a.yaml": {
            states: { vm_state: [{ value: "active", description: "a | b *c* `d` <b>e</b> C:\\x #1\nnext" }] },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: {
          "acme/README.md": ["| `active` | a \\| b \\*c\\* \\`d\\` &lt;b>e&lt;/b> C:\\x #1<br>next |"],
        },
      },
    },
  ],
  [
    "the effective derivation: one row per vm_state, its answer, and the task states that answer otherwise",
    {
      given: {
        specs: {
          "a.yaml": {
            states: { vm_state: ["active", "stopped"], task_state: ["rebooting"] },
            rows: [
              ["active", "any", "ACTIVE"],
              ["active", ["rebooting"], "REBOOT"],
              ["stopped", [null], "SHUTOFF"],
            ],
          },
        },
      },
      want: {
        lines: {
          "acme/README.md": [
            `${derivationHeader}\n| \`active\` | \`ACTIVE\`&nbsp;← \`row a:25\` | \`REBOOT\` for \`rebooting\`&nbsp;← \`row a:30\` |\n| \`stopped\` | \`UNKNOWN\`&nbsp;← \`policy\` | \`SHUTOFF\` for no task (\`null\`)&nbsp;← \`row a:34\` |\n| any other vm_state | \`UNKNOWN\`&nbsp;← \`policy\` | |`,
          ],
        },
      },
    },
  ],
  [
    "a vendor with a fallback: inherited answers name the fallback, inherited values are marked and the mark explained",
    {
      given: { specs: { "nova.yaml": novaLike, "acme.yaml": fallsBackToNova } },
      want: {
        lines: {
          "acme/README.md": [
            "† marks a value no document of `acme` gives: inherited from `nova`.",
            `${derivationHeader}\n| \`active\` | \`ACTIVE\`&nbsp;← \`row acme:25\` | |\n| \`shelved\` | \`SHELVED\`&nbsp;← \`nova: row nova:40\` | |\n| any other vm_state | \`UNKNOWN\`&nbsp;← \`nova: policy\` | |`,
            "No row of `acme` overrides `nova`: each gives the status `nova` derives for its pair.",
            "| value | description |\n| --- | --- |\n| `active` | Up. |\n| `shelved`&nbsp;† | |",
          ],
          "README.md": ["| `shelved` | `SHELVED`&nbsp;† | `SHELVED` |"],
        },
      },
    },
  ],
  [
    "a status stands once in a row, with each origin's task states; the rows that override the fallback are listed",
    {
      given: {
        specs: {
          "nova.yaml": novaLike,
          "acme.yaml": {
            vendor: { id: "acme", uncovered: { fallback: "nova", why: "Runs Nova." } },
            states: { vm_state: ["active"], task_state: ["rebooting"], status: ["ACTIVE", "BUSY"] },
            rows: [
              ["active", [null], "ACTIVE"],
              ["active", ["rebooting"], "BUSY"],
            ],
          },
        },
      },
      want: {
        lines: {
          "acme/README.md": [
            "| `active` | `ACTIVE`&nbsp;← `nova: row nova:33`; for no task (`null`)&nbsp;← `row acme:31` | `BUSY` for `rebooting`&nbsp;← `row acme:35` |",
            "The rows of `acme` that answer a pair otherwise than `nova` does, and so override it:\n\n- `active` + `rebooting`: `BUSY`&nbsp;← `row acme:35`, where `nova` gives `REBOOT`&nbsp;← `row nova:38`",
          ],
        },
        lacks: { "acme/README.md": ["`ACTIVE` for", "`active` + no task"] },
      },
    },
  ],
  [
    "notes stand under their section; an editorial note is not shown",
    {
      given: {
        specs: {
          "a.yaml": {
            notes: [
              { section: "Intro", text: "All | states *here*." },
              { section: "Intro", text: "A transcriber's remark.", editorial: true },
            ],
            states: { vm_state: ["active"] },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: { "acme/README.md": ["- Intro\n  - All \\| states \\*here\\*."] },
        lacks: { "acme/README.md": ["transcriber's remark"] },
      },
    },
  ],
  [
    "a translation gets a page of its own in its locale",
    {
      given: {
        specs: {
          "a.yaml": { states: { vm_state: [{ value: "active", description: "Running." }] }, rows: activeAny },
          "a-zh.yaml": {
            id: "a-zh-CN",
            vendor: { id: "acme" },
            translates: "a",
            locale: "zh-CN",
            states: { vm_state: [{ value: "active", description: "运行中。" }] },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: {
          "acme/README.md": ["| value | description |\n| --- | --- |\n| `active` | Running. |"],
          "acme/README.zh-CN.md": ["| 取值 | 说明 |\n| --- | --- |\n| `active` | 运行中。 |", "- 译自 `a`"],
        },
      },
    },
  ],
];

const markdownlintConfig = JSON.parse(readFileSync(".markdownlint.json", "utf8"));

describe("Markdown emitter", () => {
  it.each(table)("%s", async (_, { given, want }) => {
    const files = await emitted("markdown", given);
    for (const [path, blocks] of Object.entries(want.lines))
      for (const block of blocks) expectLines(files.get(path), block, path);
    for (const [path, texts] of Object.entries(want.lacks ?? {}))
      for (const text of texts) expect(files.get(path), path).not.toContain(text);
    const pages = Object.fromEntries([...files].filter(([path]) => path.endsWith(".md")));
    expect(lint({ strings: pages, config: markdownlintConfig }).toString()).toBe("");
  });
});

describe("the zh-CN page", () => {
  it("has no English sentence in its own voice: only code, links, identifiers and marked quotes of spec text", () => {
    const page = readFileSync("out/huawei-ecs/README.zh-CN.md", "utf8");
    const own = page
      // The header every generated file carries (tools read it), a comment no reader sees.
      .replace(/^<!-- Generated by statespec .* -->$/m, "")
      .replace(/(`+)[\s\S]*?\1/g, "")
      .replace(/\[[^\]]*\]\([^)]*\)|<[^>\s]*>/g, "")
      .replace(/“[^”]*”（英文原文）/g, "");
    const english = own.match(/[A-Za-z']+(?:,? [A-Za-z']+){2,}/g) ?? [];
    expect(english).toEqual([]);
    expect(page).toMatch(/“[^”]*The project reads[^”]*”（英文原文）/);
  });
});
