// The cross-vendor page as a differences view: the vendors and how each falls back, the conformance summary, then
// per kind one row per value, where a value spelled differently by a vendor shares the row of Nova's spelling (the
// equivalence is the conformance comparison's: conformance.ts pairs each vendor spelling with Nova's), and the rows
// where vendors differ come first.
import { conformance, referenceVendorId, type VendorConformance } from "../../model/conformance.js";
import { answerFor } from "../../model/derive.js";
import type { Answer, Model, StateKind, Vendor, VendorValue } from "../../model/model.js";
import { spellingVariant } from "../../common/suggest.js";
import { headerLine } from "../header.js";
import { kindFields } from "../names.js";
import { list, spellings } from "./conformance-page.js";
import { inherited, inheritedMark, statusCell, withMark } from "./derivation-table.js";
import { pageStrings } from "./strings.js";
import { pageFile } from "./vendor-page.js";
import { code, inline } from "./text.js";
import { differencesFirst, label } from "./index-rows.js";

/**
 * The rows of one kind: one per value across vendors, in order of first appearance, Nova's values first. A
 * vendor's other spelling of a Nova value joins Nova's row: the spelling the conformance page pairs it with, or
 * else the one `validate` names in its fallback-spelling warning (`build`/`building`), so a value the vendor also
 * spells Nova's way still shares the row.
 */
interface ValueRows {
  /** Per row, every spelling of its value, Nova's first. */
  spellings: (string | number)[][];
  /**
   * Per row, one cell per vendor column: `cell` gets the vendor's values in the row (none, one, or several
   * spellings), in a list it must not keep. Cells are made column by column, so no rows x vendors table of values
   * is ever held: at thousands of vendors that table and its copies were most of a run's peak memory.
   */
  cells(
    cell: (values: readonly VendorValue[], vendor: Vendor, spellings: readonly (string | number)[]) => string,
  ): string[][];
}

function valueRows(model: Model, results: VendorConformance[], kind: StateKind): ValueRows {
  const toReference = new Map<string, Map<string | number, string>>();
  for (const result of results)
    toReference.set(
      result.vendor,
      new Map(
        result.kinds.find((entry) => entry.kind === kind)!.spellings.map((pair) => [pair.vendor, pair.reference]),
      ),
    );
  const referenceValues = (model.vendors.find((vendor) => vendor.id === referenceVendorId)?.states[kind] ?? []).map(
    (entry) => String(entry.value),
  );
  // Without a pairing of its vendor, a value's row depends on the value alone: decided once per value.
  const unpaired = new Map<string | number, string | number>();
  const spelledAs = (vendor: Vendor, value: string | number) => {
    const paired = toReference.get(vendor.id)?.get(value);
    if (paired !== undefined) return paired;
    let key = unpaired.get(value);
    if (key === undefined)
      unpaired.set(
        value,
        (key =
          typeof value === "number" || referenceValues.includes(value)
            ? value
            : (spellingVariant(value, referenceValues) ?? value)),
      );
    return key;
  };
  const rowOfKey = new Map<string | number, number>();
  const spellings: (string | number)[][] = [];
  // Per vendor column, the row of each of its values (index for index with vendor.states[kind]).
  const rowsOf: number[][] = model.vendors.map(() => []);
  const column = new Map(model.vendors.map((vendor, index) => [vendor, index]));
  const vendorsFirstReference = [...model.vendors].sort(
    (a, b) => Number(b.id === referenceVendorId) - Number(a.id === referenceVendorId),
  );
  for (const vendor of vendorsFirstReference) {
    const rows = rowsOf[column.get(vendor)!];
    for (const entry of vendor.states[kind]) {
      const key = spelledAs(vendor, entry.value);
      let row = rowOfKey.get(key);
      if (row === undefined) {
        rowOfKey.set(key, (row = spellings.length));
        spellings.push([key]);
      }
      if (!spellings[row].includes(entry.value)) spellings[row].push(entry.value);
      rows.push(row);
    }
  }
  return {
    spellings,
    cells(cell) {
      const table = spellings.map(() => new Array<string>(model.vendors.length));
      // Per row, the position of the vendor's one value in it, -1 for none, -2 for several: a vendor's value
      // reaches `cell` in one reused list (at thousands of vendors, cells number in the hundreds of thousands).
      const position = new Int32Array(spellings.length).fill(-1);
      const one: VendorValue[] = [];
      const none: VendorValue[] = [];
      model.vendors.forEach((vendor, column) => {
        const entries = vendor.states[kind];
        const rows = rowsOf[column];
        rows.forEach((row, at) => (position[row] = position[row] === -1 ? at : -2));
        table.forEach((cells, row) => {
          const at = position[row];
          if (at >= 0) one[0] = entries[at];
          cells[column] = cell(
            at === -1 ? none : at >= 0 ? one : entries.filter((_, other) => rows[other] === row),
            vendor,
            spellings[row],
          );
          position[row] = -1;
        });
      });
      return table;
    },
  };
}

/** vm_state: what each vendor derives with no task, through its own spelling; "—" where it lists no spelling. */
function noTaskRows(rows: ValueRows) {
  // One cell text per status and mark: thousands of vendors give the same few answers.
  const statusCells = new Map<string, { own?: string; inherited?: string }>();
  const statusText = (answer: Answer) => {
    let texts = statusCells.get(answer.status);
    if (!texts) statusCells.set(answer.status, (texts = {}));
    const mark = inherited(answer) ? "inherited" : "own";
    return (texts[mark] ??= statusCell(answer));
  };
  const cells = rows.cells((values, vendor, spellings) => {
    if (values.length === 0) return "—";
    if (values.length === 1 && values[0].value === spellings[0])
      return statusText(answerFor(vendor.derivation, String(values[0].value), null));
    return values
      .map((entry) => {
        const label = values.length > 1 || entry.value !== spellings[0] ? `${code(entry.value)}: ` : "";
        return `${label}${statusText(answerFor(vendor.derivation, String(entry.value), null))}`;
      })
      .join("; ");
  });
  return differencesFirst(rows.spellings.map((spellings, row) => ({ label: label(spellings), cells: cells[row] })));
}

/** Whether each vendor documents a value: yes, † (inherited), its own spelling, or — (not at all). */
function documentedRows(rows: ValueRows, names: (spellings: readonly (string | number)[]) => string | undefined) {
  const cells = rows.cells((values, _vendor, spellings) => {
    if (values.length === 0) return "—";
    if (values.length === 1 && values[0].value === spellings[0]) return values[0].inheritedFrom ? inheritedMark : "yes";
    return values
      .map((entry) => withMark(code(entry.value), entry.inheritedFrom ? inheritedMark : undefined))
      .join(", ");
  });
  const sorted = differencesFirst(
    rows.spellings.map((spellings, row) => ({
      label: label(spellings, names(spellings)),
      cells: cells[row],
      same: cells[row].every((cell) => cell === "yes"),
    })),
  );
  // Values every vendor documents alike share one row at the end: they are not what this page is for.
  const same = sorted.filter((row) => row.same);
  if (same.length < 2) return sorted;
  return [
    ...sorted.filter((row) => !row.same),
    { label: `the other ${same.length}: ${same.map((row) => row.label).join(", ")}`, cells: same[0].cells, same: true },
  ];
}

function powerNames(model: Model) {
  const namedValues = model.vendors
    .flatMap((vendor) => vendor.states.power_state)
    .filter((entry) => entry.name !== undefined);
  return (spellings: readonly (string | number)[]) => {
    const named = namedValues.find((entry) => spellings.includes(entry.value));
    return named ? `(${inline(named.name!)})` : undefined;
  };
}

function summary(results: VendorConformance[]) {
  const counted = (result: VendorConformance, side: "missing" | "extra") => {
    const parts = result.kinds
      .filter((kind) => kind[side].length > 0)
      .map((kind) => `${kind[side].length} ${kind.kind}`);
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
  const edges = vendors.flatMap((vendor) =>
    vendor.uncovered.kind === "fallback" ? [[vendor.id, vendor.uncovered.vendor]] : [],
  );
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
    rows: documentedRows(rows(kind), kind === "power_state" ? powerNames(model) : () => undefined).map((row) => ({
      label: row.label,
      cells: row.cells.join(" | "),
    })),
  }));
  return {
    header: headerLine(),
    vendors: model.vendors.map((vendor) => {
      const primaryLocale = byId.get(vendor.documents[0])!.locale;
      const locales = vendor.locales.map((locale) =>
        locale === primaryLocale || pageStrings[locale] === undefined
          ? locale
          : `[${locale}](${vendor.id}/${pageFile(locale, primaryLocale)})`,
      );
      return {
        link: `[${vendor.id}](${vendor.id}/README.md)`,
        documents: vendor.documents.length,
        locales: locales.join(", "),
        uncovered:
          vendor.uncovered.kind === "fallback"
            ? `derived as ${code(vendor.uncovered.vendor)} derives it`
            : code(vendor.uncovered.status),
      };
    }),
    diagram: fallbackDiagram(model.vendors),
    hasConformance: vendorIds.includes(referenceVendorId),
    reference: code(referenceVendorId),
    summary: summary(results),
    vendorColumns: vendorIds.join(" | "),
    separator: vendorIds.map(() => "---").join(" | "),
    noTask: noTaskRows(rows("vm_state")).map((row) => ({ label: row.label, cells: row.cells.join(" | ") })),
    kinds: documentedKinds,
  };
}
