// Causes about a value's descriptions: changed per locale, and a translation that fell behind its original.
import type { Model, StateKind, Vendor } from "../model/model.js";
import { finding, type Finding } from "./findings.js";

/** Per value on both sides: its description per locale, and each translation that did not follow its original. */
export function descriptionFindings(before: Vendor, after: Vendor, kind: StateKind, head: Model): Finding[] {
  const findings: Finding[] = [];
  const vendor = after.id;
  const baseValues = new Map(before.states[kind].map((entry) => [entry.value, entry]));
  const translations = head.documents.filter(
    (document) => document.vendor === vendor && document.translates !== undefined,
  );
  for (const entry of after.states[kind]) {
    const old = baseValues.get(entry.value);
    if (old && old.description !== entry.description) {
      // A value the vendor inherited (no description) that its documents now list is news of its own kind.
      const adopted = old.inheritedFrom !== undefined && entry.inheritedFrom === undefined;
      const message = adopted
        ? `${kind} '${entry.value}' is now listed and described by ${vendor}'s documents ` +
          `(before: inherited from ${old.inheritedFrom})`
        : `${kind} '${entry.value}': description changed`;
      findings.push(
        finding(
          "info",
          vendor,
          {
            kind: "description-changed",
            cause: "description",
            stateKind: kind,
            value: entry.value,
            locale: primaryLocale(head, after),
            before: old.description,
            after: entry.description,
          },
          message,
          [kind, entry.value, "default"],
          entry.location,
        ),
      );
    }
    for (const locale of new Set([...Object.keys(old?.translations ?? {}), ...Object.keys(entry.translations)])) {
      const was = old?.translations[locale] ?? null;
      const now = entry.translations[locale] ?? null;
      if (!old || was === now) continue;
      findings.push(
        finding(
          "info",
          vendor,
          {
            kind: "description-changed",
            cause: "description",
            stateKind: kind,
            value: entry.value,
            locale,
            before: was,
            after: now,
          },
          `${kind} '${entry.value}': ${locale} description changed`,
          [kind, entry.value, locale],
          entry.location,
        ),
      );
    }
    // The original's description is new or changed, and the translation kept what it had (or still has none).
    const originalChanged = entry.description !== null && entry.description !== (old?.description ?? null);
    if (!originalChanged) continue;
    for (const translation of translations) {
      const was = old?.translations[translation.locale] ?? null;
      const now = entry.translations[translation.locale] ?? null;
      if (now !== was && now !== null) continue;
      const at =
        translation.states[kind].find((candidate) => candidate.value === entry.value)?.location ?? translation.location;
      const what = old?.description == null ? "was described" : "description changed";
      findings.push(
        finding(
          "warning",
          vendor,
          {
            kind: "translation-behind",
            cause: "translation",
            stateKind: kind,
            value: entry.value,
            locale: translation.locale,
            document: translation.id,
            before: old?.description ?? null,
            after: entry.description,
            translation: now,
          },
          `${kind} '${entry.value}' ${what} in the original, ` +
            `but its ${translation.locale} translation (${translation.id}) ` +
            (now === null ? "has no description" : "did not change"),
          [kind, entry.value, translation.locale],
          at,
        ),
      );
    }
  }
  return findings;
}

function primaryLocale(model: Model, vendor: Vendor): string {
  return model.documents.find((document) => document.id === vendor.documents[0])?.locale ?? "en";
}
