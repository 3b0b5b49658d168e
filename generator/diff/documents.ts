// Causes about documents: added, removed, their notes (the document's own sentences) and provenance, with the text
// before and after. Notes a policy change explains are said with that change, not again here.
import type { Model, Note, Provenance, SourceDocument } from "../model/model.js";
import { finding, type Finding, type NoteChange, type ProvenanceValue } from "./findings.js";

/**
 * The notes of a document that are not on both sides, in document order. A note removed and a note added under the
 * same heading pair up as one changed note (its text before and after); the rest are added or removed.
 */
export function noteChanges(before: readonly Note[], after: readonly Note[]): NoteChange[] {
  const key = (note: Note) => JSON.stringify([note.section, note.text, note.kind ?? "text", note.editorial]);
  const remaining = new Map<string, number>();
  for (const note of before) remaining.set(key(note), (remaining.get(key(note)) ?? 0) + 1);
  const added: Note[] = [];
  for (const note of after) {
    const left = remaining.get(key(note)) ?? 0;
    if (left > 0) remaining.set(key(note), left - 1);
    else added.push(note);
  }
  const removed = before.filter((note) => {
    const left = remaining.get(key(note)) ?? 0;
    if (left === 0) return false;
    remaining.set(key(note), left - 1);
    return true;
  });
  const changes: NoteChange[] = [];
  const unpaired = [...removed];
  for (const note of added) {
    const partner = unpaired.findIndex((old) => old.section === note.section);
    if (partner >= 0)
      changes.push({ section: note.section, before: unpaired.splice(partner, 1)[0].text, after: note.text });
    else changes.push({ section: note.section, before: null, after: note.text });
  }
  for (const note of unpaired) changes.push({ section: note.section, before: note.text, after: null });
  return changes;
}

const provenanceFields = [
  "source",
  "title",
  "publisher",
  "url",
  "anchor",
  "revision",
  "references",
  "readings",
  "known",
] as const satisfies readonly (keyof Provenance)[];

function provenanceValue(provenance: Provenance, field: (typeof provenanceFields)[number]): ProvenanceValue {
  const value = provenance[field];
  if (value === undefined) return null;
  if (field === "readings")
    return (value as Provenance["readings"])!.map((reading) => ({ field: reading.field, why: reading.why }));
  return value as string | string[];
}

/** `claimed`: notes of a document already said by another finding (the policy change they explain). */
export function compareDocuments(
  base: Model,
  head: Model,
  claimed: ReadonlyMap<string, readonly NoteChange[]>,
): Finding[] {
  const findings: Finding[] = [];
  for (const document of head.documents) {
    const old = base.documents.find((candidate) => candidate.id === document.id);
    if (!old) {
      findings.push(
        finding(
          "info",
          document.vendor,
          { kind: "document-added", cause: "document", document: document.id, source: document.provenance.source },
          `document ${document.id} (${document.provenance.source}) was added`,
          [document.id],
          document.location,
        ),
      );
      continue;
    }
    const fields = provenanceFields
      .map((field) => ({
        field,
        before: provenanceValue(old.provenance, field),
        after: provenanceValue(document.provenance, field),
      }))
      .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
    if (fields.length > 0) {
      findings.push(
        finding(
          "info",
          document.vendor,
          { kind: "provenance-changed", cause: "provenance", document: document.id, fields },
          `document ${document.id}: provenance changed (${fields.map((change) => change.field).join(", ")})`,
          [document.id, fields],
          document.location,
        ),
      );
    }
    const taken = claimed.get(document.id) ?? [];
    const notes = noteChanges(old.notes, document.notes).filter(
      (change) => !taken.some((other) => JSON.stringify(other) === JSON.stringify(change)),
    );
    if (notes.length > 0) findings.push(notesFinding(document, notes));
  }
  for (const document of base.documents) {
    if (!head.documents.some((candidate) => candidate.id === document.id)) {
      findings.push(
        finding(
          "info",
          document.vendor,
          { kind: "document-removed", cause: "document", document: document.id, source: document.provenance.source },
          `document ${document.id} (${document.provenance.source}) was removed`,
          [document.id],
        ),
      );
    }
  }
  return findings;
}

function notesFinding(document: SourceDocument, notes: NoteChange[]): Finding {
  const count = (test: (change: NoteChange) => boolean) => notes.filter(test).length;
  const parts = [
    [count((change) => change.before === null), "added"],
    [count((change) => change.after === null), "removed"],
    [count((change) => change.before !== null && change.after !== null), "changed"],
  ]
    .filter(([number]) => number !== 0)
    .map(([number, what]) => `${number} ${what}`);
  return finding(
    "info",
    document.vendor,
    { kind: "notes-changed", cause: "notes", document: document.id, notes },
    `document ${document.id}: notes changed (${parts.join(", ")})`,
    [document.id, notes],
    document.location,
  );
}
