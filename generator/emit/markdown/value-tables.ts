// A vendor's value sets as tables. A column that would say the same thing in every row (or nothing) is left out and,
// where it carries a fact, said once above the table instead: member names when each is just the value in upper
// case, "declared by" when one document declares them all, descriptions when no document gives one.
import { stateKinds, type StateKind, type Vendor, type VendorValue } from "../../model/model.js";
import { kindFields, memberNames } from "../names.js";
import { inheritedMark, rowsOnlyMark, withMark } from "./derivation-table.js";
import { fill, type PageStrings } from "./strings.js";
import { code, codeSpan, inline, tableRow } from "./text.js";

export interface ValueTable {
  title: StateKind;
  intro: string;
  empty: boolean;
  /** Above a table that is not the only thing under its heading. */
  caption?: string;
  header: string;
  separator: string;
  rows: string[];
  /** Set instead of a table when the values are all a table would show: the values, comma-separated. */
  list?: string;
}

/** The value's description in the page's locale; none for an inherited value (its mark says where it comes from). */
function description(entry: VendorValue, locale: string | undefined): string {
  const described = locale === undefined ? entry.description : (entry.translations[locale] ?? entry.description);
  return described === null ? "" : inline(described);
}

function valueCell(entry: VendorValue, markRowsOnly: boolean): string {
  return withMark(
    code(entry.value),
    entry.inheritedFrom !== undefined
      ? inheritedMark
      : markRowsOnly && entry.declaredBy.length === 0
        ? rowsOnlyMark
        : undefined,
  );
}

/**
 * `locale`: the page's locale where it is not the primary one (descriptions from its translations); `documentId`
 * names a declaring document as the page names it (a translation's page names the translating document).
 */
export function valueTables(
  vendor: Vendor,
  strings: PageStrings,
  locale: string | undefined,
  documentId: (id: string) => string = (id) => id,
): ValueTable[] {
  return stateKinds.map((kind) => {
    const values = vendor.states[kind];
    const names = memberNames(values);
    const descriptions = values.map((entry) => description(entry, locale));
    // Inherited values and values only rows use are marked instead; the others name their documents.
    const declaredBy = (entry: VendorValue) => [...new Set(entry.declaredBy.map(documentId))].map(code).join(", ");
    const declaring = [...new Set(values.filter((entry) => entry.declaredBy.length > 0).map(declaredBy))];
    // When no value of the set is declared by a list, that is said once instead of marking each value.
    const own = values.filter((entry) => entry.inheritedFrom === undefined);
    const rowsOnlyAll = own.length > 0 && own.every((entry) => entry.declaredBy.length === 0);
    const cellOf = (entry: VendorValue) => valueCell(entry, !rowsOnlyAll);
    const columns: { title: string; cell: (index: number) => string }[] = [
      { title: strings.valueColumn, cell: (index) => cellOf(values[index]) },
    ];
    const plainNames = names.every((name, index) => name === plainName(values[index].value));
    if (!plainNames) columns.push({ title: strings.nameColumn, cell: (index) => code(names[index]) });
    // Descriptions of a few values only: all values in one line, then a table of the described ones.
    const described = descriptions.filter((text) => text !== "").length;
    const sparse = described > 0 && described * 2 < values.length && columns.length === 1;
    if (described > 0) columns.push({ title: strings.descriptionColumn, cell: (index) => descriptions[index] });
    if (declaring.length > 1)
      columns.push({ title: strings.declaredByColumn, cell: (index) => declaredBy(values[index]) });
    const intro = [
      fill(strings.reportedIn, { field: code(kindFields[kind]) }),
      ...(declaring.length === 1 ? [fill(strings.listedBy, { documents: declaring[0] })] : []),
      ...(rowsOnlyAll ? [strings.rowsOnlyAll] : []),
    ].join(strings.sentenceGap);
    const table = {
      header: `| ${columns.map((column) => column.title).join(" | ")} |`,
      separator: `| ${columns.map(() => "---").join(" | ")} |`,
    };
    const shown = values.flatMap((_, index) => (sparse && descriptions[index] === "" ? [] : [index]));
    let rows = shown.map((index) => tableRow(columns.map((column) => column.cell(index))));
    let list: string | undefined;
    let caption: string | undefined;
    if (sparse) {
      list = values.map(cellOf).join(", ");
      caption = strings.describedCaption;
    } else if (columns.length === 1) {
      // Only the values themselves: grouped by the operation the document files them under, or one line.
      const groups = [...new Set(values.map((entry) => entry.group))];
      if (groups.every((group) => group !== undefined) && groups.length < values.length) {
        table.header = `| ${strings.groupColumn} | ${strings.valueColumn} |`;
        table.separator = "| --- | --- |";
        rows = groups.map(
          (group) =>
            `| ${codeSpan(group!)} | ${values
              .filter((entry) => entry.group === group)
              .map(cellOf)
              .join(", ")} |`,
        );
      } else {
        list = values.map(cellOf).join(", ");
        rows = [];
      }
    }
    return {
      title: kind,
      intro,
      empty: values.length === 0,
      caption,
      ...table,
      rows,
      list,
    };
  });
}

/** The member name the naming rule gives a value that shares its name with no other (names.ts, step 1). */
function plainName(value: string | number): string {
  return String(value)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
