// states.json per vendor: the value sets, the derivation and Nova's list filter as data, for a client in a language
// statespec does not emit (C#, Swift, Kotlin) to load instead of copying a table. Printed from the resolved
// derivation (model/derive.ts), as statusFromState and statesForStatus are, with each answer's origin in the one
// shape `check`, `diff` and `export` print (model/origin-json.ts). Its schema: emit/states.schema.json.
import { diagnostic } from "../common/diagnostics.js";
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import { stateKinds, type Answer, type AnswerOrigin, type Model, type StateKind, type Vendor } from "../model/model.js";
import { originJson } from "../model/origin-json.js";
import type { Emitted } from "./contract.js";
import { headerLine } from "./header.js";
import { jsonText } from "./json-text.js";
import { goConstantNames, goTypeNames, kindFields, kindTypeNames, memberNames } from "./names.js";

/** Changes with every incompatible change of the file's shape (states.schema.json says which). */
export const statesSchemaVersion = 1;

/** The key of each kind in the file: camelCase, as in check's and diff's JSON. */
const kindKeys: Record<StateKind, string> = {
  vm_state: "vmState",
  task_state: "taskState",
  power_state: "powerState",
  status: "status",
};

/**
 * The deepest fallback chain an origin may pass through. An origin nests one level per vendor of its chain, so a
 * vendor's file grows with the square of its chain's depth and the files of a chain with its cube: past this, the
 * vendor gets an error, not a file of gigabytes. Chains of real vendors are one or two links long.
 */
export const maxOriginDepth = 32;

export function* emitStates(model: Model): Iterable<Emitted> {
  for (const vendor of model.vendors) {
    if (deepestChain(vendor) > maxOriginDepth) {
      const primary = model.documents.find((document) => document.id === vendor.documents[0]);
      yield diagnostic(
        "output-too-deep",
        `vendor '${vendor.id}' answers through a fallback chain of more than ${maxOriginDepth} vendors, deeper ` +
          "than states.json prints origins: shorten the chain, or leave states out of the config's artifacts",
        primary?.vendorLocation ?? { file: vendor.id },
      );
      continue;
    }
    yield { path: `${vendor.id}/states.json`, contents: jsonText(states(vendor)) };
  }
}

/** The most vendors any of the vendor's answers passes through, counted up to one past the bound. */
function deepestChain(vendor: Vendor): number {
  const links = (origin: AnswerOrigin) => {
    let count = 0;
    for (let at = origin; at.kind === "fallback" && count <= maxOriginDepth; at = at.origin) count++;
    return count;
  };
  let deepest = links(vendor.derivation.unknownVmState.origin);
  for (const entry of vendor.derivation.vmStates)
    for (const found of [entry.none, entry.other, ...entry.tasks]) deepest = Math.max(deepest, links(found.origin));
  return deepest;
}

function states(vendor: Vendor): object {
  return {
    $comment: headerLine(),
    schemaVersion: statesSchemaVersion,
    vendor: vendor.id,
    values: Object.fromEntries(stateKinds.map((kind) => [kindKeys[kind], valueSet(vendor, kind)])),
    derivation: derivation(vendor),
    filters: filters(vendor),
  };
}

/**
 * One kind's values in document order, each with the names the generated code gives it: `name` (the TypeScript
 * and Python member, the schema's title, OpenAPI's x-enum-varnames) and `goName` (the Go constant).
 */
function valueSet(vendor: Vendor, kind: StateKind): object {
  const values = vendor.states[kind];
  const names = memberNames(values);
  const goNames = goConstantNames(kind, names);
  return {
    field: kindFields[kind],
    typeName: kindTypeNames[kind],
    goTypeName: goTypeNames[kind],
    values: values.map((entry, index) => ({
      value: entry.value,
      name: names[index],
      goName: goNames[index],
      description: entry.description,
      ...(Object.keys(entry.translations).length > 0 && { translations: entry.translations }),
      ...(entry.inheritedFrom !== undefined && { inheritedFrom: entry.inheritedFrom }),
    })),
  };
}

/**
 * A spec file named without its folder: the file must read the same from every working directory and machine (the
 * manifest's input hash knows spec files by name, not by folder), and `document` already says which document.
 */
function fileName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1);
}

function answer(found: Answer): object {
  return { status: found.status, origin: originJson(found.origin, found.status, fileName) };
}

/**
 * The derivation as Nova's map reads it (compactDerivation): per vm_state the answer for any task state without
 * one of its own, then the exceptions (`taskState` null: no task); the answer for a vm_state outside the table.
 * The three rules about missing data are docs/check.md's "one verdict", stated so that a loader can check them.
 */
function derivation(vendor: Vendor): object {
  return {
    taskStateNullOrAbsent: "no-task",
    vmStateNull: "unknown-vm-state",
    vmStateAbsent: "no-pair",
    vmStates: compactDerivation(vendor.derivation).map((entry) => ({
      vmState: entry.vmState,
      anyOtherTask: answer(entry.default),
      exceptions: entry.exceptions.map((exception) => ({
        taskState: exception.task.kind === "none" ? null : exception.task.taskState,
        ...answer(exception.answer),
      })),
    })),
    unknownVmState: answer(vendor.derivation.unknownVmState),
  };
}

/** Nova's list filter, per status in lower case (as it compares): what statesForStatus answers, in the same order. */
function filters(vendor: Vendor): object[] {
  const table = compactDerivation(vendor.derivation);
  const statuses = [...new Set(filterableStatuses(table).map(foldStatus))];
  return statuses.map((status) => {
    const filter = statesForStatus(table, status)!;
    return { status, vmStates: filter.vmStates, taskStates: filter.taskStates };
  });
}
