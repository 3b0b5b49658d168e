// Which documents speak for a vendor, and in what order: a rule both validate (its vendor checks) and resolve
// (merging) follow, so it lives once, here.
import type { SourceDocument } from "./model.js";

/** The documents of each vendor, vendors in order of their first document, documents in spec order. */
export function documentsByVendor(documents: readonly SourceDocument[]): Map<string, SourceDocument[]> {
  const byVendor = new Map<string, SourceDocument[]>();
  for (const document of documents) {
    const group = byVendor.get(document.vendor);
    if (group) group.push(document);
    else byVendor.set(document.vendor, [document]);
  }
  return byVendor;
}

/** The vendor's primary document: the first that says how uncovered pairs are derived (its policy). */
export function primaryDocument(vendorDocuments: readonly SourceDocument[]): SourceDocument | undefined {
  return vendorDocuments.find((document) => document.uncovered !== undefined);
}

/** The documents whose values and rows make the vendor: the primary first; translations only add descriptions. */
export function speakingDocuments(
  vendorDocuments: readonly SourceDocument[],
  primary: SourceDocument,
): SourceDocument[] {
  return [primary, ...vendorDocuments.filter((document) => document !== primary && document.translates === undefined)];
}
