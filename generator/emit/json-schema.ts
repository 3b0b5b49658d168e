// JSON Schema 2020-12 per vendor: one schema per state kind and one for a server's extended-status fields.
import { stateKinds, type Model, type StateKind, type Vendor } from "../model/model.js";
import { headerLine, valueDocumentation } from "./header.js";
import type { EmitOptions, GeneratedFile } from "./contract.js";
import { kindFields, memberNames } from "./names.js";
import { derivationRules } from "./json-schema-rules.js";
import { jsonText } from "./json-text.js";

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
  return { path: `${vendor.id}/schema/${schemaFileName(kind)}`, contents: jsonText(schema) };
}

function kindSchema(vendor: Vendor, kind: StateKind, base: string): object {
  const head = {
    $schema: dialect,
    $id: `${base}${schemaFileName(kind)}`,
    $comment: headerLine(),
    title: `${vendor.id} ${kindFields[kind]}`,
  };
  return { ...head, ...kindBody(vendor, kind) };
}

/**
 * A kind's schema without its identity, both as its own file and bundled in the server schema's $defs. Each value
 * is listed once, as a `oneOf` branch: its `const`, its member name as `title` (the name every artifact gives it)
 * and its documentation. Not an `enum` beside it: that lists every value twice and doubles a validator's errors,
 * and per-value annotations beside an `enum` would need keywords that ajv's strict mode refuses.
 */
function kindBody(vendor: Vendor, kind: StateKind): object {
  const values = vendor.states[kind];
  const type = kind === "power_state" ? "integer" : "string";
  if (values.length === 0)
    return { description: `${vendor.id}'s documents list no ${kind} values, so any ${type} is accepted.`, type };
  const names = memberNames(values);
  return {
    description:
      `The ${kind} values of ${vendor.id}: those its documents (${vendor.documents.join(", ")}) list or use, ` +
      "and those its derivation inherits.",
    type,
    oneOf: values.map((entry, index) => {
      const description = valueDocumentation(vendor.id, entry);
      return { const: entry.value, title: names[index], ...(description !== undefined && { description }) };
    }),
  };
}

function serverSchema(vendor: Vendor, base: string): object {
  const unknown = vendor.derivation.unknownVmState.status;
  const nullable = (kind: StateKind) => ({ anyOf: [{ $ref: `#/$defs/${kind}` }, { type: "null" }] });
  const rules = derivationRules(vendor);
  return {
    $schema: dialect,
    $id: `${base}${schemaFileName("server")}`,
    $comment: headerLine(),
    title: `${vendor.id} server extended status`,
    description:
      `The state fields of a server as ${vendor.id} reports them. status is derived from vm_state and task_state, ` +
      "and must be the status the vendor's derivation gives for the pair (the one statusFromState returns) " +
      "whenever OS-EXT-STS:vm_state is present. A missing task_state key is no task, as null is. " +
      `A null vm_state is outside the derivation table, as any unknown one: status must be ${unknown}. ` +
      "Without the vm_state key there is no pair, and status is held to the status values only. " +
      "Values are compared exactly (an empty string is a value, not a missing one). power_state may be null. " +
      "allOf holds one rule per vm_state, each in $defs under its name (vm_state_<value>), so an error's schema " +
      "path names the vm_state whose answer the status contradicts. " +
      "The value sets are bundled in $defs, so this schema needs no other file.",
    type: "object",
    required: ["status"],
    properties: {
      status: { $ref: "#/$defs/status" },
      [kindFields.vm_state]: nullable("vm_state"),
      [kindFields.task_state]: nullable("task_state"),
      [kindFields.power_state]: nullable("power_state"),
    },
    allOf: rules.allOf,
    $defs: { ...Object.fromEntries(stateKinds.map((kind) => [kind, kindBody(vendor, kind)])), ...rules.$defs },
  };
}
