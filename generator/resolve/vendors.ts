// Stage 3: documents become vendors: merged value sets, the vendor's own rows, and its effective derivation table.
import { createHash } from "node:crypto";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
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
import { closest, spellingVariant, taskLabel } from "../validate/semantic.js";
import { finalOrigin } from "../model/derive.js";
import { buildDerivation } from "./derivation.js";

export interface ResolveResult {
  model: Model;
  diagnostics: Diagnostic[];
}

/** `specTextHashes`: spec file (display path) -> sha256 of its normalised text, for the hashes in generated headers. */
export function resolveModel(documents: readonly SourceDocument[], specTextHashes: ReadonlyMap<string, string>): ResolveResult {
  const diagnostics: Diagnostic[] = [];
  const vendorIds = [...new Set(documents.map((document) => document.vendor))];
  // A vendor id names its output folder: two ids equal but for case would share one on macOS and Windows.
  const byFolder = new Map<string, string>();
  for (const vendorId of vendorIds) {
    const other = byFolder.get(vendorId.toLowerCase());
    if (other === undefined) byFolder.set(vendorId.toLowerCase(), vendorId);
    else {
      const document = documents.find((candidate) => candidate.vendor === vendorId)!;
      diagnostics.push(diagnostic("name-collision", `vendor '${vendorId}' and vendor '${other}' would write to the same output folder on a case-insensitive file system`, document.vendorLocation));
    }
  }
  const byVendor = new Map<string, SourceDocument[]>();
  for (const document of documents) {
    const group = byVendor.get(document.vendor);
    if (group) group.push(document);
    else byVendor.set(document.vendor, [document]);
  }
  const byId = new Map(documents.map((document) => [document.id, document]));
  const partial = new Map<string, Omit<Vendor, "derivation" | "specHash">>();
  for (const vendorId of vendorIds) {
    const vendor = mergeVendor(vendorId, byVendor.get(vendorId)!, diagnostics);
    if (vendor) partial.set(vendorId, vendor);
  }
  const vendors = new Map<string, Vendor>();
  const resolving = new Set<string>();
  // Depth-first over fallbacks, so a vendor's table is built after the table it falls back to.
  const resolveVendor = (vendorId: string): Vendor | undefined => {
    const done = vendors.get(vendorId);
    if (done) return done;
    const base = partial.get(vendorId);
    if (!base) return undefined;
    if (resolving.has(vendorId)) return undefined;
    resolving.add(vendorId);
    let fallback: Vendor | undefined;
    if (base.uncovered.kind === "fallback") {
      const primary = byId.get(base.documents[0])!;
      const target = base.uncovered.vendor;
      if (!vendorIds.includes(target)) {
        diagnostics.push(diagnostic("unknown-vendor", `falls back to vendor '${target}', which no document defines${suggest(target, vendorIds)}`, primary.vendorLocation));
      } else if (resolving.has(target)) {
        diagnostics.push(diagnostic("vendor-cycle", `vendor '${vendorId}' falls back to '${target}', which falls back to '${vendorId}' again`, primary.vendorLocation));
      } else fallback = resolveVendor(target);
      if (!fallback) {
        resolving.delete(vendorId);
        return undefined;
      }
    }
    const states = base.uncovered.kind === "fallback" && base.uncovered.inherit ? inheritStates(fallback!, base.states) : base.states;
    const { derivation, added } = buildDerivation(base.mapping, states, base.uncovered, fallback);
    const vendor: Vendor = {
      ...base,
      states: { ...states, vm_state: [...states.vm_state, ...added.vm_state], task_state: [...states.task_state, ...added.task_state], status: [...states.status, ...added.status] },
      derivation,
      // Every file the vendor is built from, through any depth of fallbacks.
      specHash: hashFiles([...base.documents.map((id) => byId.get(id)!.file), ...(fallback ? fallbackFiles(fallback, vendors, byId) : [])], specTextHashes),
    };
    resolving.delete(vendorId);
    vendors.set(vendorId, vendor);
    return vendor;
  };
  for (const vendorId of vendorIds) resolveVendor(vendorId);
  const resolved = vendorIds.map((id) => vendors.get(id)).filter((vendor): vendor is Vendor => vendor !== undefined);
  for (const vendor of resolved) diagnostics.push(...checkReachability(vendor), ...checkFallbackSpelling(vendor, vendors));
  return {
    model: { documents: [...documents], vendors: resolved, specHash: hashFiles(documents.map((document) => document.file), specTextHashes) },
    diagnostics,
  };
}

function mergeVendor(vendorId: string, vendorDocuments: SourceDocument[], diagnostics: Diagnostic[]) {
  const withPolicy = vendorDocuments.filter((document) => document.uncovered !== undefined);
  if (withPolicy.length === 0) {
    diagnostics.push(diagnostic("vendor-policy-missing", `vendor '${vendorId}' has no document that says how uncovered pairs are derived (vendor.uncovered or vendor.extends)`, vendorDocuments[0].vendorLocation));
    return undefined;
  }
  for (const extra of withPolicy.slice(1)) {
    diagnostics.push(diagnostic("vendor-policy-duplicate", `vendor '${vendorId}' already has its uncovered policy in ${withPolicy[0].file}`, extra.vendorLocation));
  }
  const primary = withPolicy[0];
  // The primary document speaks first; translations only add descriptions in their locale.
  const sources = [primary, ...vendorDocuments.filter((document) => document !== primary && document.translates === undefined)];
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
  const mapping: MappingRow[] = [];
  const rowByPair = new Map<string, MappingRow>();
  for (const document of sources) {
    for (const row of document.mapping) {
      const key = JSON.stringify([row.vmState, row.taskState]);
      const first = rowByPair.get(key);
      if (first && first.status !== row.status && first.location.file !== row.location.file) {
        diagnostics.push(diagnostic("conflicting-rows", `vendor '${vendorId}': ${row.vmState} + ${taskLabel(row.taskState)} -> ${row.status} here, but -> ${first.status} in ${first.location.file}:${first.location.line}`, row.location));
      }
      if (first) continue;
      rowByPair.set(key, row);
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

function checkReachability(vendor: Vendor): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // An extending vendor reaches values through the rows it takes over, and answers only for values it declares.
  const rows: readonly { vmState: string; taskState: string | null; status: string }[] = vendor.uncovered.kind === "fallback" && vendor.uncovered.inherit ? rowsAnswering(vendor) : vendor.mapping;
  const reached = {
    vm_state: new Set(rows.map((row) => row.vmState)),
    task_state: new Set(rows.map((row) => row.taskState)),
    status: new Set([...rows.map((row) => row.status), vendor.uncovered.kind === "status" ? vendor.uncovered.status : undefined]),
  };
  const anyTask = reached.task_state.has(ANY_TASK);
  for (const kind of ["vm_state", "task_state", "status"] as const) {
    for (const entry of vendor.states[kind]) {
      if (!entry.declaredBy.some((id) => vendor.documents.includes(id)) || reached[kind].has(String(entry.value))) continue;
      if (kind === "task_state" && anyTask) continue;
      const why = kind === "status" ? "no mapping row of the vendor produces it" : "no mapping row of the vendor uses it";
      diagnostics.push(diagnostic("unreachable-value", `${kind} '${entry.value}' is declared, but ${why}`, entry.location));
    }
  }
  return diagnostics;
}

/** The rows (the vendor's or a fallback's) its derivation answers from, as mapping rows. */
function rowsAnswering(vendor: Vendor): { vmState: string; taskState: string | null; status: string }[] {
  const answers = [vendor.derivation.unknownVmState, ...vendor.derivation.vmStates.flatMap((entry) => [...entry.tasks, entry.none, entry.other])];
  return [...new Set(answers)].flatMap((answer) => {
    const origin = finalOrigin(answer.origin);
    if (origin.kind !== "row") return [];
    return [{ vmState: origin.vmState, taskState: origin.task.kind === "task" ? origin.task.taskState : origin.task.kind === "none" ? null : ANY_TASK, status: answer.status }];
  });
}

/** A vendor value spelled another way by its fallback vendor will never match the fallback's rows. */
function checkFallbackSpelling(vendor: Vendor, vendors: ReadonlyMap<string, Vendor>): Diagnostic[] {
  if (vendor.uncovered.kind !== "fallback") return [];
  const fallback = vendors.get(vendor.uncovered.vendor);
  if (!fallback) return [];
  const diagnostics: Diagnostic[] = [];
  for (const kind of ["vm_state", "task_state"] as const) {
    const theirs = fallback.states[kind].map((entry) => String(entry.value));
    for (const entry of vendor.states[kind]) {
      const value = String(entry.value);
      if (theirs.includes(value)) continue;
      const other = spellingVariant(value, theirs);
      if (other === undefined) continue;
      diagnostics.push(diagnostic("fallback-spelling", `${kind} '${value}' is spelled '${other}' by vendor '${fallback.id}', which '${vendor.id}' falls back to: pairs with it do not fall back`, entry.location));
    }
  }
  return diagnostics;
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

function suggest(value: string, candidates: readonly string[]): string {
  const near = closest(value, candidates);
  return near ? `; did you mean '${near}'?` : "";
}
