// JSON Schema 2020-12 per vendor: one schema per state kind and one for a server's extended-status fields.
import { stateKinds, type Model, type StateKind, type Vendor } from "../model/model.js";
import { compactDerivation, type CompactVmState } from "../model/derive.js";
import { headerLine, valueDescription } from "./header.js";
import type { EmitOptions, GeneratedFile } from "./contract.js";
import { kindFields, memberNames } from "./names.js";

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

function kindSchema(vendor: Vendor, kind: StateKind, base: string): object {
  const head = {
    $schema: dialect,
    $id: `${base}${schemaFileName(kind)}`,
    $comment: headerLine(),
    title: `${vendor.id} ${kindFields[kind]}`,
  };
  return { ...head, ...kindBody(vendor, kind) };
}

/** A kind's schema without its identity, both as its own file and bundled in the server schema's $defs. */
function kindBody(vendor: Vendor, kind: StateKind): object {
  const values = vendor.states[kind];
  const type = kind === "power_state" ? "integer" : "string";
  if (values.length === 0) return { description: `${vendor.id}'s documents list no ${kind} values, so any ${type} is accepted.`, type };
  const names = memberNames(values);
  return {
    description: `The ${kind} values of ${vendor.id}: those its documents (${vendor.documents.join(", ")}) list or use, and those its derivation inherits.`,
    type,
    enum: values.map((entry) => entry.value),
    // enum for tools that read only enum; oneOf to carry a title (the member name used everywhere) and a description.
    oneOf: values.map((entry, index) => {
      const description = valueDescription(vendor.id, entry);
      return { const: entry.value, title: names[index], ...(description !== undefined && { description }) };
    }),
  };
}

const fields = { status: "status", vmState: kindFields.vm_state, taskState: kindFields.task_state };

function serverSchema(vendor: Vendor, base: string): object {
  const unknown = vendor.derivation.unknownVmState.status;
  const nullable = (kind: StateKind) => ({ anyOf: [{ $ref: `#/$defs/${kind}` }, { type: "null" }] });
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
      "The value sets are bundled in $defs, so this schema needs no other file.",
    type: "object",
    required: ["status"],
    properties: {
      status: { $ref: "#/$defs/status" },
      [fields.vmState]: nullable("vm_state"),
      [fields.taskState]: nullable("task_state"),
      [kindFields.power_state]: nullable("power_state"),
    },
    allOf: [...compactDerivation(vendor.derivation).map(vmStateRule), outsideTableRule(vendor)],
    $defs: Object.fromEntries(stateKinds.map((kind) => [kind, kindBody(vendor, kind)])),
  };
}

/**
 * A present vm_state outside the derivation table (null, or any string when the vendor documents no vm_states)
 * derives the unknown status, as statusFromState answers it. A string outside a documented set fails its enum too.
 */
function outsideTableRule(vendor: Vendor): object {
  const table = vendor.derivation.vmStates.map((entry) => entry.vmState);
  // ajv's strictRequired wants the required key among the same object's properties, so `{}` when any value matches.
  const outside = table.length > 0 ? { not: { enum: table } } : {};
  return {
    if: { required: [fields.vmState], properties: { [fields.vmState]: outside } },
    then: { properties: { [fields.status]: { const: vendor.derivation.unknownVmState.status } } },
  };
}

/** One vm_state's answers as a chain of if/then/else: each status its exceptions give, else the default status. */
function vmStateRule(entry: CompactVmState): object {
  const groups = new Map<string, (string | null)[]>();
  for (const exception of entry.exceptions) {
    const task = exception.task.kind === "none" ? null : exception.task.taskState;
    groups.set(exception.answer.status, [...(groups.get(exception.answer.status) ?? []), task]);
  }
  const statusIs = (status: string) => ({ properties: { [fields.status]: { const: status } } });
  const taskIn = (tasks: (string | null)[]) => {
    const listed = { required: [fields.taskState], properties: { [fields.taskState]: { enum: tasks } } };
    return tasks.includes(null) ? { anyOf: [{ not: { required: [fields.taskState] } }, listed] } : listed;
  };
  let rule: object = statusIs(entry.default.status);
  for (const [status, tasks] of [...groups].reverse()) rule = { if: taskIn(tasks), then: statusIs(status), else: rule };
  return { if: { required: [fields.vmState], properties: { [fields.vmState]: { const: entry.vmState } } }, then: rule };
}
