// The sentences every format prints for a finding's facts: its detail lines and its consequences, ranked.
// Imports types and the task key's JSON form only, so the formats stay cheap to load.
import type {
  FilterConsequence,
  FilterJson,
  Finding,
  NoteChange,
  PairConsequence,
  PolicyJson,
  ProvenanceValue,
} from "./findings.js";
import { anyOtherTask } from "../model/task.js";

/** A task state as diff's findings write it: the JSON form (null, "*" for any other), in words. */
export function taskText(task: string | null): string {
  return task === null ? "null" : task === anyOtherTask ? "any other" : task;
}

export function pairText(pair: PairConsequence): string {
  return `${pair.vmState} + ${taskText(pair.taskState)}: status ${pair.before.status} -> ${pair.after.status}`;
}

export function showFilter(filter: FilterJson): string {
  const tasks = filter.taskStates === null ? "any" : filter.taskStates.map((task) => task ?? "null").join(", ");
  return `vm_state ${filter.vmStates.join(", ")}; task_state ${tasks}`;
}

/** Worded as Nova answers the request: a status no pair derives is rejected with 400 (microversion 2.38 on). */
export function filterText(change: FilterConsequence): string {
  const request = `GET /servers?status=${change.status}`;
  if (change.after === null)
    return `${request} is rejected (Nova answers 400); before, it selected ${showFilter(change.before!)}`;
  if (change.before === null) return `${request} now selects ${showFilter(change.after)} (Nova answered 400 before)`;
  return `${request} selects ${showFilter(change.after)} (before: ${showFilter(change.before)})`;
}

export function noteText(change: NoteChange): string {
  if (change.before === null) return `note added under "${change.section}": ${change.after}`;
  if (change.after === null) return `note removed under "${change.section}": ${change.before}`;
  return `note changed under "${change.section}": ${change.before} -> ${change.after}`;
}

function policyText(policy: PolicyJson): string {
  const rule = "fallback" in policy ? `fall back to ${policy.fallback}` : `status ${policy.status}`;
  return `${rule} (the project's reading: ${policy.why})`;
}

function provenanceText(value: ProvenanceValue): string {
  if (value === null) return "(none)";
  if (typeof value === "string") return value;
  return value.map((item) => (typeof item === "string" ? item : `${item.field}: ${item.why}`)).join("; ");
}

const described = (text: string | null) => text ?? "(none)";

/** What a finding says besides its message and its consequences: before and after, the notes. */
export function factLines(f: Finding): string[] {
  switch (f.kind) {
    case "policy-changed":
      return [`before: ${policyText(f.before)}`, `after: ${policyText(f.after)}`, ...f.notes.map(noteText)];
    case "description-changed":
      return [`before: ${described(f.before)}`, `after: ${described(f.after)}`];
    case "translation-behind":
      return [
        `original before: ${described(f.before)}`,
        `original after: ${described(f.after)}`,
        `${f.locale}: ${described(f.translation)}`,
      ];
    case "notes-changed":
      return f.notes.map(noteText);
    case "provenance-changed":
      return f.fields.map(
        (field) => `${field.field}: ${provenanceText(field.before)} -> ${provenanceText(field.after)}`,
      );
    default:
      return [];
  }
}

/** How many undocumented pairs a summary names as examples. */
export const examples = 3;

export function undocumentedText(f: Finding): string | undefined {
  const undocumented = f.consequences?.pairs.filter((pair) => !pair.documented) ?? [];
  if (undocumented.length === 0) return undefined;
  const shown = undocumented.slice(0, examples).map((pair) => `${pair.vmState} + ${taskText(pair.taskState)}`);
  const pairs = `${undocumented.length} pair(s) whose vm_state or task state no document of ${f.vendor} lists`;
  return `${pairs}, e.g. ${shown.join(", ")}`;
}

/** Values gained or lost through the fallback, one line per direction and vendor: `vm_state paused, status PAUSED`. */
export function valueLines(f: Finding): string[] {
  const lines: string[] = [];
  for (const change of ["removed", "added"] as const) {
    const values = f.consequences?.values.filter((value) => value.change === change) ?? [];
    for (const from of [...new Set(values.map((value) => value.inheritedFrom))]) {
      const listed = values
        .filter((value) => value.inheritedFrom === from)
        .map((value) => `${value.stateKind} ${value.value}`);
      lines.push(
        `${change === "removed" ? "no longer inherited" : "now inherited"} from ${from}: ${listed.join(", ")}`,
      );
    }
  }
  return lines;
}

/** Detail lines for text and annotations: the facts, documented pairs one by one, the others summarised, filters. */
export function detailLines(f: Finding): string[] {
  const pairs = f.consequences?.pairs ?? [];
  const summary = undocumentedText(f);
  return [
    ...acceptanceLines(f),
    ...factLines(f),
    ...valueLines(f),
    ...pairs.filter((pair) => pair.documented).map(pairText),
    ...(summary ? [summary] : []),
    ...(f.consequences?.filters ?? []).map(filterText),
  ];
}

/** Why a finding does not fail the run (the baseline accepts it), and the upgrade that caused it. */
export function acceptanceLines(f: Finding): string[] {
  return [
    ...(f.accepted ? [`accepted by the baseline: ${f.accepted.reason}`] : []),
    ...(f.causedBy ? [`caused by the statespec upgrade (fingerprint ${f.causedBy})`] : []),
    ...(f.kind === "statespec-upgraded"
      ? [`fingerprint ${f.fingerprint}: accept it in statespec.baseline.yaml to accept what it caused`]
      : []),
  ];
}
