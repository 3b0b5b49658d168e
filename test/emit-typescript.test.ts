// The TypeScript emitter, row by row: a spec fragment in, the lines of index.ts that matter out. Every module a row
// emits is then compiled together with tsc --strict, so no row passes on text that does not compile.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { typeCheck } from "./helpers/typecheck.js";
import { emitted, expectLines, fallsBackToNova, novaLike, type Given, activeAny } from "./helpers/emit-table.js";

interface Want {
  /** Blocks of consecutive lines each file must hold. */
  lines: Record<string, string[]>;
  /** Text each file must not hold. */
  lacks?: Record<string, string[]>;
}

const oneVmState = { vm_state: ["active"] };

const table: [string, { given: Given; want: Want }][] = [
  [
    "a value set is an enum in document order, a description is its member's JSDoc",
    {
      given: {
        specs: {
          "a.yaml": {
            states: { ...oneVmState, task_state: [{ value: "rebooting", description: "Rebooting." }, "powering-off"] },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: {
          "acme/index.ts": [
            'export enum TaskState {\n  /** Rebooting. */\n  REBOOTING = "rebooting",\n  POWERING_OFF = "powering-off",\n}',
            "export const taskStates: readonly TaskState[] = [TaskState.REBOOTING, TaskState.POWERING_OFF];",
          ],
        },
      },
    },
  ],
  [
    "const style: an as-const object and the union of its values, no enum",
    {
      given: {
        enumStyle: "const",
        specs: {
          "a.yaml": {
            states: { ...oneVmState, task_state: [{ value: "rebooting", description: "Rebooting." }] },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: {
          "acme/index.ts": [
            'export const TaskState = {\n  /** Rebooting. */\n  REBOOTING: "rebooting",\n} as const;\n\nexport type TaskState = (typeof TaskState)[keyof typeof TaskState];',
          ],
        },
        lacks: { "acme/index.ts": ["enum "] },
      },
    },
  ],
  [
    "an empty set is the plain type with an empty list, not an empty enum",
    {
      given: { specs: { "a.yaml": { states: { vm_state: [], task_state: [] }, rows: [] } } },
      want: {
        lines: {
          "acme/index.ts": [
            "/** `OS-EXT-STS:vm_state`: acme's documents list no values, so any string is accepted. */\nexport type VmState = string;\n\n/** Every VmState in document order. */\nexport const vmStates: readonly VmState[] = [];",
            '/** True when `value` is a PowerState documented for acme. */\nexport function isPowerState(value: unknown): value is PowerState {\n  return typeof value === "number";\n}',
            // No document status and no row: the only status is the one uncovered pairs answer.
            'export enum ServerStatus {\n  UNKNOWN = "UNKNOWN",\n}',
            // No vm_state to be exhaustive over: the table is partial, and empty.
            "export const derivationTable: { readonly [K in VmState]?: VmStateStatuses } = {};",
          ],
        },
        lacks: { "acme/index.ts": ["export enum VmState", "export enum TaskState", "export enum PowerState"] },
      },
    },
  ],
  [
    "values that collide after case and punctuation folding spell out their separators, then count",
    {
      given: {
        specs: {
          "a.yaml": {
            states: { ...oneVmState, task_state: ["powering-off", "powering_off", "POWERING_OFF", "powering.off"] },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: {
          "acme/index.ts": [
            'export enum TaskState {\n  POWERING_HYPHEN_OFF = "powering-off",\n  POWERING_UNDERSCORE_OFF = "powering_off",\n  POWERING_UNDERSCORE_OFF_2 = "POWERING_OFF",\n  POWERING_DOT_OFF = "powering.off",\n}',
          ],
        },
      },
    },
  ],
  [
    "the same collisions in const style",
    {
      given: {
        enumStyle: "const",
        specs: {
          "a.yaml": {
            states: { ...oneVmState, task_state: ["powering-off", "powering_off", "POWERING_OFF"] },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: {
          "acme/index.ts": [
            'export const TaskState = {\n  POWERING_HYPHEN_OFF: "powering-off",\n  POWERING_UNDERSCORE_OFF: "powering_off",\n  POWERING_UNDERSCORE_OFF_2: "POWERING_OFF",\n} as const;',
          ],
        },
      },
    },
  ],
  [
    "a value keeps its own plain name; values that share one count past every name taken",
    {
      given: {
        specs: { "a.yaml": { states: { vm_state: ["active", "Active", "active_2", "constructor"] }, rows: activeAny } },
      },
      want: {
        lines: {
          "acme/index.ts": [
            'export enum VmState {\n  ACTIVE = "active",\n  ACTIVE_3 = "Active",\n  ACTIVE_2 = "active_2",\n  CONSTRUCTOR = "constructor",\n}',
          ],
        },
      },
    },
  ],
  [
    "a description that would end the comment is escaped; quotes and backslashes stay as written",
    {
      given: {
        specs: {
          "a.yaml": {
            states: {
              ...oneVmState,
              task_state: [{ value: "rebooting", description: 'Rebooting "hard" */ now, C:\\path' }],
            },
            rows: activeAny,
          },
        },
      },
      want: {
        lines: { "acme/index.ts": ['  /** Rebooting "hard" *\\/ now, C:\\path */\n  REBOOTING = "rebooting",'] },
      },
    },
  ],
  [
    "power states are integers named by the document's name, else STATE_<n>",
    {
      given: {
        specs: {
          "a.yaml": { states: { ...oneVmState, power_state: [{ value: 1, name: "RUNNING" }, 4] }, rows: activeAny },
        },
      },
      want: {
        lines: {
          "acme/index.ts": [
            "export enum PowerState {\n  RUNNING = 1,\n  STATE_4 = 4,\n}",
            '  return typeof value === "number" && (powerStates as readonly number[]).includes(value);',
          ],
        },
      },
    },
  ],
  [
    "the derivation table: per vm_state the any-task answer, the exceptions, and the fixed status where no row covers it",
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
          "acme/index.ts": [
            // Keyed and typed by the enums, exhaustive over VmState; no task is `noTask`, task states are `tasks`.
            "export const derivationTable: { readonly [K in VmState]: VmStateStatuses } = {\n  [VmState.ACTIVE]: {\n    other: ServerStatus.ACTIVE,\n    tasks: { [TaskState.REBOOTING]: ServerStatus.REBOOT },\n  },",
            "  [VmState.STOPPED]: { other: ServerStatus.UNKNOWN, noTask: ServerStatus.SHUTOFF },\n};",
            "export const UNKNOWN_STATUS: DerivedStatus = ServerStatus.UNKNOWN;",
            '  ["reboot", { vmStates: [VmState.ACTIVE], taskStates: [TaskState.REBOOTING] }],\n  ["shutoff", { vmStates: [VmState.STOPPED], taskStates: [null] }],',
          ],
        },
      },
    },
  ],
  [
    "a vendor with a fallback gets the fallback's values its derivation needs, marked as inherited, and its own row wins",
    {
      given: { specs: { "nova.yaml": novaLike, "acme.yaml": fallsBackToNova } },
      want: {
        lines: {
          "acme/index.ts": [
            'export enum VmState {\n  /** Up. */\n  ACTIVE = "active",\n  /** inherited from nova; no document of acme lists it */\n  SHELVED = "shelved",\n}',
            // acme's own any-task row answers active + rebooting, so nova's REBOOT row and rebooting are not needed.
            "  [VmState.ACTIVE]: { other: ServerStatus.ACTIVE },\n  [VmState.SHELVED]: { other: ServerStatus.SHELVED },",
            'export const vendor = { id: "acme", documents: ["acme"], uncovered: { fallback: "nova" } } as const;',
          ],
        },
        lacks: { "acme/index.ts": ["REBOOT"] },
      },
    },
  ],
  [
    "DerivedStatus is ServerStatus where every status is derived, else the derived ones in document order",
    {
      given: { specs: { "a.yaml": { states: { ...oneVmState, status: ["SHELVED", "ACTIVE"] }, rows: activeAny } } },
      want: {
        lines: { "acme/index.ts": ["export type DerivedStatus = ServerStatus.ACTIVE | ServerStatus.UNKNOWN;"] },
        lacks: { "acme/index.ts": ["ServerStatus.SHELVED |", "export type DerivedStatus = ServerStatus;"] },
      },
    },
  ],
  [
    "a key too long for `key: {` (a value of the schema's 128 characters): prettier's break after the colon",
    {
      given: {
        specs: {
          "a.yaml": {
            states: { vm_state: [`a${"b".repeat(127)}`], status: ["ACTIVE"] },
            rows: [[`a${"b".repeat(127)}`, "any", "ACTIVE"]],
          },
        },
      },
      want: {
        lines: {
          "acme/index.ts": [`  [VmState.A${"B".repeat(127)}]:\n    { other: ServerStatus.ACTIVE },`],
        },
      },
    },
  ],
  [
    "a union too long for its line is one member per line (const style: the members' typeof)",
    {
      given: {
        enumStyle: "const",
        specs: {
          "a.yaml": {
            states: {
              vm_state: ["active", "stopped", "paused", "rescued", "error"],
              status: ["ACTIVE", "SHUTOFF", "PAUSED", "RESCUE", "ERROR", "SHELVED"],
            },
            rows: [
              ["active", "any", "ACTIVE"],
              ["stopped", "any", "SHUTOFF"],
              ["paused", "any", "PAUSED"],
              ["rescued", "any", "RESCUE"],
              ["error", "any", "ERROR"],
            ],
          },
        },
      },
      want: {
        lines: {
          "acme/index.ts": [
            [
              "export type DerivedStatus =",
              "  | typeof ServerStatus.ACTIVE",
              "  | typeof ServerStatus.SHUTOFF",
              "  | typeof ServerStatus.PAUSED",
              "  | typeof ServerStatus.RESCUE",
              "  | typeof ServerStatus.ERROR",
              "  | typeof ServerStatus.UNKNOWN;",
            ].join("\n"),
          ],
        },
      },
    },
  ],
  [
    "a translation adds the locale's description under the document's",
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
          "acme/index.ts": [
            'export enum VmState {\n  /**\n   * Running.\n   *\n   * zh-CN: 运行中。\n   */\n  ACTIVE = "active",\n}',
          ],
        },
      },
    },
  ],
];

const compiled = mkdtempSync(join(tmpdir(), "statespec-emit-typescript-"));

describe("TypeScript emitter", () => {
  it.each(table)("%s", async (name, { given, want }) => {
    const files = await emitted("typescript", given);
    for (const [path, blocks] of Object.entries(want.lines))
      for (const block of blocks) expectLines(files.get(path), block, path);
    for (const [path, texts] of Object.entries(want.lacks ?? {}))
      for (const text of texts) expect(files.get(path), path).not.toContain(text);
    // Kept for the compile check below, one folder per row.
    const folder = join(compiled, String(table.findIndex(([rowName]) => rowName === name)));
    for (const [path, contents] of files) {
      mkdirSync(join(folder, path, ".."), { recursive: true });
      writeFileSync(join(folder, path), contents);
    }
  });

  it("every module the rows emit compiles with tsc --strict", async () => {
    const modules = table.flatMap((_, index) =>
      Object.keys(table[index][1].want.lines).map((path) => join(compiled, String(index), path)),
    );
    // Without @types or the DOM library: a generated module needs no globals but the language's (test/artifacts.test.ts
    // compiles a consumer with the default libraries).
    expect(typeCheck(modules, { types: [], lib: ["lib.es2022.d.ts"] }).text).toBe("");
  });

  it("every module the rows emit is formatted as prettier formats it at width 100", async () => {
    const options = { parser: "typescript", printWidth: 100 } as const;
    for (const [index, [, { want }]] of table.entries()) {
      for (const path of Object.keys(want.lines)) {
        const text = readFileSync(join(compiled, String(index), path), "utf8");
        expect(await format(text, options), `row ${index}: ${path}`).toBe(text);
      }
    }
  });
});
