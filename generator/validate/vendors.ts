// Stage 2d and 3c: the rules of a vendor. Before resolve, over its documents: one policy, a fallback that exists
// and does not loop, names of its own (vendor-names.ts), rows that agree across documents. After resolve, over the
// vendor it became: every declared value reachable, and spelled as its fallback spells it.
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { didYouMean, spellingVariant } from "../common/suggest.js";
import { finalOrigin } from "../model/derive.js";
import type { MappingRow, Model, SourceDocument, TaskKey, Vendor } from "../model/model.js";
import { RowIndex, taskLabel } from "../model/task.js";
import { documentsByVendor, primaryDocument, speakingDocuments, walkFallbacks } from "../model/vendor-documents.js";
import { checkVendorNames } from "./vendor-names.js";

/** The vendor rules resolve relies on; a vendor they reject is not built. */
export function checkVendorDocuments(documents: readonly SourceDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byVendor = documentsByVendor(documents);
  const vendorIds = [...byVendor.keys()];
  diagnostics.push(...checkVendorNames(byVendor));
  const primaries = new Map<string, SourceDocument>();
  for (const [vendorId, vendorDocuments] of byVendor) {
    const primary = primaryDocument(vendorDocuments);
    if (!primary) {
      diagnostics.push(
        diagnostic(
          "vendor-policy-missing",
          `vendor '${vendorId}' has no document that says how uncovered pairs are derived ` +
            "(vendor.uncovered or vendor.extends)",
          vendorDocuments[0].vendorLocation,
        ),
      );
      continue;
    }
    primaries.set(vendorId, primary);
    for (const extra of vendorDocuments.filter(
      (document) => document.uncovered !== undefined && document !== primary,
    )) {
      diagnostics.push(
        diagnostic(
          "vendor-policy-duplicate",
          `vendor '${vendorId}' already has its uncovered policy in ${primary.file}`,
          extra.vendorLocation,
        ),
      );
    }
    diagnostics.push(...checkRowsAgree(vendorId, speakingDocuments(vendorDocuments, primary)));
  }
  diagnostics.push(...checkFallbacks(vendorIds, primaries));
  return diagnostics;
}

/** Two documents of one vendor that map the same pair to different statuses. */
function checkRowsAgree(vendorId: string, sources: readonly SourceDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const rows = new RowIndex();
  for (const document of sources) {
    for (const row of document.mapping) {
      const first = rows.add(row);
      if (first && first.status !== row.status && first.location.file !== row.location.file) {
        diagnostics.push(
          diagnostic(
            "conflicting-rows",
            `vendor '${vendorId}': ${row.vmState} + ${taskLabel(row.task)} -> ${row.status} here, ` +
              `but -> ${first.status} in ${first.location.file}:${first.location.line}`,
            row.location,
          ),
        );
      }
    }
  }
  return diagnostics;
}

/**
 * Each fallback names a vendor, and following fallbacks never comes back. A loop is reported at each vendor on it,
 * an unknown fallback at the vendor that names it. A loop, not recursion: a chain may be any number of vendors deep.
 */
function checkFallbacks(vendorIds: readonly string[], primaries: ReadonlyMap<string, SourceDocument>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = new Set(vendorIds);
  // Settled vendors: true when their chain ends in a policy, false when it cannot be followed.
  const settled = new Map<string, boolean>();
  const target = (vendorId: string) => {
    const policy = primaries.get(vendorId)!.uncovered!;
    return policy.kind === "fallback" ? policy.vendor : undefined;
  };
  for (const start of vendorIds) {
    const walk = walkFallbacks(start, target, (vendorId) => settled.has(vendorId) || !primaries.has(vendorId));
    const { path, end, loopFrom } = walk;
    if (end !== undefined && !known.has(end)) {
      const naming = primaries.get(path[path.length - 1]!)!;
      const verb = naming.uncovered?.kind === "fallback" && naming.uncovered.inherit ? "extends" : "falls back to";
      diagnostics.push(
        diagnostic(
          "unknown-vendor",
          `${verb} vendor '${end}', which no document defines${didYouMean(end, vendorIds)}`,
          naming.fallbackLocation ?? naming.vendorLocation,
        ),
      );
    }
    if (loopFrom !== undefined)
      diagnostics.push(
        ...path
          .slice(loopFrom)
          .map((member, index, loop) => loopDiagnostic(member, loop[(index + 1) % loop.length]!, primaries)),
      );
    const ok = end === undefined ? loopFrom === undefined : settled.get(end) === true;
    for (const member of path) settled.set(member, ok);
  }
  return diagnostics;
}

function loopDiagnostic(vendorId: string, target: string, primaries: ReadonlyMap<string, SourceDocument>): Diagnostic {
  return diagnostic(
    "vendor-cycle",
    `vendor '${vendorId}' falls back to '${target}', which falls back to '${vendorId}' again`,
    primaries.get(vendorId)!.vendorLocation,
  );
}

/** The rules of the vendors as resolved. */
export function checkVendors(model: Model): Diagnostic[] {
  const vendors = new Map(model.vendors.map((vendor) => [vendor.id, vendor]));
  return model.vendors.flatMap((vendor) => [...checkReachability(vendor), ...checkFallbackSpelling(vendor, vendors)]);
}

function checkReachability(vendor: Vendor): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // An extending vendor reaches values through the rows it takes over, and answers only for values it declares.
  const rows: readonly { vmState: string; task: TaskKey; status: string }[] =
    vendor.uncovered.kind === "fallback" && vendor.uncovered.inherit ? rowsAnswering(vendor) : vendor.mapping;
  const reached = {
    vm_state: new Set(rows.map((row) => row.vmState)),
    task_state: new Set(rows.flatMap((row) => (row.task.kind === "task" ? [row.task.taskState] : []))),
    status: new Set([
      ...rows.map((row) => row.status),
      vendor.uncovered.kind === "status" ? vendor.uncovered.status : undefined,
    ]),
  };
  // A row for any task state reaches every task state.
  const anyTask = rows.some((row) => row.task.kind === "other");
  for (const kind of ["vm_state", "task_state", "status"] as const) {
    for (const entry of vendor.states[kind]) {
      if (!entry.declaredBy.some((id) => vendor.documents.includes(id)) || reached[kind].has(String(entry.value)))
        continue;
      if (kind === "task_state" && anyTask) continue;
      const why =
        kind === "status" ? "no mapping row of the vendor produces it" : "no mapping row of the vendor uses it";
      diagnostics.push(
        diagnostic("unreachable-value", `${kind} '${entry.value}' is declared, but ${why}`, entry.location),
      );
    }
  }
  return diagnostics;
}

/** The rows (the vendor's or a fallback's) its derivation answers from. */
function rowsAnswering(vendor: Vendor): MappingRow[] {
  const answers = [
    vendor.derivation.unknownVmState,
    ...vendor.derivation.vmStates.flatMap((entry) => [...entry.tasks, entry.none, entry.other]),
  ];
  return [...new Set(answers)].flatMap((answer) => {
    const origin = finalOrigin(answer.origin);
    return origin.kind === "row" ? [origin.row] : [];
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
      diagnostics.push(
        diagnostic(
          "fallback-spelling",
          `${kind} '${value}' is spelled '${other}' by vendor '${fallback.id}', which '${vendor.id}' falls back to: ` +
            "pairs with it do not fall back",
          entry.location,
        ),
      );
    }
  }
  return diagnostics;
}
