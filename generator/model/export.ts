// `statespec export`: the resolved model in the public JSON shape of DESIGN.md.
import { compactDerivation } from "./derive.js";
import { originJson } from "./origin-json.js";
import { taskJson } from "./task.js";
import {
  stateKinds,
  type Answer,
  type Derivation,
  type MappingRow,
  type Model,
  type StateKind,
  type StateValue,
} from "./model.js";

type ExportedStates = Record<
  StateKind,
  { value: string | number; description: string | null; inherited_from?: string }[]
>;

function exportStates(states: Record<StateKind, readonly (StateValue & { inheritedFrom?: string })[]>): ExportedStates {
  const out = {} as ExportedStates;
  for (const kind of stateKinds) {
    out[kind] = states[kind].map((entry) => ({
      value: entry.value,
      description: entry.description,
      ...(entry.inheritedFrom !== undefined && { inherited_from: entry.inheritedFrom }),
    }));
  }
  return out;
}

/** `task_state`: a value, `null` for no task, `"*"` for any task state the vm_state's other rows do not list. */
function exportRows(rows: readonly MappingRow[]) {
  return rows.map((row) => ({ vm_state: row.vmState, task_state: taskJson(row.task), status: row.status }));
}

/** An answer and its origin, in the one shape `check` and `diff` print origins in (origin-json.ts). */
function exportAnswer(answer: Answer) {
  return { status: answer.status, origin: originJson(answer.origin, answer.status) };
}

/**
 * The effective derivation (an addition to the public shape): per vm_state of the vendor's space, the answer for
 * any task state not listed, then the task states (null: no task) whose answer differs; and the answer for a
 * vm_state outside the space. Each answer says where it comes from.
 */
function exportDerivation(derivation: Derivation) {
  return {
    task_states: derivation.taskStates,
    vm_states: compactDerivation(derivation).map((entry) => ({
      vm_state: entry.vmState,
      any_other: exportAnswer(entry.default),
      exceptions: entry.exceptions.map((exception) => ({
        task_state: taskJson(exception.task),
        ...exportAnswer(exception.answer),
      })),
    })),
    unknown_vm_state: exportAnswer(derivation.unknownVmState),
  };
}

export function exportModel(model: Model, vendorId?: string) {
  const vendors = vendorId === undefined ? model.vendors : model.vendors.filter((vendor) => vendor.id === vendorId);
  const documents =
    vendorId === undefined ? model.documents : model.documents.filter((document) => document.vendor === vendorId);
  return {
    documents: documents.map((document) => ({
      id: document.id,
      vendor: document.vendor,
      source: document.provenance.source,
      locale: document.locale,
      ...(document.translates !== undefined && { translates: document.translates }),
      states: exportStates(document.states),
      mapping: exportRows(document.mapping),
    })),
    vendors: vendors.map((vendor) => ({
      id: vendor.id,
      documents: vendor.documents,
      uncovered:
        vendor.uncovered.kind === "fallback"
          ? { fallback: vendor.uncovered.vendor, ...(vendor.uncovered.inherit && { extends: true }) }
          : { status: vendor.uncovered.status },
      states: exportStates(vendor.states),
      mapping: exportRows(vendor.mapping),
      derivation: exportDerivation(vendor.derivation),
    })),
  };
}
