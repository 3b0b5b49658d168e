// A vendor's value, built from a document's entry. Built field by field rather than by spreading the entry: V8
// gives every object made by `{ ...entry, more }` a hidden class of its own, and at 1000 copies of the shipped
// spec those classes were a fifth of the model. Objects made here share their classes.
import type { StateValue, VendorValue } from "../model/model.js";

/** The translations of a value no translating document describes: one shared object, frozen, never written. */
export const noTranslations = Object.freeze({}) as Record<string, string>;

/** No document declares the value (only a row uses it, or only the fallback has it): one shared list, never written. */
export const noDocuments = Object.freeze([]) as unknown as string[];

/**
 * Lists of document ids, one frozen list per distinct list: a vendor has a few documents, so a few distinct lists,
 * shared by all its values. At 100 copies of the shipped spec, a list per value was ~1 MB of a ~22 MB model.
 */
export class DocumentLists {
  private readonly lists = new Map<string, string[]>();

  of(ids: readonly string[]): string[] {
    if (ids.length === 0) return noDocuments;
    const key = ids.join("\u0000");
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = Object.freeze([...ids]) as string[]));
    return list;
  }
}

/** The same fields in the same order as `{ ...entry, translations, declaredBy }` (output keeps its key order). */
export function vendorValue(
  entry: StateValue,
  declaredBy: string[],
  translations: Record<string, string> = noTranslations,
  inheritedFrom?: string,
): VendorValue {
  return {
    value: entry.value,
    description: entry.description,
    ...(entry.name !== undefined && { name: entry.name }),
    ...(entry.codeName !== undefined && { codeName: entry.codeName }),
    ...(entry.group !== undefined && { group: entry.group }),
    section: entry.section,
    location: entry.location,
    translations,
    declaredBy,
    ...(inheritedFrom !== undefined && { inheritedFrom }),
  };
}

/** Adds a description in `locale`, giving the value translations of its own on the first one. */
export function addTranslation(entry: VendorValue, locale: string, text: string): void {
  if (entry.translations === noTranslations) entry.translations = {};
  entry.translations[locale] = text;
}
