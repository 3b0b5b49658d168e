// Stage 3: documents become vendors: merged value sets, the vendor's own rows, and its effective derivation table.
// Resolve only builds: the vendor rules (validate/vendors.ts) have run, and a vendor they reject is left out.
import {
  stateKinds,
  type MappingRow,
  type Model,
  type SourceDocument,
  type StateKind,
  type Vendor,
  type VendorValue,
} from "../model/model.js";
import { RowIndex } from "../model/task.js";
import { documentsByVendor, primaryDocument, speakingDocuments, walkFallbacks } from "../model/vendor-documents.js";
import { buildDerivation } from "./derivation.js";
import { addTranslation, DocumentLists, noDocuments, noTranslations, vendorValue } from "./values.js";

export function resolveModel(documents: readonly SourceDocument[]): Model {
  const byVendor = documentsByVendor(documents);
  const vendorIds = [...byVendor.keys()];
  const vendors = new Map<string, Vendor>();
  const unbuildable = new Set<string>();
  // A vendor's table is built after the table it falls back to: follow the fallbacks down to a vendor that is
  // built or cannot be, then build back up. A loop, not recursion, so a chain may be any number of vendors deep.
  // Each vendor is derived and built in one go: what it takes to build one is garbage before the next one starts,
  // rather than held for every vendor at once (at 1000x, that held garbage set peak memory).
  const resolveVendor = (start: string): void => {
    const bases = new Map<string, ReturnType<typeof mergeVendor>>();
    const below = (vendorId: string) => {
      const base = mergeVendor(vendorId, byVendor.get(vendorId)!);
      bases.set(vendorId, base);
      return base?.uncovered.kind === "fallback" ? base.uncovered.vendor : undefined;
    };
    const done = (vendorId: string) => vendors.has(vendorId) || !byVendor.has(vendorId) || unbuildable.has(vendorId);
    // A loop ends the walk with nothing below: its vendors cannot be built (validate reported it).
    const { path, end } = walkFallbacks(start, below, done);
    let built = end === undefined ? undefined : vendors.get(end);
    for (let index = path.length - 1; index >= 0; index--)
      built = buildVendor(path[index]!, bases.get(path[index]!), built);
  };
  const buildVendor = (
    vendorId: string,
    base: ReturnType<typeof mergeVendor>,
    below: Vendor | undefined,
  ): Vendor | undefined => {
    const fallback = base?.uncovered.kind === "fallback" ? below : undefined;
    // No primary document, or an unknown or looping fallback (reported by validate): the vendor cannot be built.
    if (!base || (base.uncovered.kind === "fallback" && !fallback)) {
      unbuildable.add(vendorId);
      return undefined;
    }
    const states =
      base.uncovered.kind === "fallback" && base.uncovered.inherit
        ? inheritStates(fallback!, base.states)
        : base.states;
    const { derivation, added } = buildDerivation(base.mapping, states, base.uncovered, fallback);
    const vendor: Vendor = {
      id: base.id,
      documents: base.documents,
      locales: base.locales,
      states: {
        vm_state: [...states.vm_state, ...added.vm_state],
        task_state: [...states.task_state, ...added.task_state],
        power_state: states.power_state,
        status: [...states.status, ...added.status],
      },
      mapping: base.mapping,
      uncovered: base.uncovered,
      derivation,
    };
    vendors.set(vendorId, vendor);
    return vendor;
  };
  for (const vendorId of vendorIds) resolveVendor(vendorId);
  const resolved = vendorIds.map((id) => vendors.get(id)).filter((vendor): vendor is Vendor => vendor !== undefined);
  return { documents: [...documents], vendors: resolved };
}

function mergeVendor(vendorId: string, vendorDocuments: SourceDocument[]) {
  const primary = primaryDocument(vendorDocuments);
  if (!primary) return undefined;
  // The primary document speaks first; translations only add descriptions in their locale.
  const sources = speakingDocuments(vendorDocuments, primary);
  const translations = vendorDocuments.filter((document) => document.translates !== undefined);
  const states = {} as Record<StateKind, VendorValue[]>;
  const lists = new DocumentLists();
  for (const kind of stateKinds) {
    const merged = new Map<string | number, VendorValue>();
    for (const document of sources) {
      for (const entry of document.states[kind]) {
        const known = merged.get(entry.value);
        if (!known) {
          merged.set(entry.value, vendorValue(entry, lists.of([document.id])));
          continue;
        }
        known.declaredBy = lists.of([...known.declaredBy, document.id]);
        known.description ??= entry.description;
        if (known.name === undefined && entry.name !== undefined) known.name = entry.name;
        if (known.codeName === undefined && entry.codeName !== undefined) known.codeName = entry.codeName;
        if (known.group === undefined && entry.group !== undefined) known.group = entry.group;
      }
    }
    for (const translation of translations) {
      for (const entry of translation.states[kind]) {
        const known = merged.get(entry.value);
        if (known && entry.description !== null) addTranslation(known, translation.locale, entry.description);
      }
    }
    states[kind] = [...merged.values()];
  }
  // The first row of a pair, in document order, is the vendor's (validate reports rows that disagree).
  const mapping: MappingRow[] = [];
  const rows = new RowIndex();
  for (const document of sources) for (const row of document.mapping) if (!rows.add(row)) mapping.push(row);
  // Values a row uses that no list declares still occur in the vendor's API: they join the sets, undescribed.
  const addUsed = (kind: StateKind, value: string, row: MappingRow) => {
    if (states[kind].some((entry) => entry.value === value)) return;
    states[kind].push({
      value,
      description: null,
      section: row.section,
      location: row.location,
      translations: noTranslations,
      declaredBy: noDocuments,
    });
  };
  for (const row of mapping) {
    addUsed("vm_state", row.vmState, row);
    if (row.task.kind === "task") addUsed("task_state", row.task.taskState, row);
    addUsed("status", row.status, row);
  }
  return {
    id: vendorId,
    documents: [primary, ...vendorDocuments.filter((document) => document !== primary)].map((document) => document.id),
    locales: [...new Set(vendorDocuments.map((document) => document.locale))],
    states,
    mapping,
    uncovered: primary.uncovered!,
  };
}

/** An extending vendor: the base vendor's values first, then its own; its own description wins where it gives one. */
function inheritStates(baseVendor: Vendor, own: Vendor["states"]): Vendor["states"] {
  const states = {} as Vendor["states"];
  const lists = new DocumentLists();
  for (const kind of stateKinds) {
    // The base vendor's translations and ids are shared: nothing writes them after the base vendor is built.
    const merged = new Map(
      baseVendor.states[kind].map((entry) => [
        entry.value,
        vendorValue(entry, entry.declaredBy, entry.translations, entry.inheritedFrom),
      ]),
    );
    for (const entry of own[kind]) {
      const known = merged.get(entry.value);
      if (!known) merged.set(entry.value, entry);
      else {
        known.description = entry.description ?? known.description;
        known.declaredBy = lists.of([...known.declaredBy, ...entry.declaredBy]);
      }
    }
    states[kind] = [...merged.values()];
  }
  return states;
}
