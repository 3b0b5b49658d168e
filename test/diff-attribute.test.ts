// The rule that names a changed pair's cause, table-driven: which origin of the two answers decides, and that a pair
// no cause explains lands in an explicit "other" finding instead of being dropped. And the schema names every kind.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LateCauses, pairCause, type VendorCauses } from "../generator/diff/attribute.js";
import { finding, findingKinds, type Finding } from "../generator/diff/findings.js";
import type { PairChange } from "../generator/diff/pairs.js";
import { rowKey } from "../generator/diff/rows.js";
import type { Answer, Vendor } from "../generator/model/model.js";

const at = { file: "spec/a.yaml", line: 3, column: 1 };
const row = (vmState: string, taskState: string | null, status: string): Answer => ({
  status,
  origin: {
    kind: "row",
    row: {
      document: "a",
      vmState,
      task: taskState === null ? { kind: "none" } : { kind: "task", taskState },
      status,
      section: "Table",
      location: at,
    },
  },
});
const policy = (status: string): Answer => ({ status, origin: { kind: "policy" } });
const inherited = (answer: Answer): Answer => ({
  status: answer.status,
  origin: { kind: "fallback", vendor: "openstack", origin: answer.origin },
});

const rowFinding = finding(
  "info",
  "acme",
  {
    kind: "row-changed",
    cause: "row",
    document: "a",
    vmState: "active",
    taskState: "rebooting",
    before: "REBOOT",
    after: "ACTIVE",
  },
  "row changed",
  [],
);
const policyFinding = finding(
  "info",
  "acme",
  {
    kind: "policy-changed",
    cause: "policy",
    document: "a",
    before: { fallback: "openstack", why: "." },
    after: { status: "UNKNOWN", why: "." },
    notes: [],
  },
  "policy changed",
  [],
);
const valueFinding = finding(
  "warning",
  "acme",
  { kind: "value-added", cause: "value", stateKind: "task_state", value: "shelving" },
  "value added",
  [],
);

function causes(extra: Partial<VendorCauses>): VendorCauses {
  return {
    before: {} as Vendor,
    after: {} as Vendor,
    renames: [],
    rows: new Map(),
    addedOrRemoved: new Map(),
    ...extra,
  };
}

const table: [name: string, change: PairChange, given: Partial<VendorCauses>, expected: Finding["kind"]][] = [
  [
    "the row the new answer comes from changed",
    {
      vmState: "active",
      task: "rebooting",
      before: row("active", "rebooting", "REBOOT"),
      after: row("active", "rebooting", "ACTIVE"),
    },
    { rows: new Map([[rowKey("active", "rebooting"), rowFinding]]) },
    "row-changed",
  ],
  [
    "the old answer's row changed, the new one is the policy",
    { vmState: "active", task: "rebooting", before: row("active", "rebooting", "REBOOT"), after: policy("UNKNOWN") },
    { rows: new Map([[rowKey("active", "rebooting"), rowFinding]]), policy: policyFinding },
    "row-changed",
  ],
  [
    "inherited before, the fixed status after: the policy",
    { vmState: "active", task: "shelving", before: inherited(row("active", null, "ACTIVE")), after: policy("UNKNOWN") },
    { policy: policyFinding },
    "policy-changed",
  ],
  [
    "a task state only one side has",
    {
      vmState: "active",
      task: "shelving",
      before: inherited(row("active", null, "ACTIVE")),
      after: inherited(row("active", "shelving", "SHELVING")),
    },
    { addedOrRemoved: new Map([["task_state\u0000shelving", valueFinding]]) },
    "value-added",
  ],
  [
    "both inherited: the fallback's answer changed",
    {
      vmState: "active",
      task: "resize_prep",
      before: inherited(row("active", "resize_prep", "RESIZE")),
      after: inherited(row("active", "resize_prep", "MIGRATING")),
    },
    {},
    "fallback-changed",
  ],
  [
    "unchanged rows on both sides and nothing else: other",
    {
      vmState: "active",
      task: "rebooting",
      before: row("active", "rebooting", "REBOOT"),
      after: row("active", null, "ACTIVE"),
    },
    {},
    "other",
  ],
];

describe("the cause of a changed pair", () => {
  for (const [name, change, given, expected] of table) {
    it(name, () => {
      const late = new LateCauses("acme");
      const cause = pairCause(change, causes(given), late);
      expect(cause.kind).toBe(expected);
      // A late cause is made once per vendor and is what the diff reports: the pair is never dropped.
      if (expected === "other") expect(late.other).toBe(cause);
      if (expected === "fallback-changed") expect(late.fallback).toBe(cause);
    });
  }
});

describe("the published diff schema", () => {
  it("names exactly the finding kinds the diff reports", () => {
    const schema = JSON.parse(readFileSync("generator/diff/diff.schema.json", "utf8"));
    const kinds = Object.entries(
      schema.$defs as Record<string, { properties?: { kind?: { const?: string; enum?: string[] } } }>,
    )
      .filter(([name]) => name.endsWith("Finding"))
      .flatMap(([, definition]) => definition.properties?.kind?.enum ?? [definition.properties!.kind!.const!]);
    expect([...kinds].sort()).toEqual([...findingKinds].sort());
  });
});
