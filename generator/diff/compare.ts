// The semantic diff: two resolved models compared per vendor, as findings a reviewer can act on.
import { createHash } from "node:crypto";
import { answerForKey, filterableStatuses, foldStatus, statesForStatus, type StatusFilter } from "../model/derive.js";
import { stateKinds, type Model, type SourceLocation, type StateKind, type TaskKey, type Vendor, type VendorValue } from "../model/model.js";
import { noTask, otherTask, sameTask, taskId, taskOf } from "../model/task.js";
import { spellingVariant } from "../common/suggest.js";

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

/** A value linked across the two sides; its consequences become the details of its one finding. */
interface Rename {
  kind: StateKind;
  from: string;
  to: string;
  finding: Finding;
}

function compareVendor(before: Vendor, after: Vendor, head: Model): Finding[] {
  const findings: Finding[] = [];
  const renames: Rename[] = [];
  for (const kind of stateKinds) findings.push(...compareValues(before, after, kind, head, renames));
  const { changes, taskCount } = changedPairs(before, after);
  const filters = changedFilters(before, after);
  // A rename changes every pair and filter that names the value; those are the rename, said once, not new findings.
  const beforeStatus = answers(before);
  const afterStatus = answers(after);
  const pairRename = (change: PairChange) => renames.find((rename) => explainsPair(rename, change, beforeStatus, afterStatus));
  const filterRename = (change: FilterChange) => renames.find((rename) => explainsFilter(renames, rename, change, before, after));
  const ownPairs: PairChange[] = [];
  for (const change of changes) {
    const rename = pairRename(change);
    if (rename) addDetail(rename.finding, `${change.vmState} + ${taskLabel(change.task)}: status ${change.from} -> ${change.to}`);
    else ownPairs.push(change);
  }
  const ownFilters: FilterChange[] = [];
  for (const change of filters) {
    const rename = filterRename(change);
    if (rename) addDetail(rename.finding, filterMessage(change, true));
    else ownFilters.push(change);
  }
  findings.push(...derivationFindings(after, ownPairs, taskCount), ...ownFilters.map((change) => filterFinding(after, change)));
  return findings;
}

function addDetail(target: Finding, detail: string): void {
  target.details = [...(target.details ?? []), detail];
}

/** The status one side derives for a pair, read from its model's derivation. */
function answers(vendor: Vendor): (vmState: string, task: TaskKey) => string {
  return (vmState, task) => answerForKey(vendor.derivation, vmState, task).status;
}

/** The pair changed only because a value it names was renamed: the renamed pair answers what the old one did. */
function explainsPair(rename: Rename, change: PairChange, beforeStatus: ReturnType<typeof answers>, afterStatus: ReturnType<typeof answers>): boolean {
  switch (rename.kind) {
    case "status":
      return change.from === rename.from && change.to === rename.to;
    case "vm_state":
      return (change.vmState === rename.from || change.vmState === rename.to) && beforeStatus(rename.from, change.task) === afterStatus(rename.to, change.task);
    case "task_state":
      return (sameTask(change.task, taskOf(rename.from)) || sameTask(change.task, taskOf(rename.to))) && beforeStatus(change.vmState, taskOf(rename.from)) === afterStatus(change.vmState, taskOf(rename.to));
    default:
      return false;
  }
}

function namesFilter(rename: Rename, change: FilterChange): boolean {
  if (rename.kind === "status") return change.status === rename.from.toUpperCase() || change.status === rename.to.toUpperCase();
  const values = (filter: StatusFilter | undefined) => (rename.kind === "vm_state" ? filter?.vmStates : filter?.taskStates) ?? [];
  return [...values(change.from), ...values(change.to)].some((value) => value === rename.from || value === rename.to);
}

/** The filter's change is the renames and nothing else: renaming the base's answer gives the head's. */
function explainsFilter(renames: readonly Rename[], rename: Rename, change: FilterChange, before: Vendor, after: Vendor): boolean {
  if (!namesFilter(rename, change)) return false;
  const renamed = (kind: StateKind, value: string | null) => renames.find((candidate) => candidate.kind === kind && candidate.from === value)?.to ?? value;
  const status = renames.find((candidate) => candidate.kind === "status" && candidate.from.toUpperCase() === change.status);
  const newStatus = renames.find((candidate) => candidate.kind === "status" && candidate.to.toUpperCase() === change.status);
  // A status rename moves the filter from one word to the other; compare the old word's base with the new word's head.
  const baseFilter = newStatus ? statesForStatus(before, newStatus.from) : change.from;
  const headFilter = status ? statesForStatus(after, status.to) : change.to;
  if (baseFilter === undefined || headFilter === undefined) return false;
  const sorted = <T extends string | null>(values: T[]) => [...new Set(values)].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
  const moved: StatusFilter = {
    vmStates: sorted(baseFilter.vmStates.map((value) => renamed("vm_state", value) as string)),
    taskStates: baseFilter.taskStates === null ? null : sorted(baseFilter.taskStates.map((value) => renamed("task_state", value))),
  };
  return JSON.stringify(moved) === JSON.stringify(headFilter);
}

/** What rows say about a value: a rename keeps it, so equal signatures link a removed value to an added one. */
function rowSignature(vendor: Vendor, kind: StateKind, value: string | number): string {
  const rows = vendor.mapping.filter((row) => (kind === "vm_state" ? row.vmState === value : kind === "task_state" ? row.task.kind === "task" && row.task.taskState === value : kind === "status" ? row.status === value : false));
  const described = rows.map((row) => (kind === "vm_state" ? [taskId(row.task), row.status] : kind === "task_state" ? [row.vmState, row.status] : [row.vmState, taskId(row.task)]));
  return described.length === 0 ? "" : JSON.stringify(described.map((pair) => JSON.stringify(pair)).sort());
}

function compareValues(before: Vendor, after: Vendor, kind: StateKind, head: Model, renames: Rename[]): Finding[] {
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
      const renamed = finding("error", code, vendorId, what, [kind, old.value, renamedTo.value], renamedTo.location);
      findings.push(renamed);
      renames.push({ kind, from: String(old.value), to: String(renamedTo.value), finding: renamed });
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

function taskLabel(task: TaskKey): string {
  return task.kind === "none" ? "null" : task.kind === "other" ? "any other" : task.taskState;
}

/** A task in a finding's fingerprint, spelled as fingerprints have always spelled it, so they stay stable. */
function fingerprintTask(task: TaskKey): string | null {
  return task.kind === "task" ? task.taskState : task.kind === "none" ? null : "\u0000any other task";
}

interface PairChange {
  vmState: string;
  task: TaskKey;
  from: string;
  to: string;
}

/** statusFromState over every vm_state x (every task state, null, any other) either side knows: every changed pair. */
function changedPairs(before: Vendor, after: Vendor): { changes: PairChange[]; taskCount: number } {
  const vmStates = unique([...before.states.vm_state, ...after.states.vm_state].map((entry) => String(entry.value)).concat([...before.derivation.vmStates, ...after.derivation.vmStates].map((entry) => entry.vmState)));
  const tasks: TaskKey[] = [
    ...unique([...before.states.task_state, ...after.states.task_state].map((entry) => String(entry.value)).concat([...before.derivation.taskStates, ...after.derivation.taskStates])).map(taskOf),
    noTask,
    otherTask,
  ];
  const beforeStatus = answers(before);
  const afterStatus = answers(after);
  const changes: PairChange[] = [];
  for (const vmState of vmStates) {
    for (const task of tasks) {
      const from = beforeStatus(vmState, task);
      const to = afterStatus(vmState, task);
      if (from !== to) changes.push({ vmState, task, from, to });
    }
  }
  return { changes, taskCount: tasks.length };
}

/** One finding per vm_state and change of status, listing the task states it applies to. */
function derivationFindings(after: Vendor, changes: readonly PairChange[], taskCount: number): Finding[] {
  const groups = new Map<string, { vmState: string; from: string; to: string; tasks: TaskKey[] }>();
  for (const change of changes) {
    // No value holds a NUL (validate/characters.ts), so the joined key is distinct for distinct changes.
    const key = [change.vmState, change.from, change.to].join("\u0000");
    const group = groups.get(key) ?? { vmState: change.vmState, from: change.from, to: change.to, tasks: [] };
    group.tasks.push(change.task);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => {
    const row = after.mapping.find((candidate) => candidate.vmState === group.vmState && group.tasks.some((task) => sameTask(task, candidate.task)));
    const everyTask = group.tasks.length === taskCount;
    const taskText = everyTask ? "every task state" : group.tasks.length > 4 ? `${group.tasks.slice(0, 3).map(taskLabel).join(", ")} and ${group.tasks.length - 3} more` : group.tasks.map(taskLabel).join(", ");
    return finding(
      "error",
      "derivation-changed",
      after.id,
      `${group.vmState} + ${taskText}: status ${group.from} -> ${group.to}`,
      [group.vmState, group.from, group.to, group.tasks.map(fingerprintTask)],
      row?.location,
      everyTask ? undefined : group.tasks.map((task) => `${group.vmState} + ${taskLabel(task)}: ${group.from} -> ${group.to}`),
    );
  });
}

interface FilterChange {
  /** Upper case, as Nova compares it. */
  status: string;
  from: StatusFilter | undefined;
  to: StatusFilter | undefined;
}

function changedFilters(before: Vendor, after: Vendor): FilterChange[] {
  const statuses = unique([...filterableStatuses(before), ...filterableStatuses(after)].map((status) => foldStatus(status).toUpperCase()));
  return statuses
    .map((status) => ({ status, from: statesForStatus(before, status), to: statesForStatus(after, status) }))
    .filter((change) => JSON.stringify(change.from) !== JSON.stringify(change.to));
}

function showFilter(filter: StatusFilter): string {
  return `vm_state ${filter.vmStates.join(", ")}; task_state ${filter.taskStates === null ? "any" : filter.taskStates.map((task) => task ?? "null").join(", ")}`;
}

/** Worded as Nova answers the request: a status no pair derives is rejected with 400 (microversion 2.38 on). */
function filterMessage(change: FilterChange, inline = false): string {
  const request = `GET /servers?status=${change.status}`;
  if (change.to === undefined) return `${request} is rejected (Nova answers 400); before, it selected ${showFilter(change.from!)}`;
  if (change.from === undefined) return `${request} now selects ${showFilter(change.to)} (Nova answered 400 before)`;
  // Inline (a rename's detail) says both answers in one line; a finding of its own has them as details.
  return inline ? `${request} selects ${showFilter(change.to)} (before: ${showFilter(change.from)})` : `${request} selects other servers`;
}

function filterFinding(after: Vendor, change: FilterChange): Finding {
  const message = filterMessage(change);
  const details = change.from !== undefined && change.to !== undefined ? [`before: ${showFilter(change.from)}`, `after: ${showFilter(change.to)}`] : undefined;
  return finding("error", "status-filter-changed", after.id, message, [change.status, change.from, change.to], undefined, details);
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
