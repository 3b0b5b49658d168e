// The cross-vendor page as a differences view: the vendors and how each falls back, the conformance summary, then
// per kind one row per value, where a value spelled differently by a vendor shares the row of Nova's spelling (the
// equivalence is the conformance comparison's: conformance.ts pairs each vendor spelling with Nova's), and the rows
// where vendors differ come first.
import { conformance, referenceVendorId, type VendorConformance } from "../../model/conformance.js";
import { answerFor } from "../../model/derive.js";
import type { Model, StateKind, Vendor, VendorValue } from "../../model/model.js";
import { spellingVariant } from "../../common/suggest.js";
import { headerLine } from "../header.js";
import { kindFields } from "../names.js";
import { list, spellings } from "./conformance-page.js";
import { inheritedMark, statusCell, withMark } from "./derivation-table.js";
import { pageStrings } from "./strings.js";
import { pageFile } from "./vendor-page.js";
import { code, inline } from "./text.js";

interface ValueRow {
  /** Every spelling of the value, Nova's first. */
  spellings: (string | number)[];
  /** Per vendor, the values of this row it has (several when it has more than one spelling). */
  values: VendorValue[][];
}

/**
 * One row per value across vendors; a vendor's other spelling of a Nova value joins Nova's row: the spelling the
 * conformance page pairs it with, or else the one `validate` names in its fallback-spelling warning
 * (`build`/`building`), so a value the vendor also spells Nova's way still shares the row.
 */
function valueRows(model: Model, results: VendorConformance[], kind: StateKind): ValueRow[] {
  const toReference = new Map<string, Map<string | number, string>>();
  for (const result of results) toReference.set(result.vendor, new Map(result.kinds.find((entry) => entry.kind === kind)!.spellings.map((pair) => [pair.vendor, pair.reference])));
  const referenceValues = (model.vendors.find((vendor) => vendor.id === referenceVendorId)?.states[kind] ?? []).map((entry) => String(entry.value));
  const spelledAs = (vendor: Vendor, value: string | number) => {
    const paired = toReference.get(vendor.id)?.get(value);
    if (paired !== undefined || typeof value === "number" || referenceValues.includes(value)) return paired ?? value;
    return spellingVariant(value, referenceValues) ?? value;
  };
  const rows = new Map<string | number, ValueRow>();
  const vendorsFirstReference = [...model.vendors].sort((a, b) => Number(b.id === referenceVendorId) - Number(a.id === referenceVendorId));
  // A vendor's column, looked up once: indexOf per value made the page quadratic in the number of vendors.
  const column = new Map(model.vendors.map((vendor, index) => [vendor, index]));
  for (const vendor of vendorsFirstReference) {
    for (const entry of vendor.states[kind]) {
      const key = spelledAs(vendor, entry.value);
      const row = rows.get(key) ?? { spellings: [key], values: model.vendors.map(() => []) };
      if (!row.spellings.includes(entry.value)) row.spellings.push(entry.value);
      row.values[column.get(vendor)!].push(entry);
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}

/** Rows whose cells differ first, then rows that differ only in inherited marks, then identical ones; stable. */
function differencesFirst<T extends { cells: string[] }>(rows: T[]): T[] {
  const rank = (row: T) => {
    const bare = row.cells.map((cell) => cell.replaceAll(withMark("", inheritedMark), "").replaceAll(inheritedMark, "yes"));
    return new Set(bare).size > 1 ? 0 : new Set(row.cells).size > 1 ? 1 : 2;
  };
  return rows.map((row, index) => ({ row, index, rank: rank(row) })).sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.row);
}

function label(row: ValueRow, names?: string): string {
  return `${row.spellings.map(code).join(" / ")}${names ? ` ${names}` : ""}`;
}

/** vm_state: what each vendor derives with no task, through its own spelling; "—" where it lists no spelling. */
function noTaskRows(model: Model, rows: ValueRow[]) {
  return differencesFirst(
    rows.map((row) => {
      const cells = row.values.map((values, index) => {
        const vendor = model.vendors[index];
        const own = values.map((entry) => `${values.length > 1 || entry.value !== row.spellings[0] ? `${code(entry.value)}: ` : ""}${statusCell(answerFor(vendor.derivation, String(entry.value), null))}`);
        return own.length === 0 ? "—" : own.join("; ");
      });
      return { label: label(row), cells };
    }),
  );
}

/** Whether each vendor documents a value: yes, † (inherited), its own spelling, or — (not at all). */
function documentedRows(rows: ValueRow[], names: (row: ValueRow) => string | undefined) {
  const sorted = differencesFirst(
    rows.map((row) => {
      const cells = row.values.map((values) =>
        values.length === 0 ? "—" : values.map((entry) => (entry.value !== row.spellings[0] || values.length > 1 ? withMark(code(entry.value), entry.inheritedFrom ? inheritedMark : undefined) : entry.inheritedFrom ? inheritedMark : "yes")).join(", "),
      );
      return { label: label(row, names(row)), cells, same: cells.every((cell) => cell === "yes") };
    }),
  );
  // Values every vendor documents alike share one row at the end: they are not what this page is for.
  const same = sorted.filter((row) => row.same);
  if (same.length < 2) return sorted;
  return [...sorted.filter((row) => !row.same), { label: `the other ${same.length}: ${same.map((row) => row.label).join(", ")}`, cells: same[0].cells, same: true }];
}

function powerNames(model: Model) {
  return (row: ValueRow) => {
    const named = model.vendors.flatMap((vendor) => vendor.states.power_state).find((entry) => row.spellings.includes(entry.value) && entry.name !== undefined);
    return named ? `(${inline(named.name!)})` : undefined;
  };
}

function summary(results: VendorConformance[]) {
  const counted = (result: VendorConformance, side: "missing" | "extra") => {
    const parts = result.kinds.filter((kind) => kind[side].length > 0).map((kind) => `${kind[side].length} ${kind.kind}`);
    return parts.length === 0 ? "none" : parts.join(", ");
  };
  return results.map((result) => {
    const vmStates = [...new Set(result.derivation.map((difference) => code(difference.vmState)))];
    if (result.unknownVmState) vmStates.push("any other vm_state");
    return {
      vendor: result.vendor,
      spellings: spellings(result.kinds.flatMap((kind) => kind.spellings)),
      derived: vmStates.length === 0 ? "none" : `with ${vmStates.join(", ")}`,
      missing: counted(result, "missing"),
      extra: list(result.kinds.flatMap((kind) => kind.extra)),
    };
  });
}

function fallbackDiagram(vendors: Vendor[]): string | undefined {
  const edges = vendors.flatMap((vendor) => (vendor.uncovered.kind === "fallback" ? [[vendor.id, vendor.uncovered.vendor]] : []));
  if (edges.length === 0) return undefined;
  const ids = vendors.map((vendor) => vendor.id);
  const lines = ["flowchart LR", ...ids.map((id, index) => `  v${index}["${id}"]`)];
  // No edge labels: every arrow means the same, and the caption says what (repeated labels would only add noise).
  for (const [from, to] of edges) lines.push(`  v${ids.indexOf(from)} --> v${ids.indexOf(to)}`);
  return lines.join("\n");
}

export function indexView(model: Model) {
  const results = conformance(model);
  const vendorIds = model.vendors.map((vendor) => vendor.id);
  const rows = (kind: StateKind) => valueRows(model, results, kind);
  const byId = new Map(model.documents.map((document) => [document.id, document]));
  const documentedKinds = (["task_state", "power_state", "status"] as const).map((kind) => ({
    title: kind,
    field: code(kindFields[kind]),
    rows: documentedRows(rows(kind), kind === "power_state" ? powerNames(model) : () => undefined).map((row) => ({ label: row.label, cells: row.cells.join(" | ") })),
  }));
  return {
    header: headerLine(),
    vendors: model.vendors.map((vendor) => {
      const primaryLocale = byId.get(vendor.documents[0])!.locale;
      const locales = vendor.locales.map((locale) => (locale === primaryLocale || pageStrings[locale] === undefined ? locale : `[${locale}](${vendor.id}/${pageFile(locale, primaryLocale)})`));
      return {
        link: `[${vendor.id}](${vendor.id}/README.md)`,
        documents: vendor.documents.length,
        locales: locales.join(", "),
        uncovered: vendor.uncovered.kind === "fallback" ? `derived as ${code(vendor.uncovered.vendor)} derives it` : code(vendor.uncovered.status),
      };
    }),
    diagram: fallbackDiagram(model.vendors),
    hasConformance: vendorIds.includes(referenceVendorId),
    reference: code(referenceVendorId),
    summary: summary(results),
    vendorColumns: vendorIds.join(" | "),
    separator: vendorIds.map(() => "---").join(" | "),
    noTask: noTaskRows(model, rows("vm_state")).map((row) => ({ label: row.label, cells: row.cells.join(" | ") })),
    kinds: documentedKinds,
  };
}
