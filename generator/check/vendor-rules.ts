// Everything `check` asks of the model's derivation and spelling rules, in one module, so a change of the model
// (the derivation carrying the origin of each answer) is switched here in a few lines and nowhere else.
import { answerFor, finalOrigin } from "../model/derive.js";
import type { AnswerOrigin, MappingRow, Model, StateKind, TaskKey, Vendor } from "../model/model.js";
import { closest, maxSuggestedLength, spellingVariant } from "../common/suggest.js";
import { originJson, type OriginJson } from "../model/origin-json.js";

export interface DerivedAnswer {
  status: string;
  /** Which row or rule gives the answer, for a person: document, file:line, the row, or the policy. */
  origin: string;
  /** The same origin in the JSON shape every command prints (model/origin-json.ts). */
  originJson: OriginJson;
}

function taskText(task: TaskKey): string {
  return task.kind === "none" ? "no task" : task.kind === "other" ? "any task" : task.taskState;
}

function rowText(row: MappingRow): string {
  return `${row.vmState} + ${taskText(row.task)} -> ${row.status}`;
}

/**
 * The derivation of one vendor as a function of the pair, answers cached (the pairs of known values are few).
 * A null vm_state is a pair too: Nova answers it as any vm_state outside its map. Values from a response can be
 * megabytes long and all different: only short pairs are kept, so the cache is bounded in bytes, not only in entries.
 */
export function deriverFor(vendor: Vendor): (vmState: string | null, taskState: string | null) => DerivedAnswer {
  const cache = new Map<string, DerivedAnswer>();
  return (vmState, taskState) => {
    const key = `${vmState === null ? "\u0001" : vmState}\u0000${taskState === null ? "\u0001" : taskState}`;
    let answer = cache.get(key);
    if (!answer) {
      const explained = answerFor(vendor.derivation, vmState, taskState);
      const origin = originText(vendor, vmState, explained.origin);
      answer = { status: explained.status, origin, originJson: originJson(explained.origin, explained.status) };
      if (cache.size < 10_000 && key.length <= 2 * maxSuggestedLength) cache.set(key, answer);
    }
    return answer;
  };
}

/** The model's origin of an answer, for a person: the row with its document and file:line, through any fallbacks. */
function originText(vendor: Vendor, vmState: string | null, origin: AnswerOrigin): string {
  const via: string[] = [];
  const final = finalOrigin(origin, via);
  const chain = via.length > 0 ? `fallback ${[vendor.id, ...via].join(" -> ")}: ` : "";
  if (final.kind === "policy") {
    // The fixed status belongs to the last vendor of the chain; it answers a vm_state no vendor of it has rows for.
    const policyVendor = via.length > 0 ? via[via.length - 1] : vendor.id;
    const known = vendor.derivation.vmStates.some((entry) => entry.vmState === vmState);
    if (known) return `${chain}no row covers this pair, so ${policyVendor}'s fixed status for uncovered pairs applies`;
    const named = vmState === null ? "null" : `'${vmState}'`;
    return `no row covers vm_state ${named}, so ${policyVendor}'s policy for uncovered pairs applies`;
  }
  const { row } = final;
  return `${chain}row '${rowText(row)}' of document ${row.document}, ${row.location.file}:${row.location.line}`;
}

/** Every status the vendor derives with this task state, over all of its vm_states (for inputs without vm_state). */
export function statusesWithTask(
  vendor: Vendor,
  derive: (vmState: string | null, taskState: string | null) => DerivedAnswer,
  taskState: string | null,
): Set<string> {
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

/**
 * Did-you-mean for a value the vendor does not know: another spelling of the vendor's own, and who spells it so.
 * A value too long to have a suggestion is not cached (it would hold its whole text).
 */
export function spellingHinter(model: Model, vendor: Vendor): (kind: StateKind, value: string) => SpellingHint {
  const cache = new Map<string, SpellingHint>();
  return (kind, value) => {
    const key = `${kind}\u0000${value}`;
    let hint = cache.get(key);
    if (!hint) {
      const candidates = vendor.states[kind].map((entry) => String(entry.value));
      const suggestion = spellingVariant(value, candidates) ?? closest(value, candidates);
      const spelledBy = model.vendors
        .filter((other) => other !== vendor && other.states[kind].some((entry) => String(entry.value) === value))
        .map((other) => other.id);
      hint = { ...(suggestion !== undefined && { suggestion }), spelledBy };
      if (cache.size < 10_000 && value.length <= maxSuggestedLength) cache.set(key, hint);
    }
    return hint;
  };
}
