// How each vendor differs from Nova upstream (the `openstack` vendor): values, spellings and derived statuses.
import { indexDerivation, OTHER_TASK, statusFromState } from "./derive.js";
import { ANY_TASK, stateKinds, type Model, type StateKind, type Vendor } from "./model.js";
import { spellingVariant } from "./validate/semantic.js";

export const referenceVendorId = "openstack";

export interface KindConformance {
  kind: StateKind;
  missing: (string | number)[];
  extra: (string | number)[];
  spellings: { vendor: string; reference: string }[];
}

export interface DerivationDifference {
  vmState: string;
  /** Task keys of the vendor's rows, "*" for any task. */
  taskStates: (string | null)[];
  vendorStatus: string;
  referenceStatus: string;
}

export interface VendorConformance {
  vendor: string;
  kinds: KindConformance[];
  derivation: DerivationDifference[];
}

export function conformance(model: Model): VendorConformance[] {
  const reference = model.vendors.find((vendor) => vendor.id === referenceVendorId);
  if (!reference) return [];
  return model.vendors.filter((vendor) => vendor !== reference).map((vendor) => ({ vendor: vendor.id, kinds: stateKinds.map((kind) => compareKind(vendor, reference, kind)), derivation: compareDerivation(vendor, reference) }));
}

function compareKind(vendor: Vendor, reference: Vendor, kind: StateKind): KindConformance {
  const ours = vendor.states[kind].map((entry) => entry.value);
  const theirs = reference.states[kind].map((entry) => entry.value);
  let missing = theirs.filter((value) => !ours.includes(value));
  let extra = ours.filter((value) => !theirs.includes(value));
  const spellings: KindConformance["spellings"] = [];
  if (kind !== "power_state") {
    for (const value of [...extra]) {
      const match = spellingVariant(String(value), missing.map(String));
      if (match === undefined) continue;
      spellings.push({ vendor: String(value), reference: match });
      extra = extra.filter((other) => other !== value);
      missing = missing.filter((other) => other !== match);
    }
  }
  return { kind, missing, extra, spellings };
}

/** Each of the vendor's own rows, evaluated by the vendor and by Nova; rows that differ, grouped per vm_state and statuses. */
function compareDerivation(vendor: Vendor, reference: Vendor): DerivationDifference[] {
  const vendorTable = indexDerivation(vendor.derivation);
  const referenceTable = indexDerivation(reference.derivation);
  const groups = new Map<string, DerivationDifference>();
  for (const row of vendor.mapping) {
    const task = row.taskState === ANY_TASK ? OTHER_TASK : row.taskState;
    const vendorStatus = statusFromState(vendor, row.vmState, task, vendorTable);
    const referenceStatus = statusFromState(reference, row.vmState, task, referenceTable);
    if (vendorStatus === referenceStatus) continue;
    const key = JSON.stringify([row.vmState, vendorStatus, referenceStatus]);
    const group = groups.get(key) ?? { vmState: row.vmState, taskStates: [], vendorStatus, referenceStatus };
    group.taskStates.push(row.taskState);
    groups.set(key, group);
  }
  return [...groups.values()];
}
