// The semantic diff: two resolved models compared per vendor, as findings a reviewer can act on.
import { createHash } from "node:crypto";
import { answerForKey, filterableStatuses, foldStatus, statesForStatus } from "../derive.js";
import { stateKinds, type DerivationTask, type Model, type SourceLocation, type StateKind, type Vendor, type VendorValue } from "../model.js";
import { spellingVariant } from "../validate/semantic.js";

export type FindingSeverity = "error" | "warning" | "info";
export const severityRank: Record<FindingSeverity, number> = { error: 3, warning: 2, info: 1 };

export interface Finding {
  severity: FindingSeverity;
  code:
    | "vendor-added"
    | "vendor-removed"
    | "value-removed"
    | "value-added"
    | "value-renamed"
    | "power-state-changed"
    | "description-changed"
    | "derivation-changed"
    | "status-filter-changed"
    | "document-added"
    | "document-removed"
    | "document-changed";
  vendor: string;
  message: string;
  /** Stable across runs and unrelated edits: what changed, not where. */
  fingerprint: string;
  /** Where in the head spec the finding is about. */
  location?: SourceLocation;
  /** Pairs and filters, for the details of a finding. */
  details?: string[];
}


export function compareModels(base: Model, head: Model): Finding[] {
  const findings: Finding[] = [];
  const vendorIds = [...new Set([...base.vendors.map((vendor) => vendor.id), ...head.vendors.map((vendor) => vendor.id)])];
  for (const vendorId of vendorIds) {
    const before = base.vendors.find((vendor) => vendor.id === vendorId);
    const after = head.vendors.find((vendor) => vendor.id === vendorId);
    if (!before) findings.push(finding("warning", "vendor-added", vendorId, `vendor ${vendorId} is new`, [vendorId], primaryLocation(head, after!)));
    else if (!after) findings.push(finding("error", "vendor-removed", vendorId, `vendor ${vendorId} was removed`, [vendorId]));
    else findings.push(...compareVendor(before, after, head));
  }
  findings.push(...compareDocuments(base, head));
  return findings;
}

function finding(severity: FindingSeverity, code: Finding["code"], vendor: string, message: string, key: unknown[], location?: SourceLocation, details?: string[]): Finding {
  const fingerprint = createHash("sha256").update(JSON.stringify([code, vendor, ...key])).digest("hex").slice(0, 16);
  return { severity, code, vendor, message, fingerprint, ...(location && { location }), ...(details && { details }) };
}

function primaryLocation(model: Model, vendor: Vendor): SourceLocation | undefined {
  return model.documents.find((document) => document.id === vendor.documents[0])?.vendorLocation;
}

function compareVendor(before: Vendor, after: Vendor, head: Model): Finding[] {
  const findings: Finding[] = [];
  for (const kind of stateKinds) findings.push(...compareValues(before, after, kind, head));
  findings.push(...compareDerivation(before, after), ...compareFilters(before, after));
  return findings;
}

/** What rows say about a value: a rename keeps it, so equal signatures link a removed value to an added one. */
function rowSignature(vendor: Vendor, kind: StateKind, value: string | number): string {
  const rows = vendor.mapping.filter((row) => (kind === "vm_state" ? row.vmState === value : kind === "task_state" ? row.taskState === value : kind === "status" ? row.status === value : false));
  const described = rows.map((row) => (kind === "vm_state" ? [row.taskState, row.status] : kind === "task_state" ? [row.vmState, row.status] : [row.vmState, row.taskState]));
  return described.length === 0 ? "" : JSON.stringify(described.map((pair) => JSON.stringify(pair)).sort());
}

function compareValues(before: Vendor, after: Vendor, kind: StateKind, head: Model): Finding[] {
  const findings: Finding[] = [];
  const vendorId = after.id;
  const headValues = new Map(after.states[kind].map((entry) => [entry.value, entry]));
  const baseValues = new Map(before.states[kind].map((entry) => [entry.value, entry]));
  const removed = before.states[kind].filter((entry) => !headValues.has(entry.value));
  let added = after.states[kind].filter((entry) => !baseValues.has(entry.value));
  for (const old of removed) {
    const renamedTo = findRename(old, added, before, after, kind);
    if (renamedTo) {
      added = added.filter((entry) => entry !== renamedTo);
      const code = kind === "power_state" ? "power-state-changed" : "value-renamed";
      const what = kind === "power_state" ? `power_state ${old.name ?? ""} changed from ${old.value} to ${renamedTo.value}`.replace("  ", " ") : `${kind} '${old.value}' was renamed to '${renamedTo.value}'`;
      findings.push(finding("error", code, vendorId, what, [kind, old.value, renamedTo.value], renamedTo.location));
    } else {
      findings.push(finding("error", "value-removed", vendorId, `${kind} '${old.value}' was removed: clients that send or compare it break`, [kind, old.value], primaryLocation(head, after)));
    }
  }
  for (const entry of added) {
    findings.push(finding("warning", "value-added", vendorId, `${kind} '${entry.value}' was added: exhaustive switches over ${kind} in clients must handle it`, [kind, entry.value], entry.location));
  }
  for (const entry of after.states[kind]) {
    const old = baseValues.get(entry.value);
    if (!old) continue;
    if (old.description !== entry.description) {
      findings.push(finding("info", "description-changed", vendorId, `${kind} '${entry.value}': description changed`, [kind, entry.value, "default"], entry.location, [`before: ${old.description ?? "(none)"}`, `after: ${entry.description ?? "(none)"}`]));
    }
    for (const locale of new Set([...Object.keys(old.translations), ...Object.keys(entry.translations)])) {
      if (old.translations[locale] === entry.translations[locale]) continue;
      findings.push(finding("info", "description-changed", vendorId, `${kind} '${entry.value}': ${locale} description changed`, [kind, entry.value, locale], entry.location, [`before: ${old.translations[locale] ?? "(none)"}`, `after: ${entry.translations[locale] ?? "(none)"}`]));
    }
  }
  return findings;
}

function findRename(old: VendorValue, added: VendorValue[], before: Vendor, after: Vendor, kind: StateKind): VendorValue | undefined {
  if (kind === "power_state") {
    // A power state keeps its name or its description when only its integer changes.
    return added.find((entry) => (old.name !== undefined && entry.name === old.name) || (old.description !== null && entry.description === old.description));
  }
  const variant = spellingVariant(String(old.value), added.map((entry) => String(entry.value)));
  if (variant !== undefined) return added.find((entry) => entry.value === variant);
  const signature = rowSignature(before, kind, old.value);
  return added.find(
    (entry) => (old.description !== null && entry.description === old.description) || (signature !== "" && rowSignature(after, kind, entry.value) === signature),
  );
}

function taskLabel(task: DerivationTask): string {
  return task.kind === "none" ? "null" : task.kind === "other" ? "any other" : task.taskState;
}

/** Both derivations over every vm_state x (every task state, null, any other) either side knows: every changed pair. */
function compareDerivation(before: Vendor, after: Vendor): Finding[] {
  const vmStates = unique([...before.derivation.vmStates, ...after.derivation.vmStates].map((entry) => entry.vmState));
  const tasks: DerivationTask[] = [
    ...unique([...before.derivation.taskStates, ...after.derivation.taskStates]).map((taskState): DerivationTask => ({ kind: "task", taskState })),
    { kind: "none" },
    { kind: "other" },
  ];
  const groups = new Map<string, { vmState: string; from: string; to: string; tasks: DerivationTask[]; location?: SourceLocation }>();
  for (const vmState of vmStates) {
    for (const task of tasks) {
      const from = answerForKey(before.derivation, vmState, task).status;
      const answer = answerForKey(after.derivation, vmState, task);
      if (from === answer.status) continue;
      const key = JSON.stringify([vmState, from, answer.status]);
      const group = groups.get(key) ?? { vmState, from, to: answer.status, tasks: [] };
      group.tasks.push(task);
      // The head's own row that gives the new status, where one does.
      if (group.location === undefined && answer.origin.kind === "row") group.location = answer.origin.location;
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((group) => {
    const everyTask = group.tasks.length === tasks.length;
    const taskText = everyTask ? "every task state" : group.tasks.length > 4 ? `${group.tasks.slice(0, 3).map(taskLabel).join(", ")} and ${group.tasks.length - 3} more` : group.tasks.map(taskLabel).join(", ");
    return finding(
      "error",
      "derivation-changed",
      after.id,
      `${group.vmState} + ${taskText}: status ${group.from} -> ${group.to}`,
      [group.vmState, group.from, group.to, group.tasks.map((task) => (task.kind === "task" ? task.taskState : task.kind === "none" ? null : "\u0000any other task"))],
      group.location,
      everyTask ? undefined : group.tasks.map((task) => `${group.vmState} + ${taskLabel(task)}: ${group.from} -> ${group.to}`),
    );
  });
}

function compareFilters(before: Vendor, after: Vendor): Finding[] {
  const statuses = unique([...filterableStatuses(before), ...filterableStatuses(after)].map(foldStatus));
  const findings: Finding[] = [];
  const show = (filter: ReturnType<typeof statesForStatus>) =>
    filter === undefined ? "selects nothing" : `vm_state ${filter.vmStates.join(", ")}; task_state ${filter.taskStates === null ? "any" : filter.taskStates.map((task) => task ?? "null").join(", ")}`;
  for (const status of statuses) {
    const from = statesForStatus(before, status);
    const to = statesForStatus(after, status);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    findings.push(finding("error", "status-filter-changed", after.id, `GET /servers?status=${status.toUpperCase()} selects other servers`, [status.toUpperCase(), from, to], undefined, [`before: ${show(from)}`, `after: ${show(to)}`]));
  }
  return findings;
}

function compareDocuments(base: Model, head: Model): Finding[] {
  const findings: Finding[] = [];
  for (const document of head.documents) {
    const old = base.documents.find((candidate) => candidate.id === document.id);
    if (!old) {
      findings.push(finding("info", "document-added", document.vendor, `document ${document.id} (${document.provenance.source}) was added`, [document.id], document.location));
      continue;
    }
    const changes: string[] = [];
    if (JSON.stringify(old.provenance) !== JSON.stringify(document.provenance)) changes.push("provenance");
    if (JSON.stringify(old.notes) !== JSON.stringify(document.notes)) changes.push("notes");
    if (changes.length > 0) findings.push(finding("info", "document-changed", document.vendor, `document ${document.id}: ${changes.join(" and ")} changed`, [document.id, changes], document.location));
  }
  for (const document of base.documents) {
    if (!head.documents.some((candidate) => candidate.id === document.id)) {
      findings.push(finding("info", "document-removed", document.vendor, `document ${document.id} (${document.provenance.source}) was removed`, [document.id]));
    }
  }
  return findings;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
