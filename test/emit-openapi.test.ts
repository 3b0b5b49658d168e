// The OpenAPI emitter, row by row: a spec fragment in, the parts of openapi.yaml that matter out, read back by a
// YAML 1.1 parser and a 1.2 one alike (each part compared whole), plus the lines where the quoting is the point.
// Every fragment a row emits must also be a valid OpenAPI 3.1 document.
import { Validator } from "@seriousme/openapi-schema-validator";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { at, emitted, expectLines, fallsBackToNova, novaLike, type Given, activeAny } from "./helpers/emit-table.js";

interface Want {
  /** Per dot path of acme/openapi.yaml: the value there. */
  parts: Record<string, unknown>;
  /** Blocks of consecutive lines the file must hold. */
  lines?: string[];
}

const schemas = "components.schemas";

const table: [string, { given: Given; want: Want }][] = [
  [
    "a value set: enum, member names and one description per value, in one convention",
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
        parts: {
          [`${schemas}.TaskState.enum`]: ["rebooting", "powering-off"],
          [`${schemas}.TaskState.x-enum-varnames`]: ["REBOOTING", "POWERING_OFF"],
          [`${schemas}.TaskState.x-enum-descriptions`]: ["Rebooting.", ""],
          [`${schemas}.TaskState.x-enumDescriptions`]: undefined,
        },
      },
    },
  ],
  [
    "an empty set is its type alone",
    {
      given: { specs: { "a.yaml": { states: { vm_state: [], task_state: [] }, rows: [] } } },
      want: {
        parts: {
          [`${schemas}.VmState`]: {
            type: "string",
            description: "OS-EXT-STS:vm_state: acme's documents list no values, so any string is accepted.",
          },
          [`${schemas}.PowerState`]: {
            type: "integer",
            description: "OS-EXT-STS:power_state: acme's documents list no values, so any integer is accepted.",
          },
          // No pair derives a status that selects a server: the filter offers nothing.
          [`${schemas}.ServerStatus.enum`]: ["UNKNOWN"],
        },
      },
    },
  ],
  [
    "values that collide after folding get distinct x-enum-varnames",
    {
      given: {
        specs: {
          "a.yaml": {
            states: {
              vm_state: ["active", "Active", "active_2"],
              task_state: ["powering-off", "powering_off", "POWERING_OFF"],
            },
            rows: activeAny,
          },
        },
      },
      want: {
        parts: {
          [`${schemas}.VmState.x-enum-varnames`]: ["ACTIVE", "ACTIVE_3", "ACTIVE_2"],
          [`${schemas}.TaskState.x-enum-varnames`]: [
            "POWERING_HYPHEN_OFF",
            "POWERING_UNDERSCORE_OFF",
            "POWERING_UNDERSCORE_OFF_2",
          ],
        },
      },
    },
  ],
  [
    "values and texts a YAML 1.1 parser would misread are quoted",
    {
      given: {
        specs: {
          "a.yaml": {
            states: { vm_state: ["active"], task_state: [{ value: "yes", description: "on" }, "off", "null", "Y"] },
            rows: activeAny,
          },
        },
      },
      want: {
        parts: {
          [`${schemas}.TaskState.enum`]: ["yes", "off", "null", "Y"],
          [`${schemas}.TaskState.x-enum-varnames`]: ["YES", "OFF", "NULL", "Y"],
          [`${schemas}.TaskState.x-enum-descriptions`]: ["on", "", "", ""],
        },
        lines: [
          '      enum:\n        - "yes"\n        - "off"\n        - "null"\n        - "Y"',
          '      x-enum-descriptions:\n        - "on"\n        - ""',
        ],
      },
    },
  ],
  [
    "a description with quotes, a backslash, ': ', ' #' and a line break reads back unchanged",
    {
      given: {
        specs: {
          "a.yaml": {
            states: {
              vm_state: [{ value: "active", description: 'Says "hard" \\ now: # not a comment\nsecond line' }],
            },
            rows: activeAny,
          },
        },
      },
      want: {
        parts: { [`${schemas}.VmState.x-enum-descriptions`]: ['Says "hard" \\ now: # not a comment\nsecond line'] },
      },
    },
  ],
  [
    "a vendor with a fallback: inherited values are marked as such",
    {
      given: { specs: { "nova.yaml": novaLike, "acme.yaml": fallsBackToNova } },
      want: {
        parts: {
          [`${schemas}.VmState.enum`]: ["active", "shelved"],
          [`${schemas}.VmState.x-enum-descriptions`]: ["Up.", "inherited from nova; no document of acme lists it"],
          [`${schemas}.ServerStatus.enum`]: ["ACTIVE", "SHELVED", "UNKNOWN"],
        },
      },
    },
  ],
  [
    "the status filter offers only statuses that select a server, in any case, each with what it selects",
    {
      given: {
        specs: {
          "a.yaml": {
            states: { vm_state: ["active", "stopped"], task_state: ["rebooting"], status: ["ACTIVE", "SHELVED"] },
            rows: [
              ["active", "any", "ACTIVE"],
              ["active", ["rebooting"], "REBOOT"],
              ["stopped", [null], "SHUTOFF"],
            ],
          },
        },
      },
      want: {
        parts: {
          [`${schemas}.ServerStatusFilter.enum`]: undefined,
          [`${schemas}.ServerStatusFilter.anyOf`]: [
            {
              title: "ACTIVE",
              description: "vm_state active; any task_state",
              examples: ["ACTIVE"],
              pattern: "^[aA][cC][tT][iI][vV][eE]$",
            },
            {
              title: "REBOOT",
              description: "vm_state active; task_state rebooting",
              examples: ["REBOOT"],
              pattern: "^[rR][eE][bB][oO][oO][tT]$",
            },
            {
              title: "SHUTOFF",
              description: "vm_state stopped; task_state null",
              examples: ["SHUTOFF"],
              pattern: "^[sS][hH][uU][tT][oO][fF][fF]$",
            },
          ],
          "components.parameters.ServerStatusQuery": {
            name: "status",
            in: "query",
            required: false,
            description: "Filter the list-servers call by status.",
            schema: { $ref: "#/components/schemas/ServerStatusFilter" },
          },
        },
      },
    },
  ],
  [
    "a translation follows the document's description in the one description of the value",
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
        parts: {
          [`${schemas}.VmState.x-enum-descriptions`]: ["Running.\n\nzh-CN: 运行中。"],
          [`${schemas}.VmState.x-enum-descriptions-zh-CN`]: undefined,
        },
      },
    },
  ],
  [
    "the filter's pattern: a k also matches the Kelvin sign (Python lower-cases it to k), a dot is escaped",
    {
      given: {
        specs: {
          "a.yaml": { states: { vm_state: ["active"], status: ["LOCKED.1"] }, rows: [["active", "any", "LOCKED.1"]] },
        },
      },
      want: { parts: { [`${schemas}.ServerStatusFilter.anyOf.0.pattern`]: "^[lL][oO][cC][kK\\u212A][eE][dD]\\.1$" } },
    },
  ],
  [
    "no status selects a server: the filter accepts nothing",
    {
      given: { specs: { "a.yaml": { states: { vm_state: [], task_state: [] }, rows: [] } } },
      want: {
        parts: { [`${schemas}.ServerStatusFilter.not`]: {}, [`${schemas}.ServerStatusFilter.anyOf`]: undefined },
      },
    },
  ],
  [
    "servers and paths are written out for linters, and the file says so",
    {
      given: { specs: { "a.yaml": { states: { vm_state: ["active"] }, rows: activeAny } } },
      want: {
        parts: { servers: [{ url: "/" }], paths: {} },
        lines: [
          "# servers and paths hold OpenAPI's defaults (the server \"/\", no operations) for linters only: redocly's",
        ],
      },
    },
  ],
];

// One validator for every row: building it compiles the OpenAPI 3.1 meta-schema.
const validator = new Validator();

describe("OpenAPI emitter", () => {
  it.each(table)("%s", async (_, { given, want }) => {
    const files = await emitted("openapi", given);
    const text = files.get("acme/openapi.yaml");
    for (const version of ["1.1", "1.2"] as const) {
      const document = parse(text ?? "", { version });
      for (const [where, value] of Object.entries(want.parts))
        expect(at(document, where), `YAML ${version}: ${where}`).toEqual(value);
    }
    for (const block of want.lines ?? []) expectLines(text, block, "acme/openapi.yaml");
    for (const [path, contents] of files) {
      const result = await validator.validate(parse(contents));
      expect(result.errors ?? [], `${path} is valid OpenAPI 3.1`).toEqual([]);
    }
  });
});
