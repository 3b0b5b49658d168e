// Everything `check` asks of the model's derivation and spelling rules, in one module, so a change of the model
// (the derivation carrying the origin of each answer) is switched here in a few lines and nowhere else.
import { indexDerivation, statusFromState } from "../derive.js";
import { ANY_TASK, type MappingRow, type Model, type StateKind, type TaskKey, type Vendor } from "../model.js";
import { closest, spellingVariant } from "../validate/semantic.js";

export interface DerivedAnswer {
  status: string;
  /** Which row or rule gives the answer, for a person: document, file:line, the row, or the policy. */
  origin: string;
}

function taskText(task: TaskKey): string {
  return task === null ? "no task" : task === ANY_TASK ? "any task" : task;
}

function rowText(row: MappingRow): string {
  return `${row.vmState} + ${taskText(row.taskState)} -> ${row.status}`;
}

/** The derivation of one vendor as a function of the pair, answers cached (the pairs of known values are few). */
export function deriverFor(model: Model, vendor: Vendor): (vmState: string, taskState: string | null) => DerivedAnswer {
  const table = indexDerivation(vendor.derivation);
  const cache = new Map<string, DerivedAnswer>();
  return (vmState, taskState) => {
    const key = `${vmState}\u0000${taskState === null ? "\u0001" : taskState}`;
    let answer = cache.get(key);
    if (!answer) {
      answer = { status: statusFromState(vendor, vmState, taskState, table), origin: originOf(model, vendor, vmState, taskState) };
      if (cache.size < 10_000) cache.set(key, answer);
    }
    return answer;
  };
}

/**
 * Today's model: the effective table (vendor.derivation) tags each row `document` or `fallback`, and the vendor's
 * own rows (vendor.mapping) carry their file and line. Find the key the lookup matched the same way
 * statusFromState does (exact task key, else "any task"), then the row that key came from.
 */
function originOf(model: Model, vendor: Vendor, vmState: string, taskState: string | null): string {
  const byTask = indexDerivation(vendor.derivation).get(vmState);
  const key: TaskKey | undefined = byTask?.has(taskState) ? taskState : byTask?.has(ANY_TASK) ? ANY_TASK : undefined;
  if (key === undefined) return `no row covers vm_state '${vmState}', so ${vendor.id}'s policy for uncovered pairs applies`;
  return rowOrigin(model, vendor, vmState, key, []);
}

function rowOrigin(model: Model, vendor: Vendor, vmState: string, key: TaskKey, via: string[]): string {
  const chain = via.length > 0 ? `fallback ${[...via, vendor.id].join(" -> ")}: ` : "";
  const own = vendor.mapping.find((row) => row.vmState === vmState && row.taskState === key);
  if (own) {
    const document = model.documents.find((candidate) => candidate.file === own.location.file && vendor.documents.includes(candidate.id));
    return `${chain}row '${rowText(own)}' of ${document ? `document ${document.id}, ` : ""}${own.location.file}:${own.location.line}`;
  }
  const fallback = vendor.uncovered.kind === "fallback" ? model.vendors.find((candidate) => candidate.id === (vendor.uncovered as { vendor: string }).vendor) : undefined;
  if (fallback && !via.includes(fallback.id)) return rowOrigin(model, fallback, vmState, key, [...via, vendor.id]);
  return `${chain}${vendor.id}'s derivation table, row '${vmState} + ${taskText(key)}'`;
}

/** Every status the vendor derives with this task state, over all of its vm_states (for inputs without vm_state). */
export function statusesWithTask(vendor: Vendor, derive: (vmState: string, taskState: string | null) => DerivedAnswer, taskState: string | null): Set<string> {
  const statuses = new Set<string>();
  for (const entry of vendor.states.vm_state) statuses.add(derive(String(entry.value), taskState).status);
  return statuses;
}

export interface SpellingHint {
  /** The vendor's value the unknown one most likely means. */
  suggestion?: string;
  /** Other vendors that spell the value exactly so. */
  spelledBy: string[];
}

/** Did-you-mean for a value the vendor does not know: another spelling of the vendor's own, and who spells it so. */
export function spellingHinter(model: Model, vendor: Vendor): (kind: StateKind, value: string) => SpellingHint {
  const cache = new Map<string, SpellingHint>();
  return (kind, value) => {
    const key = `${kind}\u0000${value}`;
    let hint = cache.get(key);
    if (!hint) {
      const candidates = vendor.states[kind].map((entry) => String(entry.value));
      const suggestion = spellingVariant(value, candidates) ?? closest(value, candidates);
      const spelledBy = model.vendors.filter((other) => other !== vendor && other.states[kind].some((entry) => String(entry.value) === value)).map((other) => other.id);
      hint = { ...(suggestion !== undefined && { suggestion }), spelledBy };
      if (cache.size < 10_000) cache.set(key, hint);
    }
    return hint;
  };
}
