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

/** Where a walk along fallbacks ended: the vendors passed, and why it stopped. */
export interface FallbackWalk {
  /** `start` and each vendor it falls back to, in order, up to where the walk stopped (not included). */
  path: string[];
  /** The vendor the walk stopped at because `stop` held for it; undefined when the last one falls back to none. */
  end?: string;
  /** Where on `path` a loop starts, when the last vendor falls back to one already passed. */
  loopFrom?: number;
}

/**
 * The one walk along a vendor's fallbacks, for validate (loops, unknown vendors), resolve (build the vendor it
 * falls back to first) and did-you-mean (the values a chain declares): from `start`, to the vendor `next` names,
 * until `next` names none, `stop` holds (a vendor an earlier walk settled, one not defined), or a vendor repeats.
 * A loop, not recursion: a chain may be any number of vendors deep.
 */
export function walkFallbacks(
  start: string,
  next: (vendorId: string) => string | undefined,
  stop: (vendorId: string) => boolean = () => false,
): FallbackWalk {
  const path: string[] = [];
  const onPath = new Map<string, number>();
  for (let vendorId: string | undefined = start; vendorId !== undefined; vendorId = next(vendorId)) {
    if (stop(vendorId)) return { path, end: vendorId };
    const loopFrom = onPath.get(vendorId);
    if (loopFrom !== undefined) return { path, loopFrom };
    onPath.set(vendorId, path.length);
    path.push(vendorId);
  }
  return { path };
}
