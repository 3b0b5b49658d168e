// Markdown per vendor (and per extra locale), plus cross-vendor pages, from handlebars templates in templates/.
// Templates get logic-free view data: ordering, grouping and escaping all happen here.
import { templateFunction } from "./handlebars.js";
import { TemplateError } from "./template-error.js";
import { conformance, referenceVendorId } from "../conformance.js";
import { indexDerivation, statusFromState } from "../derive.js";
import { ANY_TASK, stateKinds, type Model, type SourceDocument, type StateKind, type TaskKey, type Vendor } from "../model.js";
import { headerLine, undescribed } from "./header.js";
import type { EmitOptions, GeneratedFile } from "./index.js";
import { kindFields } from "./names.js";

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

function taskCell(task: TaskKey): string {
  return task === ANY_TASK ? "any other" : task === null ? "no task (`null`)" : code(task);
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

export function* emitMarkdown(model: Model, options: Pick<EmitOptions, "templates">): Iterable<GeneratedFile> {
  const compiled: Compiled = new Map();
  const byId = new Map(model.documents.map((document) => [document.id, document]));
  for (const vendor of model.vendors) {
    const documents = vendor.documents.map((id) => byId.get(id)!);
    for (const locale of vendor.locales) {
      const primaryLocale = locale === documents[0].locale;
      const template = primaryLocale ? "vendor.md.hbs" : `vendor.${locale}.md.hbs`;
      if (!primaryLocale && options.templates[template] === undefined) continue;
      yield { path: `${vendor.id}/${primaryLocale ? "README" : `README.${locale}`}.md`, contents: render(options.templates, compiled, template, vendorView(vendor, documents, primaryLocale ? undefined : locale)) };
    }
  }
  yield { path: "README.md", contents: render(options.templates, compiled, "index.md.hbs", indexView(model)) };
  if (model.vendors.some((vendor) => vendor.id === referenceVendorId)) {
    yield { path: "conformance.md", contents: render(options.templates, compiled, "conformance.md.hbs", conformanceView(model)) };
  }
}

function vendorView(vendor: Vendor, documents: SourceDocument[], locale: string | undefined) {
  const describe = (entry: Vendor["states"][StateKind][number]) => inline((locale === undefined ? entry.description : (entry.translations[locale] ?? entry.description)) ?? undescribed);
  return {
    header: headerLine(vendor.specHash),
    vendor: vendor.id,
    policy:
      vendor.uncovered.kind === "fallback"
        ? { fallback: code(vendor.uncovered.vendor), why: inline(vendor.uncovered.why) }
        : { status: code(vendor.uncovered.status), why: inline(vendor.uncovered.why) },
    documents: documents.map((document) => ({
      id: code(document.id),
      title: inline(document.provenance.title),
      publisher: inline(document.provenance.publisher),
      source: code(document.provenance.source),
      locale: document.locale,
      url: document.provenance.url === undefined ? undefined : `<${encodeURI(document.provenance.url)}>`,
      notes: document.notes.filter((note) => !note.editorial).map((note) => ({ section: inline(note.section), text: inline(note.text) })),
    })),
    kinds: stateKinds.map((kind) => ({
      title: kindTitles.en[kind],
      field: code(kindFields[kind]),
      empty: vendor.states[kind].length === 0,
      values: vendor.states[kind].map((entry) => ({
        value: code(entry.value),
        name: entry.name === undefined ? empty : code(entry.name),
        description: describe(entry),
        declaredBy: entry.declaredBy.length === 0 ? "mapping rows only" : entry.declaredBy.map(code).join(", "),
      })),
    })),
    mapping: vendor.mapping.map((row) => ({ vmState: code(row.vmState), taskState: taskCell(row.taskState), status: code(row.status), written: row.written === undefined ? empty : inline(row.written), file: code(row.location.file.slice(row.location.file.lastIndexOf("/") + 1)) })),
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
    const label = row.taskState === ANY_TASK ? "any" : row.taskState === null ? "null" : row.taskState;
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

function indexView(model: Model) {
  const vendorIds = model.vendors.map((vendor) => vendor.id);
  const kinds = stateKinds.map((kind) => {
    const values = [...new Set(model.vendors.flatMap((vendor) => vendor.states[kind].map((entry) => entry.value)))];
    return {
      title: kind,
      field: code(kindFields[kind]),
      rows: values.map((value) => ({ value: code(value), cells: model.vendors.map((vendor) => (vendor.states[kind].some((entry) => entry.value === value) ? "yes" : "no")).join(" | ") })),
    };
  });
  const tables = model.vendors.map((vendor) => indexDerivation(vendor.derivation));
  const vmStates = [...new Set(model.vendors.flatMap((vendor) => vendor.states.vm_state.map((entry) => String(entry.value))))];
  return {
    header: headerLine(model.specHash),
    vendors: model.vendors.map((vendor) => ({ id: vendor.id, link: `${vendor.id}/README.md`, documents: vendor.documents.length, locales: vendor.locales.join(", ") })),
    vendorColumns: vendorIds.join(" | "),
    separator: vendorIds.map(() => "---").join(" | "),
    kinds,
    noTask: vmStates.map((vmState) => ({ vmState: code(vmState), cells: model.vendors.map((vendor, index) => code(statusFromState(vendor, vmState, null, tables[index]))).join(" | ") })),
    hasConformance: vendorIds.includes(referenceVendorId),
  };
}

function conformanceView(model: Model) {
  const list = (values: (string | number)[]) => (values.length === 0 ? "none" : values.map(code).join(", "));
  return {
    header: headerLine(model.specHash),
    reference: referenceVendorId,
    vendors: conformance(model).map((result) => ({
      vendor: result.vendor,
      kinds: result.kinds.map((kind) => ({ kind: kind.kind, missing: list(kind.missing), extra: list(kind.extra), spellings: kind.spellings.length === 0 ? "none" : kind.spellings.map((pair) => `${code(pair.vendor)} for ${code(pair.reference)}`).join(", ") })),
      derivation: result.derivation.map((difference) => ({ vmState: code(difference.vmState), taskStates: difference.taskStates.map(taskCell).join(", "), vendorStatus: code(difference.vendorStatus), referenceStatus: code(difference.referenceStatus) })),
      conformant: result.derivation.length === 0,
    })),
  };
}
