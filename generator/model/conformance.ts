// How each vendor differs from Nova upstream (the `openstack` vendor): values, spellings, and behaviour: every
// (vm_state, task key) pair whose derived status differs from Nova's, with the answer's origin that causes it.
import { answerFor, describeOrigin } from "./derive.js";
import {
  stateKinds,
  type AnswerOrigin,
  type DerivationTask,
  type Model,
  type StateKind,
  type Vendor,
} from "./model.js";
import { spellingVariant } from "../common/suggest.js";

export const referenceVendorId = "openstack";

export interface KindConformance {
  kind: StateKind;
  missing: (string | number)[];
  extra: (string | number)[];
  /** The vendor's spelling of a value Nova spells another way; the behaviour comparison goes through it. */
  spellings: { vendor: string; reference: string }[];
}

/** Pairs of one vm_state that derive the same two statuses from the same cause. */
export interface DerivationDifference {
  vmState: string;
  /** Nova's spelling of the vm_state, where the vendor spells it differently. */
  referenceVmState: string;
  /** Task keys in the vendor's spelling, in the order of its task_state set, then no task, then any other. */
  tasks: DerivationTask[];
  vendorStatus: string;
  referenceStatus: string;
  /** True when the group holds every task key of the vm_state. */
  everyTask: boolean;
  /** Why the vendor answers vendorStatus: its document's row, its fallback, or its fixed status. */
  origin: AnswerOrigin;
}

export interface VendorConformance {
  vendor: string;
  kinds: KindConformance[];
  derivation: DerivationDifference[];
  /** The status each side gives a vm_state neither knows, when they differ. */
  unknownVmState?: { vendorStatus: string; referenceStatus: string; origin: AnswerOrigin };
}

export function conformance(model: Model): VendorConformance[] {
  const reference = model.vendors.find((vendor) => vendor.id === referenceVendorId);
  if (!reference) return [];
  return model.vendors
    .filter((vendor) => vendor !== reference)
    .map((vendor) => {
      const kinds = stateKinds.map((kind) => compareKind(vendor, reference, kind));
      const unknownVendor = vendor.derivation.unknownVmState;
      const unknownReference = reference.derivation.unknownVmState;
      return {
        vendor: vendor.id,
        kinds,
        derivation: compareDerivation(vendor, reference, kinds),
        ...(unknownVendor.status !== unknownReference.status && {
          unknownVmState: {
            vendorStatus: unknownVendor.status,
            referenceStatus: unknownReference.status,
            origin: unknownVendor.origin,
          },
        }),
      };
    });
}

/** Values the vendor's documents list or use, against Nova's; values only inherited through a fallback do not count. */
function compareKind(vendor: Vendor, reference: Vendor, kind: StateKind): KindConformance {
  const ours = vendor.states[kind].filter((entry) => entry.inheritedFrom === undefined).map((entry) => entry.value);
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

/** Every pair of either side's space, asked of both in their own spelling; differing pairs grouped per vm_state. */
function compareDerivation(vendor: Vendor, reference: Vendor, kinds: KindConformance[]): DerivationDifference[] {
  const spelling = (kind: StateKind) => kinds.find((entry) => entry.kind === kind)!.spellings;
  const toReference = (kind: StateKind, value: string) =>
    spelling(kind).find((pair) => pair.vendor === value)?.reference ?? value;
  const toVendor = (kind: StateKind, value: string) =>
    spelling(kind).find((pair) => pair.reference === value)?.vendor ?? value;
  const vmStates = unique([
    ...vendor.derivation.vmStates.map((entry) => entry.vmState),
    ...reference.derivation.vmStates.map((entry) => toVendor("vm_state", entry.vmState)),
  ]);
  const taskStates = unique([
    ...vendor.derivation.taskStates,
    ...reference.derivation.taskStates.map((task) => toVendor("task_state", task)),
  ]);
  const tasks: DerivationTask[] = [
    ...taskStates.map((taskState): DerivationTask => ({ kind: "task", taskState })),
    { kind: "none" },
    { kind: "other" },
  ];
  const differences: DerivationDifference[] = [];
  for (const vmState of vmStates) {
    // The pairs of one vm_state that differ alike: by both statuses and the origin's description.
    const groups = new Map<string, DerivationDifference>();
    const groupKey = (vendorStatus: string, referenceStatus: string, origin: AnswerOrigin) =>
      [vendorStatus, referenceStatus, describeOrigin(origin)].join("\u0000");
    const referenceVmState = toReference("vm_state", vmState);
    for (const task of tasks) {
      const ours = answerFor(vendor.derivation, vmState, task);
      const theirs = answerFor(
        reference.derivation,
        referenceVmState,
        task.kind === "task" ? { kind: "task", taskState: toReference("task_state", task.taskState) } : task,
      );
      if (toReference("status", ours.status) === theirs.status) continue;
      const key = groupKey(ours.status, theirs.status, ours.origin);
      const group = groups.get(key) ?? {
        vmState,
        referenceVmState,
        tasks: [],
        everyTask: false,
        vendorStatus: ours.status,
        referenceStatus: theirs.status,
        origin: ours.origin,
      };
      group.tasks.push(task);
      groups.set(key, group);
    }
    differences.push(...groups.values());
  }
  for (const group of differences) group.everyTask = group.tasks.length === tasks.length;
  return differences;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
