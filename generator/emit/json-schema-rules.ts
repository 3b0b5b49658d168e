// The derivation as JSON Schema rules: one named if/then per vm_state, so a validator's error path says which
// vm_state (and which of its answers) a status contradicts. Used by the server schema (json-schema.ts).
import type { Vendor } from "../model/model.js";
import { compactDerivation, type CompactVmState } from "../model/derive.js";
import { kindFields } from "./names.js";

const fields = { status: "status", vmState: kindFields.vm_state, taskState: kindFields.task_state };

/** The name of a vm_state's rule in the server schema's $defs (`vm_state_active`): distinct values, distinct names. */
export function vmStateRuleName(vmState: string): string {
  return `vm_state_${vmState}`;
}

/**
 * The rule for a present vm_state outside the table. No `vm_state_<value>` name can be it, and it is none of the
 * value sets' names (status, vm_state, task_state, power_state).
 */
export const outsideTableRuleName = "any_other_vm_state";

/** A JSON Pointer reference into the schema's own $defs, escaped as RFC 6901 and a URI fragment ask. */
function ref(...names: string[]): { $ref: string } {
  const escaped = names.map((name) => encodeURIComponent(name.replace(/~/g, "~0").replace(/\//g, "~1")));
  return { $ref: `#/$defs/${escaped.join("/$defs/")}` };
}

/**
 * The server schema's rules: `allOf` refers to one rule per vm_state and one for any other vm_state, each held in
 * `$defs` under its name. A flat list, not a chain of else: ajv stops at the first failing rule, and the rule's
 * path (`#/$defs/vm_state_active/$defs/status_REBOOT/then/...`) names the pair and the status it wants.
 */
export function derivationRules(vendor: Vendor): { allOf: object[]; $defs: Record<string, object> } {
  const table = compactDerivation(vendor.derivation);
  const $defs: Record<string, object> = {};
  for (const entry of table) $defs[vmStateRuleName(entry.vmState)] = vmStateRule(entry);
  $defs[outsideTableRuleName] = outsideTableRule(vendor);
  return { allOf: Object.keys($defs).map((name) => ref(name)), $defs };
}

const statusIs = (status: string) => ({ properties: { [fields.status]: { const: status } } });

/**
 * The task keys listed. null is no task, which an absent key also is (README, "Missing data: one rule"): then
 * `properties` alone, which an object without the key passes.
 */
function taskIn(tasks: (string | null)[]): object {
  const listed = { properties: { [fields.taskState]: { enum: tasks } } };
  return tasks.includes(null) ? listed : { required: [fields.taskState], ...listed };
}

/**
 * One vm_state: if the server has it, its status is fixed by the task. Each status the exceptions give has its own
 * rule (`status_<STATUS>`), the default one (`any_other_task`) takes every other task; they never overlap, so
 * `allOf` needs no order. Exceptions that answer the default status (they differ only in where the answer comes
 * from) need no rule of their own.
 */
function vmStateRule(entry: CompactVmState): object {
  const groups = new Map<string, (string | null)[]>();
  for (const exception of entry.exceptions) {
    if (exception.answer.status === entry.default.status) continue;
    const task = exception.task.kind === "none" ? null : exception.task.taskState;
    groups.set(exception.answer.status, [...(groups.get(exception.answer.status) ?? []), task]);
  }
  const name = vmStateRuleName(entry.vmState);
  const head = {
    title: `${fields.vmState} ${entry.vmState}`,
    description: `With ${fields.vmState} ${entry.vmState}, status must be ${summary(entry.default.status, groups)}.`,
    // Every referenced schema states its type: ajv's strictTypes does not carry the type through $ref.
    type: "object",
    if: { required: [fields.vmState], properties: { [fields.vmState]: { const: entry.vmState } } },
  };
  if (groups.size === 0) return { ...head, then: statusIs(entry.default.status) };
  const rules: Record<string, object> = {};
  for (const [status, tasks] of groups)
    rules[`status_${status}`] = { type: "object", if: taskIn(tasks), then: statusIs(status) };
  const listed = [...groups.values()].flat();
  rules.any_other_task = { type: "object", if: { not: taskIn(listed) }, then: statusIs(entry.default.status) };
  return { ...head, then: { allOf: Object.keys(rules).map((rule) => ref(name, rule)) }, $defs: rules };
}

function summary(other: string, groups: Map<string, (string | null)[]>): string {
  const task = (taskState: string | null) => (taskState === null ? "no task" : taskState);
  const exceptions = [...groups].map(([status, tasks]) => `${status} for ${tasks.map(task).join(", ")}`);
  return exceptions.length === 0 ? other : `${exceptions.join("; ")}; ${other} for any other task state`;
}

/**
 * A present vm_state outside the derivation table (null, or any string when the vendor documents no vm_states)
 * derives the unknown status, as statusFromState answers it. A string outside a documented set fails its set too.
 */
function outsideTableRule(vendor: Vendor): object {
  const table = vendor.derivation.vmStates.map((entry) => entry.vmState);
  const unknown = vendor.derivation.unknownVmState.status;
  // ajv's strictRequired wants the required key among the same object's properties, so `{}` when any value matches.
  const outside = table.length > 0 ? { not: { enum: table } } : {};
  return {
    title: `any other ${fields.vmState}`,
    description: `With an ${fields.vmState} outside the derivation table (null included), status must be ${unknown}.`,
    type: "object",
    if: { required: [fields.vmState], properties: { [fields.vmState]: outside } },
    then: statusIs(unknown),
  };
}
