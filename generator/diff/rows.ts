// Causes about a vendor's derivation rules: its own mapping rows (added, removed, status changed) and its policy for
// pairs its documents do not cover (vendor.uncovered), with the document's notes that say the new rule.
import type { MappingRow, Model, UncoveredPolicy, Vendor } from "../model/model.js";
import { noteChanges } from "./documents.js";
import { finding, type Finding, type NoteChange, type PolicyJson } from "./findings.js";
import { taskText } from "./wording.js";
import { anyOtherTask, taskJson } from "../model/task.js";
import { primaryLocation } from "./values.js";

export const rowKey = (vmState: string, task: string | null) => JSON.stringify([vmState, task]);

/** The row that answers for each (vm_state, task key): the first one, as the derivation takes it. */
function effectiveRows(vendor: Vendor): Map<string, MappingRow> {
  const rows = new Map<string, MappingRow>();
  for (const row of vendor.mapping) {
    const key = rowKey(row.vmState, taskJson(row.task));
    if (!rows.has(key)) rows.set(key, row);
  }
  return rows;
}

/** One finding per (vm_state, task key) whose row is new, gone, or answers another status; keyed by rowKey. */
export function compareRows(before: Vendor, after: Vendor, head: Model): Map<string, Finding> {
  const findings = new Map<string, Finding>();
  const old = effectiveRows(before);
  const now = effectiveRows(after);
  const describe = (row: MappingRow) =>
    `${row.vmState} + ${row.task.kind === "other" ? "any task" : taskText(taskJson(row.task))}`;
  for (const [key, row] of now) {
    const was = old.get(key);
    const task = taskJson(row.task);
    if (!was) {
      findings.set(
        key,
        finding(
          "info",
          after.id,
          {
            kind: "row-added",
            cause: "row",
            document: row.document,
            vmState: row.vmState,
            taskState: task,
            before: null,
            after: row.status,
          },
          `row ${describe(row)} -> ${row.status} was added (${row.document})`,
          [row.vmState, task],
          row.location,
        ),
      );
    } else if (was.status !== row.status) {
      findings.set(
        key,
        finding(
          "info",
          after.id,
          {
            kind: "row-changed",
            cause: "row",
            document: row.document,
            vmState: row.vmState,
            taskState: task,
            before: was.status,
            after: row.status,
          },
          `row ${describe(row)}: status ${was.status} -> ${row.status} (${row.document})`,
          [row.vmState, task, was.status, row.status],
          row.location,
        ),
      );
    }
  }
  for (const [key, row] of old) {
    if (now.has(key)) continue;
    const task = taskJson(row.task);
    const document = head.documents.find((candidate) => candidate.id === row.document);
    findings.set(
      key,
      finding(
        "info",
        after.id,
        {
          kind: "row-removed",
          cause: "row",
          document: row.document,
          vmState: row.vmState,
          taskState: task,
          before: row.status,
          after: null,
        },
        `row ${describe(row)} -> ${row.status} was removed (${row.document})`,
        [row.vmState, task],
        document?.location ?? primaryLocation(head, after),
      ),
    );
  }
  return findings;
}

/**
 * Row findings a rename explains, removed: the row of the old spelling gone and the same row under the new one
 * (or, for a status, the same row answering the new spelling). The rename says them once.
 */
export function dropRenamedRows(
  rows: Map<string, Finding>,
  renames: readonly { kind: string; from: string; to: string }[],
): void {
  const renamedKey = (vmState: string, task: string | null) => {
    const vm = renames.find((rename) => rename.kind === "vm_state" && rename.from === vmState)?.to ?? vmState;
    const taskState =
      task === null || task === anyOtherTask
        ? task
        : (renames.find((rename) => rename.kind === "task_state" && rename.from === task)?.to ?? task);
    return rowKey(vm, taskState);
  };
  for (const [key, row] of rows) {
    if (
      row.kind === "row-changed" &&
      renames.some((rename) => rename.kind === "status" && rename.from === row.before && rename.to === row.after)
    )
      rows.delete(key);
    if (row.kind !== "row-removed") continue;
    const twin = rows.get(renamedKey(row.vmState, row.taskState));
    if (twin !== row && twin?.kind === "row-added" && twin.after === row.before) {
      rows.delete(key);
      rows.delete(renamedKey(row.vmState, row.taskState));
    }
  }
}

function policyJson(policy: UncoveredPolicy): PolicyJson {
  return policy.kind === "fallback"
    ? { fallback: policy.vendor, why: policy.why }
    : { status: policy.status, why: policy.why };
}

function policyLabel(policy: UncoveredPolicy): string {
  return policy.kind === "fallback" ? `fall back to ${policy.vendor}` : `status ${policy.status}`;
}

/**
 * The vendor's policy for pairs its documents do not cover, when its rule or its reading (`why`) changed. The notes
 * that say the new rule come with it: the changed notes of the policy's document that name the new status or
 * fallback vendor; when none does, every changed note of that document (the revision that changed the rule).
 */
export function comparePolicy(before: Vendor, after: Vendor, base: Model, head: Model): Finding | undefined {
  const was = policyJson(before.uncovered);
  const now = policyJson(after.uncovered);
  if (JSON.stringify(was) === JSON.stringify(now)) return undefined;
  const documentId = after.documents[0];
  const document = head.documents.find((candidate) => candidate.id === documentId);
  const old = base.documents.find((candidate) => candidate.id === documentId);
  const changes = document && old ? noteChanges(old.notes, document.notes) : [];
  const word = after.uncovered.kind === "fallback" ? after.uncovered.vendor : after.uncovered.status;
  const naming = changes.filter(
    (change) => change.after !== null && new RegExp(`(^|[^\\w-])${escapeRegExp(word)}($|[^\\w-])`).test(change.after),
  );
  const notes: NoteChange[] = naming.length > 0 ? naming : changes;
  const ruleChanged = JSON.stringify({ ...was, why: "" }) !== JSON.stringify({ ...now, why: "" });
  const message = ruleChanged
    ? "the vendor's rule for pairs its documents do not cover changed: " +
      `${policyLabel(before.uncovered)} -> ${policyLabel(after.uncovered)}`
    : "the project's reading of the vendor's rule for pairs its documents do not cover changed " +
      `(still ${policyLabel(after.uncovered)})`;
  return finding(
    "info",
    after.id,
    { kind: "policy-changed", cause: "policy", document: documentId, before: was, after: now, notes },
    message,
    [was, now],
    document?.vendorLocation ?? primaryLocation(head, after),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The notes a policy finding took, per document, so the document's own finding does not repeat them. */
export function claimedNotes(findings: readonly Finding[]): Map<string, NoteChange[]> {
  const claimed = new Map<string, NoteChange[]>();
  for (const entry of findings)
    if (entry.kind === "policy-changed")
      claimed.set(entry.document, [...(claimed.get(entry.document) ?? []), ...entry.notes]);
  return claimed;
}
