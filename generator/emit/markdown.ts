// Markdown per vendor (and per extra locale), plus cross-vendor pages, from handlebars templates in templates/.
// Templates get logic-free view data: ordering, grouping and escaping all happen here.
import { templateFunction } from "./handlebars.js";
import { TemplateError } from "./template-error.js";
import { conformance, referenceVendorId } from "../model/conformance.js";
import { compactDerivation, fallbackChain, finalOrigin, statusFromState } from "../model/derive.js";
import { stateKinds, type Answer, type Model, type SourceDocument, type StateKind, type TaskKey, type Vendor } from "../model/model.js";
import { headerLine, valueDescription } from "./header.js";
import type { EmitOptions, Emitted } from "./contract.js";
import { diagnostic } from "../common/diagnostics.js";
import { kindFields, memberNames } from "./names.js";

/** Inline Markdown text: nothing in it can open markup, a table cell, HTML or a new line; URLs become autolinks. */
export function inline(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"'`|]*[^\s<>"'`|.,;:)])/)
    .map((part, index) => (index % 2 === 1 ? `<${part}>` : escapeText(part)))
    .join("");
}

function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/[`*_[\]#~|!]/g, (char) => `\\${char}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, "<br>");
}

/** A state value as code; values are restricted by the spec schema, so they never hold a backtick. */
function code(value: string | number | null): string {
  return value === null ? "null" : `\`${value}\``;
}

/** An empty table cell; a visible mark keeps every row's pipes evenly spaced. */
const empty = "—";

function taskKeyCell(task: TaskKey): string {
  return task.kind === "other" ? "any other" : task.kind === "none" ? "no task (`null`)" : code(task.taskState);
}

/** Where an answer of the effective derivation comes from, for a table cell: the row, or the fixed status. */
function originCell(vendor: Vendor, answer: Answer): string {
  const chain = fallbackChain(answer.origin);
  const final = finalOrigin(answer.origin);
  const what =
    final.kind === "policy"
      ? `${chain.length === 0 ? vendor.id : chain[chain.length - 1]}'s fixed status for uncovered pairs`
      : `row ${code(final.row.vmState)} + ${final.row.task.kind === "other" ? "any task state" : taskKeyCell(final.row.task)} of ${code(final.row.document)}`;
  return chain.length === 0 ? what : `inherited from ${chain.map(code).join(" via ")}: ${what}`;
}

/** The source of an answer without its row, so the task states of one vm_state group by status and document. */
function sourceCell(vendor: Vendor, answer: Answer): string {
  const chain = fallbackChain(answer.origin);
  const final = finalOrigin(answer.origin);
  const what = final.kind === "policy" ? `${chain.length === 0 ? vendor.id : chain[chain.length - 1]}'s fixed status for uncovered pairs` : code(final.row.document);
  return chain.length === 0 ? what : `inherited from ${chain.map(code).join(" via ")}: ${what}`;
}

/**
 * The effective derivation as a reader looks it up: per vm_state, the status for any other task state, then the
 * task keys that differ, grouped by status and origin; last, a vm_state outside the table.
 */
function derivationRows(vendor: Vendor) {
  const rows: { vmState: string; taskStates: string; status: string; origin: string }[] = [];
  for (const entry of compactDerivation(vendor.derivation)) {
    rows.push({ vmState: code(entry.vmState), taskStates: "any other", status: code(entry.default.status), origin: sourceCell(vendor, entry.default) });
    const groups = new Map<string, { status: string; origin: string; tasks: string[] }>();
    for (const exception of entry.exceptions) {
      const origin = sourceCell(vendor, exception.answer);
      const key = `${exception.answer.status}\u0000${origin}`;
      const group = groups.get(key) ?? { status: exception.answer.status, origin, tasks: [] };
      group.tasks.push(taskKeyCell(exception.task));
      groups.set(key, group);
    }
    for (const group of groups.values()) rows.push({ vmState: code(entry.vmState), taskStates: group.tasks.join(", "), status: code(group.status), origin: group.origin });
  }
  const unknown = vendor.derivation.unknownVmState;
  rows.push({ vmState: "any other vm_state", taskStates: "any", status: code(unknown.status), origin: sourceCell(vendor, unknown) });
  return rows;
}

const kindTitles: Record<string, Record<StateKind, string>> = {
  en: { vm_state: "vm_state", task_state: "task_state", power_state: "power_state", status: "status" },
};

type Compiled = Map<string, HandlebarsTemplateDelegate>;

function render(templates: Readonly<Record<string, string>>, compiled: Compiled, name: string, view: object): string {
  const source = templates[name];
  if (source === undefined) throw new TemplateError(name, `template ${name} is missing`);
  try {
    let template = compiled.get(name);
    if (!template) compiled.set(name, (template = templateFunction(name, source)));
    return `${template(view).replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
  } catch (error) {
    const message = (error as Error).message;
    const line = /line (\d+)/.exec(message)?.[1];
    throw new TemplateError(name, message.split("\n")[0], line === undefined ? undefined : Number(line));
  }
}

export function* emitMarkdown(model: Model, options: Pick<EmitOptions, "templates" | "templatesShownAs">): Iterable<Emitted> {
  const compiled: Compiled = new Map();
  // A template that does not compile or render is the user's input: a located diagnostic, never a throw.
  const page = (path: string, template: string, view: () => object): Emitted => {
    try {
      return { path, contents: render(options.templates, compiled, template, view()) };
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return diagnostic("template-error", error.message, { file: `${options.templatesShownAs ?? "templates"}/${error.template}`, line: error.line, column: 1 });
    }
  };
  const byId = new Map(model.documents.map((document) => [document.id, document]));
  for (const vendor of model.vendors) {
    const documents = vendor.documents.map((id) => byId.get(id)!);
    for (const locale of vendor.locales) {
      const primaryLocale = locale === documents[0].locale;
      const template = primaryLocale ? "vendor.md.hbs" : `vendor.${locale}.md.hbs`;
      if (!primaryLocale && options.templates[template] === undefined) continue;
      yield page(`${vendor.id}/${primaryLocale ? "README" : `README.${locale}`}.md`, template, () => vendorView(vendor, documents, primaryLocale ? undefined : locale));
    }
  }
  yield page("README.md", "index.md.hbs", () => indexView(model));
  if (model.vendors.some((vendor) => vendor.id === referenceVendorId)) {
    yield page("conformance.md", "conformance.md.hbs", () => conformanceView(model));
  }
}

function vendorView(vendor: Vendor, documents: SourceDocument[], locale: string | undefined) {
  const describe = (entry: Vendor["states"][StateKind][number]) => {
    const description = valueDescription(vendor.id, entry, locale);
    return description === undefined ? empty : inline(description);
  };
  return {
    header: headerLine(),
    vendor: vendor.id,
    policy:
      vendor.uncovered.kind === "fallback"
        ? { fallback: code(vendor.uncovered.vendor), why: inline(vendor.uncovered.why) }
        : { status: code(vendor.uncovered.status), why: inline(vendor.uncovered.why) },
    documents: documents.map((document) => {
      // What the project reads into a document is shown as such, next to what the document states.
      const readingOf = (field: string) => document.provenance.readings?.find((reading) => reading.field === field)?.why;
      const publisherReading = readingOf("publisher");
      const translatesReading = readingOf("translates");
      return {
        id: code(document.id),
        title: inline(document.provenance.title),
        publisher: inline(document.provenance.publisher),
        publisherReading: publisherReading === undefined ? undefined : inline(publisherReading),
        source: code(document.provenance.source),
        locale: document.locale,
        url: document.provenance.url === undefined ? undefined : `<${encodeURI(document.provenance.url)}>`,
        links: document.provenance.references.length === 0 ? undefined : document.provenance.references.map(inline).join(", "),
        translates: document.translates === undefined ? undefined : code(document.translates),
        translatesReading: translatesReading === undefined ? undefined : inline(translatesReading),
        readings: (document.provenance.readings ?? []).filter((reading) => reading.field !== "publisher" && reading.field !== "translates").map((reading) => ({ field: reading.field, why: inline(reading.why) })),
        known: (document.provenance.known ?? []).map(inline),
        notes: document.notes.filter((note) => !note.editorial).map((note) => ({ section: inline(note.section), text: inline(note.text) })),
      };
    }),
    kinds: stateKinds.map((kind) => {
      const names = memberNames(vendor.states[kind]);
      return {
        title: kindTitles.en[kind],
        field: code(kindFields[kind]),
        empty: vendor.states[kind].length === 0,
        values: vendor.states[kind].map((entry, index) => ({
          value: code(entry.value),
          name: code(names[index]),
          description: describe(entry),
          declaredBy: entry.declaredBy.length > 0 ? entry.declaredBy.map(code).join(", ") : entry.inheritedFrom !== undefined ? "none" : "mapping rows only",
        })),
      };
    }),
    derivation: derivationRows(vendor),
    mapping: vendor.mapping.map((row) => ({ vmState: code(row.vmState), taskState: taskKeyCell(row.task), status: code(row.status), written: row.written === undefined ? empty : `${inline(row.written)}${row.reading === undefined ? "" : " (read by the project)"}`, file: code(row.location.file.slice(row.location.file.lastIndexOf("/") + 1)) })),
    mappingReadings: [...new Set(vendor.mapping.flatMap((row) => (row.reading === undefined ? [] : [row.reading])))].map(inline),
    hasMapping: vendor.mapping.length > 0,
    mermaid: mermaid(vendor),
  };
}

/** vm_state -> status as a flowchart of the vendor's own rows; edges are labelled with their task states. */
function mermaid(vendor: Vendor): string {
  const vmStates = [...new Set(vendor.mapping.map((row) => row.vmState))];
  const statuses = [...new Set(vendor.mapping.map((row) => row.status))];
  const edges = new Map<string, string[]>();
  for (const row of vendor.mapping) {
    const key = `${vmStates.indexOf(row.vmState)}:${statuses.indexOf(row.status)}`;
    const label = row.task.kind === "other" ? "any" : row.task.kind === "none" ? "null" : row.task.taskState;
    edges.set(key, [...(edges.get(key) ?? []), label]);
  }
  const quote = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;
  const lines = ["flowchart LR"];
  vmStates.forEach((vmState, index) => lines.push(`  vm${index}[${quote(vmState)}]`));
  statuses.forEach((status, index) => lines.push(`  st${index}([${quote(status)}])`));
  for (const [key, labels] of edges) {
    const [vm, status] = key.split(":");
    lines.push(`  vm${vm} -->|${quote(labels.join(", "))}| st${status}`);
  }
  return lines.join("\n");
}

/** Whether a vendor documents a value; "inherited" when only its fallback's answers bring it in. */
function documents(vendor: Vendor, kind: StateKind, value: string | number): string {
  const entry = vendor.states[kind].find((candidate) => candidate.value === value);
  return entry === undefined ? "no" : entry.inheritedFrom === undefined ? "yes" : `inherited from ${entry.inheritedFrom}`;
}

function indexView(model: Model) {
  const vendorIds = model.vendors.map((vendor) => vendor.id);
  const kinds = stateKinds.map((kind) => {
    const values = [...new Set(model.vendors.flatMap((vendor) => vendor.states[kind].map((entry) => entry.value)))];
    return {
      title: kind,
      field: code(kindFields[kind]),
      rows: values.map((value) => ({ value: code(value), cells: model.vendors.map((vendor) => documents(vendor, kind, value)).join(" | ") })),
    };
  });
  const vmStates = [...new Set(model.vendors.flatMap((vendor) => vendor.states.vm_state.map((entry) => String(entry.value))))];
  return {
    header: headerLine(),
    vendors: model.vendors.map((vendor) => ({ id: vendor.id, link: `${vendor.id}/README.md`, documents: vendor.documents.length, locales: vendor.locales.join(", ") })),
    vendorColumns: vendorIds.join(" | "),
    separator: vendorIds.map(() => "---").join(" | "),
    kinds,
    noTask: vmStates.map((vmState) => ({ vmState: code(vmState), cells: model.vendors.map((vendor) => code(statusFromState(vendor, vmState, null))).join(" | ") })),
    hasConformance: vendorIds.includes(referenceVendorId),
  };
}

function conformanceView(model: Model) {
  const list = (values: (string | number)[]) => (values.length === 0 ? "none" : values.map(code).join(", "));
  const byId = new Map(model.vendors.map((vendor) => [vendor.id, vendor]));
  return {
    header: headerLine(),
    reference: referenceVendorId,
    vendors: conformance(model).map((result) => {
      const vendor = byId.get(result.vendor)!;
      const derivation = result.derivation.map((difference) => ({
        vmState: difference.referenceVmState === difference.vmState ? code(difference.vmState) : `${code(difference.vmState)} (Nova: ${code(difference.referenceVmState)})`,
        taskStates: difference.everyTask ? "any (every task state, and no task)" : difference.tasks.map(taskKeyCell).join(", "),
        vendorStatus: code(difference.vendorStatus),
        referenceStatus: code(difference.referenceStatus),
        origin: originCell(vendor, { status: difference.vendorStatus, origin: difference.origin }),
      }));
      if (result.unknownVmState) {
        const unknown = result.unknownVmState;
        derivation.push({ vmState: "any other vm_state", taskStates: "any", vendorStatus: code(unknown.vendorStatus), referenceStatus: code(unknown.referenceStatus), origin: originCell(vendor, { status: unknown.vendorStatus, origin: unknown.origin }) });
      }
      return {
        vendor: result.vendor,
        kinds: result.kinds.map((kind) => ({ kind: kind.kind, missing: list(kind.missing), extra: list(kind.extra), spellings: kind.spellings.length === 0 ? "none" : kind.spellings.map((pair) => `${code(pair.vendor)} for ${code(pair.reference)}`).join(", ") })),
        derivation,
        conformant: derivation.length === 0,
      };
    }),
  };
}
