// The TypeScript emitter, row by row: a spec fragment in, the lines of index.ts that matter out. Every module a row
// emits is then compiled together with tsc --strict, so no row passes on text that does not compile.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { emitted, expectLines, fallsBackToNova, novaLike, type Given, activeAny } from "./emit-table.js";

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
      given: { specs: { "a.yaml": { states: { ...oneVmState, task_state: [{ value: "rebooting", description: "Rebooting." }, "powering-off"] }, rows: activeAny } } },
      want: { lines: { "acme/index.ts": ['export enum TaskState {\n  /** Rebooting. */\n  REBOOTING = "rebooting",\n  POWERING_OFF = "powering-off",\n}', "export const taskStates: readonly TaskState[] = [TaskState.REBOOTING, TaskState.POWERING_OFF];"] } },
    },
  ],
  [
    "const style: an as-const object and the union of its values, no enum",
    {
      given: { enumStyle: "const", specs: { "a.yaml": { states: { ...oneVmState, task_state: [{ value: "rebooting", description: "Rebooting." }] }, rows: activeAny } } },
      want: {
        lines: { "acme/index.ts": ['export const TaskState = {\n  /** Rebooting. */\n  REBOOTING: "rebooting",\n} as const;\n\nexport type TaskState = (typeof TaskState)[keyof typeof TaskState];'] },
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
          ],
        },
        lacks: { "acme/index.ts": ["export enum VmState", "export enum TaskState", "export enum PowerState"] },
      },
    },
  ],
  [
    "values that collide after case and punctuation folding spell out their separators, then count",
    {
      given: { specs: { "a.yaml": { states: { ...oneVmState, task_state: ["powering-off", "powering_off", "POWERING_OFF", "powering.off"] }, rows: activeAny } } },
      want: { lines: { "acme/index.ts": ['export enum TaskState {\n  POWERING_HYPHEN_OFF = "powering-off",\n  POWERING_UNDERSCORE_OFF = "powering_off",\n  POWERING_UNDERSCORE_OFF_2 = "POWERING_OFF",\n  POWERING_DOT_OFF = "powering.off",\n}'] } },
    },
  ],
  [
    "the same collisions in const style",
    {
      given: { enumStyle: "const", specs: { "a.yaml": { states: { ...oneVmState, task_state: ["powering-off", "powering_off", "POWERING_OFF"] }, rows: activeAny } } },
      want: { lines: { "acme/index.ts": ['export const TaskState = {\n  POWERING_HYPHEN_OFF: "powering-off",\n  POWERING_UNDERSCORE_OFF: "powering_off",\n  POWERING_UNDERSCORE_OFF_2: "POWERING_OFF",\n} as const;'] } },
    },
  ],
  [
    "a value keeps its own plain name; values that share one count past every name taken",
    {
      given: { specs: { "a.yaml": { states: { vm_state: ["active", "Active", "active_2", "constructor"] }, rows: activeAny } } },
      want: { lines: { "acme/index.ts": ['export enum VmState {\n  ACTIVE = "active",\n  ACTIVE_3 = "Active",\n  ACTIVE_2 = "active_2",\n  CONSTRUCTOR = "constructor",\n}'] } },
    },
  ],
  [
    "a description that would end the comment is escaped; quotes and backslashes stay as written",
    {
      given: { specs: { "a.yaml": { states: { ...oneVmState, task_state: [{ value: "rebooting", description: 'Rebooting "hard" */ now, C:\\path' }] }, rows: activeAny } } },
      want: { lines: { "acme/index.ts": ['  /** Rebooting "hard" *\\/ now, C:\\path */\n  REBOOTING = "rebooting",'] } },
    },
  ],
  [
    "power states are integers named by the document's name, else STATE_<n>",
    {
      given: { specs: { "a.yaml": { states: { ...oneVmState, power_state: [{ value: 1, name: "RUNNING" }, 4] }, rows: activeAny } } },
      want: { lines: { "acme/index.ts": ["export enum PowerState {\n  RUNNING = 1,\n  STATE_4 = 4,\n}", '  return (\n    typeof value === "number" &&\n    (powerStates as readonly number[]).includes(value)\n  );'] } },
    },
  ],
  [
    "the derivation table: per vm_state the any-task answer, the exceptions, and the fixed status where no row covers it",
    {
      given: { specs: { "a.yaml": { states: { vm_state: ["active", "stopped"], task_state: ["rebooting"] }, rows: [["active", "any", "ACTIVE"], ["active", ["rebooting"], "REBOOT"], ["stopped", [null], "SHUTOFF"]] } } },
      want: {
        lines: {
          "acme/index.ts": [
            '    "active",\n    {\n      other: ServerStatus.ACTIVE,\n      tasks: new Map<string | null, DerivedStatus>([["rebooting", ServerStatus.REBOOT]]),\n    },',
            '    "stopped",\n    {\n      other: ServerStatus.UNKNOWN,\n      tasks: new Map<string | null, DerivedStatus>([[null, ServerStatus.SHUTOFF]]),\n    },',
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
            '  ["active", { other: ServerStatus.ACTIVE, tasks: new Map<string | null, DerivedStatus>([]) }],\n  ["shelved", { other: ServerStatus.SHELVED, tasks: new Map<string | null, DerivedStatus>([]) }],',
            'export const vendor = { id: "acme", documents: ["acme"], uncovered: { fallback: "nova" } } as const;',
          ],
        },
        lacks: { "acme/index.ts": ["REBOOT"] },
      },
    },
  ],
  [
    "a translation adds the locale's description under the document's",
    {
      given: {
        specs: {
          "a.yaml": { states: { vm_state: [{ value: "active", description: "Running." }] }, rows: activeAny },
          "a-zh.yaml": { id: "a-zh-CN", vendor: { id: "acme" }, translates: "a", locale: "zh-CN", states: { vm_state: [{ value: "active", description: "运行中。" }] }, rows: activeAny },
        },
      },
      want: { lines: { "acme/index.ts": ['export enum VmState {\n  /**\n   * Running.\n   *\n   * zh-CN: 运行中。\n   */\n  ACTIVE = "active",\n}'] } },
    },
  ],
];

const compiled = mkdtempSync(join(tmpdir(), "statespec-emit-typescript-"));

describe("TypeScript emitter", () => {
  it.each(table)("%s", async (name, { given, want }) => {
    const files = await emitted("typescript", given);
    for (const [path, blocks] of Object.entries(want.lines)) for (const block of blocks) expectLines(files.get(path), block, path);
    for (const [path, texts] of Object.entries(want.lacks ?? {})) for (const text of texts) expect(files.get(path), path).not.toContain(text);
    // Kept for the compile check below, one folder per row.
    const folder = join(compiled, String(table.findIndex(([rowName]) => rowName === name)));
    for (const [path, contents] of files) {
      mkdirSync(join(folder, path, ".."), { recursive: true });
      writeFileSync(join(folder, path), contents);
    }
  });

  it("every module the rows emit compiles with tsc --strict", async () => {
    const modules = table.flatMap((_, index) => Object.keys(table[index][1].want.lines).map((path) => join(compiled, String(index), path)));
    const tsc = resolve("node_modules/typescript/bin/tsc");
    const flags = ["--strict", "--noEmit", "--skipLibCheck", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext"];
    const result = await promisify(execFile)(process.execPath, [tsc, ...flags, ...modules], { encoding: "utf8" }).catch((error: { stdout: string }) => ({ stdout: error.stdout || String(error) }));
    expect(result.stdout).toBe("");
  });
});
