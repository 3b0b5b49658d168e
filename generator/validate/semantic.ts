// Stage 2c: checks the schema cannot express: duplicates, conflicts, undeclared references, locale coverage.
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { stateKinds, type MappingRow, type SourceDocument, type StateKind } from "../model/model.js";
import { taskId, taskLabel } from "../model/task.js";
import { closest } from "../common/suggest.js";

export function checkDocuments(documents: readonly SourceDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, SourceDocument>();
  for (const document of documents) {
    const first = byId.get(document.id);
    if (first) {
      diagnostics.push(diagnostic("duplicate-document-id", `document id '${document.id}' is already used by ${first.file}`, document.location));
      continue;
    }
    byId.set(document.id, document);
  }
  const inherited = inheritedValues(documents);
  for (const document of documents) {
    diagnostics.push(...checkDuplicateValues(document), ...checkRows(document), ...checkUndeclared(document, inherited(document.vendor)));
    if (document.translates !== undefined) diagnostics.push(...checkTranslation(document, byId.get(document.translates)));
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
        diagnostics.push(diagnostic("duplicate-value", `${kind} value '${entry.value}' is listed twice (first on line ${firstLine})`, entry.location));
      } else seen.set(entry.value, entry.location.line);
    }
  }
  return diagnostics;
}

function checkRows(document: SourceDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // vm_state -> task key -> the first row of the pair.
  const seen = new Map<string, Map<string, MappingRow>>();
  for (const row of document.mapping) {
    const byTask = seen.get(row.vmState) ?? new Map<string, MappingRow>();
    seen.set(row.vmState, byTask);
    const first = byTask.get(taskId(row.task));
    if (!first) {
      byTask.set(taskId(row.task), row);
      continue;
    }
    const pair = `vm_state '${row.vmState}' with ${taskLabel(row.task)}`;
    if (first.status === row.status) {
      diagnostics.push(diagnostic("duplicate-row", `${pair} is mapped twice to ${row.status} (first on line ${first.location.line})`, row.location));
    } else {
      diagnostics.push(diagnostic("conflicting-rows", `${pair} is mapped to ${row.status} here and to ${first.status} on line ${first.location.line}`, row.location));
    }
  }
  return diagnostics;
}

/**
 * For a vendor that extends another (`vendor.extends`), the values the extended vendor's documents declare, through
 * every level of extension: the extending vendor takes them over, so its rows may use them without listing them.
 */
function inheritedValues(documents: readonly SourceDocument[]): (vendorId: string) => Record<StateKind, Set<string>> {
  const extendsOf = new Map<string, string>();
  for (const document of documents) {
    if (document.uncovered?.kind === "fallback" && document.uncovered.inherit) extendsOf.set(document.vendor, document.uncovered.vendor);
  }
  return (vendorId) => {
    const values = Object.fromEntries(stateKinds.map((kind) => [kind, new Set<string>()])) as Record<StateKind, Set<string>>;
    const seen = new Set([vendorId]);
    for (let base = extendsOf.get(vendorId); base !== undefined && !seen.has(base); base = extendsOf.get(base)) {
      seen.add(base);
      for (const document of documents) {
        if (document.vendor !== base) continue;
        for (const kind of stateKinds) for (const entry of document.states[kind]) values[kind].add(String(entry.value));
        for (const row of document.mapping) {
          values.vm_state.add(row.vmState);
          if (row.task.kind === "task") values.task_state.add(row.task.taskState);
          values.status.add(row.status);
        }
      }
    }
    return values;
  };
}

function checkUndeclared(document: SourceDocument, inherited: Record<StateKind, Set<string>>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const declared = (kind: StateKind) => document.states[kind].map((entry) => String(entry.value));
  // A document that lists no values of a kind makes no claim about that kind: only its rows speak for it.
  const check = (kind: StateKind, value: string, row: MappingRow) => {
    const values = declared(kind);
    if (values.length === 0 || values.includes(value) || inherited[kind].has(value)) return;
    const suggestion = closest(value, values);
    const hint = suggestion ? `; did you mean '${suggestion}'?` : "";
    const use = kind === "status" ? "produces" : "uses";
    diagnostics.push(diagnostic("undeclared-value", `mapping row ${use} ${kind} '${value}', which the document's ${kind} list does not declare${hint}`, row.location));
  };
  const reported = new Set<string>();
  for (const row of document.mapping) {
    const once = (kind: StateKind, value: string) => {
      if (reported.has(`${kind}:${value}`)) return;
      reported.add(`${kind}:${value}`);
      check(kind, value, row);
    };
    once("vm_state", row.vmState);
    if (row.task.kind === "task") once("task_state", row.task.taskState);
    once("status", row.status);
  }
  return diagnostics;
}

function checkTranslation(document: SourceDocument, original: SourceDocument | undefined): Diagnostic[] {
  if (!original) {
    return [diagnostic("unknown-translated-document", `translates '${document.translates}', but no document has that id`, document.location)];
  }
  const diagnostics: Diagnostic[] = [];
  const mismatch = (message: string, at = document.location) =>
    diagnostics.push(diagnostic("locale-mismatch", `${message} (translating '${original.id}' from ${original.file})`, at));
  if (document.vendor !== original.vendor) mismatch(`vendor '${document.vendor}' differs from '${original.vendor}'`);
  if (document.locale === original.locale) mismatch(`locale '${document.locale}' is the same as the original's`);
  for (const kind of stateKinds) {
    const ours = document.states[kind].map((entry) => entry.value);
    const theirs = new Set(original.states[kind].map((entry) => entry.value));
    for (const entry of document.states[kind]) {
      if (!theirs.has(entry.value)) mismatch(`${kind} value '${entry.value}' is not in the original`, entry.location);
    }
    for (const value of theirs) if (!ours.includes(value)) mismatch(`${kind} value '${value}' of the original is missing`);
  }
  // A row as a set member: the three fields, joined by a character no value can hold (see validate/characters.ts).
  const rowKey = (row: MappingRow) => `${row.vmState}\u0000${taskId(row.task)}\u0000${row.status}`;
  const theirRows = new Set(original.mapping.map(rowKey));
  const ourRows = new Set(document.mapping.map(rowKey));
  for (const row of document.mapping) {
    if (!theirRows.has(rowKey(row))) mismatch(`mapping row ${row.vmState} + ${taskLabel(row.task)} -> ${row.status} is not in the original`, row.location);
  }
  for (const row of original.mapping) {
    if (!ourRows.has(rowKey(row))) mismatch(`mapping row ${row.vmState} + ${taskLabel(row.task)} -> ${row.status} of the original is missing`);
  }
  return diagnostics;
}
