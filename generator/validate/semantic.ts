// Stage 2c: checks the schema cannot express: duplicates, conflicts, undeclared references, locale coverage.
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import {
  stateKinds,
  type MappingRow,
  type SourceDocument,
  type SourceLocation,
  type StateKind,
} from "../model/model.js";
import { RowIndex, taskId, taskLabel } from "../model/task.js";
import { closest } from "../common/suggest.js";
import { vendorSpace, type VendorSpace } from "./vendor-space.js";

export function checkDocuments(documents: readonly SourceDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, SourceDocument>();
  for (const document of documents) {
    const first = byId.get(document.id);
    if (first) {
      diagnostics.push(
        diagnostic(
          "duplicate-document-id",
          `document id '${document.id}' is already used by ${first.file}`,
          document.location,
        ),
      );
      continue;
    }
    byId.set(document.id, document);
  }
  const space = vendorSpace(documents);
  for (const document of documents) {
    diagnostics.push(...checkDuplicateValues(document), ...checkRows(document), ...checkUndeclared(document, space));
    if (document.translates !== undefined)
      diagnostics.push(...checkTranslation(document, byId.get(document.translates)));
  }
  return diagnostics;
}

function checkDuplicateValues(document: SourceDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const kind of stateKinds) {
    const seen = new Map<string | number, number>();
    for (const entry of document.states[kind]) {
      const firstLine = seen.get(entry.value);
      if (firstLine !== undefined) {
        diagnostics.push(
          diagnostic(
            "duplicate-value",
            `${kind} value '${entry.value}' is listed twice (first on line ${firstLine})`,
            entry.location,
          ),
        );
      } else seen.set(entry.value, entry.location.line);
    }
  }
  return diagnostics;
}

function checkRows(document: SourceDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const rows = new RowIndex();
  for (const row of document.mapping) {
    const first = rows.add(row);
    if (!first) continue;
    const pair = `vm_state '${row.vmState}' with ${taskLabel(row.task)}`;
    if (first.status === row.status) {
      diagnostics.push(
        diagnostic(
          "duplicate-row",
          `${pair} is mapped twice to ${row.status} (first on line ${first.location.line})`,
          row.location,
        ),
      );
    } else {
      diagnostics.push(
        diagnostic(
          "conflicting-rows",
          `${pair} is mapped to ${row.status} here and to ${first.status} on line ${first.location.line}`,
          row.location,
        ),
      );
    }
  }
  return diagnostics;
}

/**
 * A value a row uses that neither the document's own list of its kind declares nor a vendor it extends: a warning
 * at the value, naming the value of the vendor's whole space it most likely meant. A document that lists no values
 * of a kind makes no claim about that kind, so there only a value near a known one (a likely typo) is reported.
 */
function checkUndeclared(document: SourceDocument, space: VendorSpace): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const listed = {} as Record<StateKind, string[]>;
  for (const kind of stateKinds) listed[kind] = document.states[kind].map((entry) => String(entry.value));
  const check = (kind: StateKind, value: string, at: SourceLocation) => {
    if (reported.has(`${kind}\u0000${value}`)) return;
    reported.add(`${kind}\u0000${value}`);
    if (listed[kind].includes(value) || space.inherits(document.vendor, kind, value)) return;
    const known = space.candidates(document.vendor, kind);
    const near = closest(
      value,
      [...listed[kind], ...known].filter((candidate) => candidate !== value),
    );
    if (listed[kind].length === 0 && (near === undefined || known.includes(value))) return;
    const use = `mapping row ${kind === "status" ? "produces" : "uses"} ${kind} '${value}'`;
    const link = space.fallbackOf(document.vendor);
    const relation = link?.inherit ? "extends" : "falls back to";
    const via = link ? ` nor vendor '${link.vendor}' (which it ${relation})` : "";
    // A value the vendor it falls back to declares as written is no typo of the row's: the document's near value
    // may be one (or another spelling of it), so the hint says so rather than suggest that value for the row.
    const hint =
      link && known.includes(value)
        ? `; vendor '${link.vendor}' (which it ${relation}) declares it` +
          (near === undefined ? "" : `: if the list's '${near}' means the same, use one spelling`)
        : near === undefined
          ? ""
          : `; did you mean '${near}'?`;
    const unknown =
      listed[kind].length > 0
        ? `which the document's ${kind} list does not declare`
        : `which neither vendor '${document.vendor}'${via} declares`;
    diagnostics.push(diagnostic("undeclared-value", `${use}, ${unknown}${hint}`, at));
  };
  document.mapping.forEach((row, index) => {
    check("vm_state", row.vmState, valueLocation(document, index, 0) ?? row.location);
    // A row's location is its task value where it lists task states.
    if (row.task.kind === "task") check("task_state", row.task.taskState, row.location);
    check("status", row.status, valueLocation(document, index, 2) ?? row.location);
  });
  return diagnostics;
}

/** Where row `index` writes its vm_state (`offset` 0) or status (2), when the loader recorded it. */
function valueLocation(document: SourceDocument, index: number, offset: 0 | 2): SourceLocation | undefined {
  const positions = document.valuePositions;
  if (positions === undefined || positions.length < 4 * (index + 1)) return undefined;
  const at = 4 * index + offset;
  return { file: document.location.file, line: positions[at], column: positions[at + 1] };
}

function checkTranslation(document: SourceDocument, original: SourceDocument | undefined): Diagnostic[] {
  if (!original) {
    return [
      diagnostic(
        "unknown-translated-document",
        `translates '${document.translates}', but no document has that id`,
        document.location,
      ),
    ];
  }
  const diagnostics: Diagnostic[] = [];
  const mismatch = (message: string, at = document.location) =>
    diagnostics.push(
      diagnostic("locale-mismatch", `${message} (translating '${original.id}' from ${original.file})`, at),
    );
  if (document.vendor !== original.vendor) mismatch(`vendor '${document.vendor}' differs from '${original.vendor}'`);
  if (document.locale === original.locale) mismatch(`locale '${document.locale}' is the same as the original's`);
  for (const kind of stateKinds) {
    const ours = document.states[kind].map((entry) => entry.value);
    const theirs = new Set(original.states[kind].map((entry) => entry.value));
    for (const entry of document.states[kind]) {
      if (!theirs.has(entry.value)) mismatch(`${kind} value '${entry.value}' is not in the original`, entry.location);
    }
    for (const value of theirs)
      if (!ours.includes(value)) mismatch(`${kind} value '${value}' of the original is missing`);
    // A translation exists to give descriptions in its locale: a value the original describes and the translation
    // does not is untranslated, not an error (the original's description still reaches the artifacts).
    const described = new Map(original.states[kind].map((entry) => [entry.value, entry.description]));
    for (const entry of document.states[kind]) {
      if (entry.description === null && (described.get(entry.value) ?? null) !== null) {
        diagnostics.push(
          diagnostic(
            "translation-missing",
            `${kind} value '${entry.value}' has no ${document.locale} description; ` +
              `'${original.id}' (${original.file}) describes it`,
            entry.location,
          ),
        );
      }
    }
  }
  // A row as a set member: the three fields, joined by a character no value can hold (see validate/characters.ts).
  const rowKey = (row: MappingRow) => `${row.vmState}\u0000${taskId(row.task)}\u0000${row.status}`;
  const theirRows = new Set(original.mapping.map(rowKey));
  const ourRows = new Set(document.mapping.map(rowKey));
  for (const row of document.mapping) {
    if (!theirRows.has(rowKey(row)))
      mismatch(
        `mapping row ${row.vmState} + ${taskLabel(row.task)} -> ${row.status} is not in the original`,
        row.location,
      );
  }
  for (const row of original.mapping) {
    if (!ourRows.has(rowKey(row)))
      mismatch(`mapping row ${row.vmState} + ${taskLabel(row.task)} -> ${row.status} of the original is missing`);
  }
  return diagnostics;
}
