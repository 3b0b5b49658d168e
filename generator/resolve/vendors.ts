// Stage 3: documents become vendors: merged value sets, the vendor's own rows, and its effective derivation table.
// Resolve only builds: the vendor rules (validate/vendors.ts) have run, and a vendor they reject is left out.
import { createHash } from "node:crypto";
import {
  ANY_TASK,
  stateKinds,
  type MappingRow,
  type Model,
  type SourceDocument,
  type StateKind,
  type Vendor,
  type VendorValue,
} from "../model/model.js";
import { documentsByVendor, primaryDocument, speakingDocuments } from "../model/vendor-documents.js";
import { buildDerivation } from "./derivation.js";

/** `specTextHashes`: spec file (display path) -> sha256 of its normalised text, for the hashes in generated headers. */
export function resolveModel(documents: readonly SourceDocument[], specTextHashes: ReadonlyMap<string, string>): Model {
  const byVendor = documentsByVendor(documents);
  const vendorIds = [...byVendor.keys()];
  const byId = new Map(documents.map((document) => [document.id, document]));
  const partial = new Map<string, Omit<Vendor, "derivation" | "specHash">>();
  for (const vendorId of vendorIds) {
    const vendor = mergeVendor(vendorId, byVendor.get(vendorId)!);
    if (vendor) partial.set(vendorId, vendor);
  }
  const vendors = new Map<string, Vendor>();
  const resolving = new Set<string>();
  // Depth-first over fallbacks, so a vendor's table is built after the table it falls back to.
  const resolveVendor = (vendorId: string): Vendor | undefined => {
    const done = vendors.get(vendorId);
    if (done) return done;
    const base = partial.get(vendorId);
    if (!base || resolving.has(vendorId)) return undefined;
    resolving.add(vendorId);
    const fallback = base.uncovered.kind === "fallback" ? resolveVendor(base.uncovered.vendor) : undefined;
    resolving.delete(vendorId);
    // An unknown or looping fallback (reported by validate): the vendor cannot be built.
    if (base.uncovered.kind === "fallback" && !fallback) return undefined;
    const states = base.uncovered.kind === "fallback" && base.uncovered.inherit ? inheritStates(fallback!, base.states) : base.states;
    const { derivation, added } = buildDerivation(base.mapping, states, base.uncovered, fallback);
    const vendor: Vendor = {
      ...base,
      states: { ...states, vm_state: [...states.vm_state, ...added.vm_state], task_state: [...states.task_state, ...added.task_state], status: [...states.status, ...added.status] },
      derivation,
      // Every file the vendor is built from, through any depth of fallbacks.
      specHash: hashFiles([...base.documents.map((id) => byId.get(id)!.file), ...(fallback ? fallbackFiles(fallback, vendors, byId) : [])], specTextHashes),
    };
    vendors.set(vendorId, vendor);
    return vendor;
  };
  for (const vendorId of vendorIds) resolveVendor(vendorId);
  const resolved = vendorIds.map((id) => vendors.get(id)).filter((vendor): vendor is Vendor => vendor !== undefined);
  return { documents: [...documents], vendors: resolved, specHash: hashFiles(documents.map((document) => document.file), specTextHashes) };
}

function mergeVendor(vendorId: string, vendorDocuments: SourceDocument[]) {
  const primary = primaryDocument(vendorDocuments);
  if (!primary) return undefined;
  // The primary document speaks first; translations only add descriptions in their locale.
  const sources = speakingDocuments(vendorDocuments, primary);
  const translations = vendorDocuments.filter((document) => document.translates !== undefined);
  const states = {} as Record<StateKind, VendorValue[]>;
  for (const kind of stateKinds) {
    const merged = new Map<string | number, VendorValue>();
    for (const document of sources) {
      for (const entry of document.states[kind]) {
        const known = merged.get(entry.value);
        if (!known) {
          merged.set(entry.value, { ...entry, translations: {}, declaredBy: [document.id] });
          continue;
        }
        known.declaredBy.push(document.id);
        known.description ??= entry.description;
        if (known.name === undefined && entry.name !== undefined) known.name = entry.name;
        if (known.codeName === undefined && entry.codeName !== undefined) known.codeName = entry.codeName;
        if (known.group === undefined && entry.group !== undefined) known.group = entry.group;
      }
    }
    for (const translation of translations) {
      for (const entry of translation.states[kind]) {
        const known = merged.get(entry.value);
        if (known && entry.description !== null) known.translations[translation.locale] = entry.description;
      }
    }
    states[kind] = [...merged.values()];
  }
  // The first row of a pair, in document order, is the vendor's (validate reports rows that disagree).
  const mapping: MappingRow[] = [];
  const seen = new Map<string, Set<MappingRow["taskState"]>>();
  for (const document of sources) {
    for (const row of document.mapping) {
      const tasks = seen.get(row.vmState) ?? new Set<MappingRow["taskState"]>();
      seen.set(row.vmState, tasks);
      if (tasks.has(row.taskState)) continue;
      tasks.add(row.taskState);
      mapping.push(row);
    }
  }
  // Values a row uses that no list declares still occur in the vendor's API: they join the sets, undescribed.
  const addUsed = (kind: StateKind, value: string, row: MappingRow) => {
    if (states[kind].some((entry) => entry.value === value)) return;
    states[kind].push({ value, description: null, section: row.section, location: row.location, translations: {}, declaredBy: [] });
  };
  for (const row of mapping) {
    addUsed("vm_state", row.vmState, row);
    if (row.taskState !== null && row.taskState !== ANY_TASK) addUsed("task_state", row.taskState, row);
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

function fallbackFiles(vendor: Vendor, vendors: ReadonlyMap<string, Vendor>, byId: ReadonlyMap<string, SourceDocument>): string[] {
  const files = vendor.documents.map((id) => byId.get(id)!.file);
  const next = vendor.uncovered.kind === "fallback" ? vendors.get(vendor.uncovered.vendor) : undefined;
  return next ? [...files, ...fallbackFiles(next, vendors, byId)] : files;
}

/** An extending vendor: the base vendor's values first, then its own; its own description wins where it gives one. */
function inheritStates(baseVendor: Vendor, own: Vendor["states"]): Vendor["states"] {
  const states = {} as Vendor["states"];
  for (const kind of stateKinds) {
    const merged = new Map(baseVendor.states[kind].map((entry) => [entry.value, { ...entry, translations: { ...entry.translations }, declaredBy: [...entry.declaredBy] }]));
    for (const entry of own[kind]) {
      const known = merged.get(entry.value);
      if (!known) merged.set(entry.value, entry);
      else {
        known.description = entry.description ?? known.description;
        known.declaredBy.push(...entry.declaredBy);
      }
    }
    states[kind] = [...merged.values()];
  }
  return states;
}

function hashFiles(files: readonly string[], specTextHashes: ReadonlyMap<string, string>): string {
  const hash = createHash("sha256");
  // Keyed by file name, not path, so the hash is the same wherever the spec folder lives.
  for (const file of [...new Set(files)].sort((a, b) => (baseName(a) < baseName(b) ? -1 : 1))) {
    hash.update(`${baseName(file)}\0${specTextHashes.get(file) ?? ""}\0`);
  }
  return hash.digest("hex").slice(0, 16);
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1);
}
