// The view of one vendor page in one locale: every word from the locale's strings, every fact from the model.
// A locale's page shows the documents written in that locale as its sources (the zh-CN page its Chinese document).
import { markdownUrl } from "../../common/markdown-prose.js";
import type { SourceDocument, Vendor } from "../../model/model.js";
import { headerLine } from "../header.js";
import { derivationRows, inheritedMark, overrides, rowsOnlyMark, writtenCells } from "./derivation-table.js";
import { fill, pageStrings, quoteProse, type PageStrings } from "./strings.js";
import { code, inline, prose } from "./text.js";
import { valueTables } from "./value-tables.js";

export function pageFile(locale: string, primaryLocale: string): string {
  return locale === primaryLocale ? "README.md" : `README.${locale}.md`;
}

/**
 * `words`: the locale whose strings the page uses (the page's own, or English for a locale without strings);
 * `fallbackVendor`: the vendor that answers the pairs this one's documents do not cover, if any.
 */
export function vendorView(
  vendor: Vendor,
  documents: SourceDocument[],
  locale: string,
  words: string,
  fallbackVendor?: Vendor,
) {
  const strings = pageStrings[words];
  const primaryLocale = documents[0].locale;
  const own = documents.filter((document) => document.locale === locale);
  const fallback = vendor.uncovered.kind === "fallback" ? code(vendor.uncovered.vendor) : undefined;
  const marked = (mark: string) =>
    tables.some((table) => table.rows.some((row) => row.includes(mark)) || table.list?.includes(mark));
  const overridden = fallbackVendor && overrides(vendor, fallbackVendor, strings);
  const names = { vendor: code(vendor.id), fallback: fallback ?? "" };
  // A translation lists exactly what the document it translates lists: its page names the translation.
  const translation = new Map(
    own.flatMap((document) => (document.translates === undefined ? [] : [[document.translates, document.id]])),
  );
  const tables = valueTables(
    vendor,
    strings,
    locale === primaryLocale ? undefined : locale,
    (id) => translation.get(id) ?? id,
  );
  return {
    header: headerLine(),
    title: fill(strings.title, { vendor: vendor.id }),
    otherLocales: vendor.locales
      .filter((other) => other !== locale && pageStrings[other] !== undefined)
      .map((other) =>
        fill(strings.otherLocale, {
          language: strings.languages[other] ?? other,
          file: pageFile(other, primaryLocale),
        }),
      ),
    generatedFrom: fill(strings.generatedFrom, { count: own.length }),
    legends: [
      ...(fallback !== undefined && marked(inheritedMark) ? [fill(strings.inheritedLegend, names)] : []),
      ...(marked(rowsOnlyMark) ? [strings.rowsOnlyLegend] : []),
    ],
    derivationHeading: strings.derivationHeading,
    precedence: strings.precedence,
    policy: [
      vendor.uncovered.kind === "fallback"
        ? fill(strings.fallbackPolicy, { fallback: fallback! })
        : fill(strings.fixedPolicy, { status: code(vendor.uncovered.status) }),
      fill(strings.projectReading, { why: quoteProse(vendor.uncovered.why, prose(vendor.uncovered.why), strings) }),
    ].join(strings.sentenceGap),
    tableCaption: strings.tableCaption,
    columns: `| ${strings.vmStateColumn} | ${strings.statusColumn} | ${strings.exceptionsColumn} |`,
    derivation: derivationRows(vendor, strings),
    overridesIntro:
      overridden === undefined
        ? undefined
        : fill(overridden.length === 0 ? strings.noOverrides : strings.overridesIntro, names),
    overrides: overridden ?? [],
    writtenIntro: strings.written,
    written: writtenCells(vendor, strings),
    noRows: vendor.mapping.length === 0 ? strings.noRows : undefined,
    kinds: tables.map((table) => ({ ...table, noValues: strings.noValues })),
    sourcesHeading: strings.sourcesHeading,
    documents: own.map((document) => documentView(document, strings)),
  };
}

function documentView(document: SourceDocument, strings: PageStrings) {
  const { provenance } = document;
  // What the project reads into a document is shown as such, next to what the document states.
  const readings = (provenance.readings ?? []).map((reading) =>
    fill(strings.readingOf, { field: reading.field, why: quoteProse(reading.why, prose(reading.why), strings) }),
  );
  const facts = [
    fill(strings.documentId, { id: code(document.id), locale: document.locale }),
    fill(strings.publisher, { publisher: inline(provenance.publisher) }),
    fill(strings.sourceFile, { source: code(provenance.source) }),
    ...(provenance.url === undefined ? [] : [fill(strings.url, { url: markdownUrl(provenance.url) })]),
    ...(provenance.references.length === 0
      ? []
      : [fill(strings.links, { links: provenance.references.map(markdownUrl).join(", ") })]),
    ...(document.translates === undefined ? [] : [fill(strings.translates, { document: code(document.translates) })]),
    ...readings,
    ...(provenance.known ?? []).map((text) => fill(strings.known, { text: quoteProse(text, prose(text), strings) })),
  ];
  const sections = new Map<string, string[]>();
  for (const note of document.notes) {
    if (note.editorial) continue;
    sections.set(note.section, [...(sections.get(note.section) ?? []), prose(note.text)]);
  }
  return {
    title: inline(provenance.title),
    facts,
    // Folded (a <details> block, as GitHub shows it): the notes are the document's own text, kept whole, but a
    // reader looking a value up should not have to scroll past a licence header.
    notesIntro:
      sections.size === 0
        ? undefined
        : fill(strings.notes, { count: [...sections.values()].reduce((total, texts) => total + texts.length, 0) }),
    notes: [...sections].map(([section, texts]) => ({ section: prose(section), texts })),
  };
}
