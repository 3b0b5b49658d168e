// Causes about a vendor's values: added, removed, renamed (told from the spelling, the description or the rows),
// a power state renumbered, a description changed per locale, and a translation that fell behind its original.
import {
  stateKinds,
  type Model,
  type SourceLocation,
  type StateKind,
  type Vendor,
  type VendorValue,
} from "../model/model.js";
import { spellingVariant } from "../common/suggest.js";
import { finding, type Finding, type ValueConsequence } from "./findings.js";
import { taskJson } from "../model/task.js";
import { descriptionFindings } from "./descriptions.js";

/** A value linked across the two sides; the pairs and filters it alone changes become its consequences. */
export interface Rename {
  kind: StateKind;
  from: string;
  to: string;
  finding: Finding;
}

export interface ValueCauses {
  findings: Finding[];
  renames: Rename[];
  /** Values only one side has (a rename's two spellings excluded): the finding that says so, per kind and value. */
  addedOrRemoved: Map<string, Finding>;
  /** Inherited values gained or lost while the policy changed: consequences of the policy, not causes. */
  throughPolicy: ValueConsequence[];
}

export const valueKey = (kind: StateKind, value: string | number) => `${kind}\u0000${value}`;

export function primaryLocation(model: Model, vendor: Vendor): SourceLocation | undefined {
  return model.documents.find((document) => document.id === vendor.documents[0])?.vendorLocation;
}

export function compareValues(before: Vendor, after: Vendor, head: Model, policyChanged: boolean): ValueCauses {
  const causes: ValueCauses = { findings: [], renames: [], addedOrRemoved: new Map(), throughPolicy: [] };
  for (const kind of stateKinds) compareKind(before, after, kind, head, causes, policyChanged);
  for (const kind of stateKinds) causes.findings.push(...descriptionFindings(before, after, kind, head));
  return causes;
}

function compareKind(
  before: Vendor,
  after: Vendor,
  kind: StateKind,
  head: Model,
  causes: ValueCauses,
  policyChanged: boolean,
): void {
  const vendor = after.id;
  const headValues = new Map(after.states[kind].map((entry) => [entry.value, entry]));
  const baseValues = new Map(before.states[kind].map((entry) => [entry.value, entry]));
  // A value no document lists comes and goes with the policy that inherits it: said with the policy change.
  const inherited = (entry: VendorValue, change: "added" | "removed") => {
    if (!policyChanged || entry.inheritedFrom === undefined) return false;
    causes.throughPolicy.push({ stateKind: kind, value: entry.value, change, inheritedFrom: entry.inheritedFrom });
    return true;
  };
  const removed = before.states[kind].filter((entry) => !headValues.has(entry.value) && !inherited(entry, "removed"));
  let added = after.states[kind].filter((entry) => !baseValues.has(entry.value) && !inherited(entry, "added"));
  for (const old of removed) {
    const renamedTo = findRename(old, added, before, after, kind);
    if (renamedTo) {
      added = added.filter((entry) => entry !== renamedTo);
      const renamed =
        kind === "power_state"
          ? finding(
              "error",
              vendor,
              {
                kind: "power-state-changed",
                cause: "value",
                stateKind: kind,
                before: old.value,
                after: renamedTo.value,
              },
              `power_state ${old.name ?? ""} changed from ${old.value} to ${renamedTo.value}`.replace("  ", " "),
              [kind, old.value, renamedTo.value],
              renamedTo.location,
            )
          : finding(
              "error",
              vendor,
              { kind: "value-renamed", cause: "value", stateKind: kind, before: old.value, after: renamedTo.value },
              `${kind} '${old.value}' was renamed to '${renamedTo.value}'`,
              [kind, old.value, renamedTo.value],
              renamedTo.location,
            );
      causes.findings.push(renamed);
      causes.renames.push({ kind, from: String(old.value), to: String(renamedTo.value), finding: renamed });
    } else {
      const gone = finding(
        "error",
        vendor,
        { kind: "value-removed", cause: "value", stateKind: kind, value: old.value },
        `${kind} '${old.value}' was removed: clients that send or compare it break`,
        [kind, old.value],
        primaryLocation(head, after),
      );
      causes.findings.push(gone);
      causes.addedOrRemoved.set(valueKey(kind, old.value), gone);
    }
  }
  for (const entry of added) {
    const inherited =
      entry.inheritedFrom === undefined
        ? ""
        : ` (inherited from ${entry.inheritedFrom}; no document of ${vendor} lists it)`;
    const fresh = finding(
      "warning",
      vendor,
      { kind: "value-added", cause: "value", stateKind: kind, value: entry.value },
      `${kind} '${entry.value}' was added${inherited}: exhaustive switches over ${kind} in clients must handle it`,
      [kind, entry.value],
      entry.location,
    );
    causes.findings.push(fresh);
    causes.addedOrRemoved.set(valueKey(kind, entry.value), fresh);
  }
}

/** What rows say about a value: a rename keeps it, so equal signatures link a removed value to an added one. */
function rowSignature(vendor: Vendor, kind: StateKind, value: string | number): string {
  const rows = vendor.mapping.filter((row) =>
    kind === "vm_state"
      ? row.vmState === value
      : kind === "task_state"
        ? row.task.kind === "task" && row.task.taskState === value
        : kind === "status"
          ? row.status === value
          : false,
  );
  const described = rows.map((row) =>
    kind === "vm_state"
      ? [taskJson(row.task), row.status]
      : kind === "task_state"
        ? [row.vmState, row.status]
        : [row.vmState, taskJson(row.task)],
  );
  return described.length === 0 ? "" : JSON.stringify(described.map((pair) => JSON.stringify(pair)).sort());
}

function findRename(
  old: VendorValue,
  added: VendorValue[],
  before: Vendor,
  after: Vendor,
  kind: StateKind,
): VendorValue | undefined {
  if (kind === "power_state") {
    // A power state keeps its name or its description when only its integer changes.
    return added.find(
      (entry) =>
        (old.name !== undefined && entry.name === old.name) ||
        (old.description !== null && entry.description === old.description),
    );
  }
  const variant = spellingVariant(
    String(old.value),
    added.map((entry) => String(entry.value)),
  );
  if (variant !== undefined) return added.find((entry) => entry.value === variant);
  const signature = rowSignature(before, kind, old.value);
  return added.find(
    (entry) =>
      (old.description !== null && entry.description === old.description) ||
      (signature !== "" && rowSignature(after, kind, entry.value) === signature),
  );
}
