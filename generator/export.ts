// `statespec export`: the resolved model in the public JSON shape of DESIGN.md.
import { ANY_TASK, stateKinds, type MappingRow, type Model, type StateKind, type StateValue } from "./model.js";

type ExportedStates = Record<StateKind, { value: string | number; description: string | null }[]>;

function exportStates(states: Record<StateKind, readonly StateValue[]>): ExportedStates {
  const out = {} as ExportedStates;
  for (const kind of stateKinds) out[kind] = states[kind].map((entry) => ({ value: entry.value, description: entry.description }));
  return out;
}

function exportRows(rows: readonly MappingRow[]) {
  return rows.map((row) => ({ vm_state: row.vmState, task_state: row.taskState === ANY_TASK ? "*" : row.taskState, status: row.status }));
}

export function exportModel(model: Model, vendorId?: string) {
  const vendors = vendorId === undefined ? model.vendors : model.vendors.filter((vendor) => vendor.id === vendorId);
  const documents = vendorId === undefined ? model.documents : model.documents.filter((document) => document.vendor === vendorId);
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
      uncovered: vendor.uncovered.kind === "fallback" ? { fallback: vendor.uncovered.vendor, ...(vendor.uncovered.inherit && { extends: true }) } : { status: vendor.uncovered.status },
      states: exportStates(vendor.states),
      mapping: exportRows(vendor.mapping),
    })),
  };
}
