// JSON Schema 2020-12 per vendor: one schema per state kind and one for a server's extended-status fields.
import { stateKinds, type Model, type StateKind, type Vendor, type VendorValue } from "../model.js";
import { headerLine, undescribed } from "./header.js";
import type { EmitOptions, GeneratedFile } from "./index.js";
import { kindFields } from "./names.js";

const dialect = "https://json-schema.org/draft/2020-12/schema";

export function schemaFileName(kind: StateKind | "server"): string {
  return `${kind.replace(/_/g, "-")}.schema.json`;
}

export function* emitJsonSchema(model: Model, options: Pick<EmitOptions, "schemaBaseUri">): Iterable<GeneratedFile> {
  for (const vendor of model.vendors) {
    const base = `${options.schemaBaseUri}${vendor.id}/`;
    for (const kind of stateKinds) yield file(vendor, kind, kindSchema(vendor, kind, base));
    yield file(vendor, "server", serverSchema(vendor, base));
  }
}

function file(vendor: Vendor, kind: StateKind | "server", schema: object): GeneratedFile {
  return { path: `${vendor.id}/schema/${schemaFileName(kind)}`, contents: `${JSON.stringify(schema, null, 2)}\n` };
}

export function valueDescription(entry: VendorValue): string {
  return entry.description ?? undescribed;
}

function kindSchema(vendor: Vendor, kind: StateKind, base: string): object {
  const values = vendor.states[kind];
  const type = kind === "power_state" ? "integer" : "string";
  const head = {
    $schema: dialect,
    $id: `${base}${schemaFileName(kind)}`,
    $comment: headerLine(vendor.specHash),
    title: `${vendor.id} ${kindFields[kind]}`,
  };
  if (values.length === 0) return { ...head, description: `${vendor.id}'s documents list no ${kind} values, so any ${type} is accepted.`, type };
  return {
    ...head,
    description: `The ${kind} values documented for ${vendor.id} (${vendor.documents.join(", ")}).`,
    type,
    enum: values.map((entry) => entry.value),
    // enum for tools that read only enum; oneOf to carry a title and a description per value.
    oneOf: values.map((entry) => ({ const: entry.value, ...(entry.name !== undefined && { title: entry.name }), description: valueDescription(entry) })),
  };
}

function serverSchema(vendor: Vendor, base: string): object {
  const nullable = (kind: StateKind) => ({ anyOf: [{ $ref: schemaFileName(kind) }, { type: "null" }] });
  return {
    $schema: dialect,
    $id: `${base}${schemaFileName("server")}`,
    $comment: headerLine(vendor.specHash),
    title: `${vendor.id} server extended status`,
    description: `The state fields of a server as ${vendor.id} reports them. status is derived from vm_state and task_state; task_state is null when no task runs, power_state may be null.`,
    type: "object",
    required: ["status"],
    properties: {
      status: { $ref: schemaFileName("status") },
      [kindFields.vm_state]: { $ref: schemaFileName("vm_state") },
      [kindFields.task_state]: nullable("task_state"),
      [kindFields.power_state]: nullable("power_state"),
    },
  };
}
