// The values a document's mapping rows are measured against: what the vendor's own documents declare, and what the
// vendors it falls back to (or extends) declare and map. semantic.ts asks whether a value is known and, when it is
// not, which known value was most likely meant: a team's overlay may misspell a value of the vendor it extends.
// Chains may be thousands of vendors deep (a hostile spec): every walk is a loop, and no answer is built per vendor
// that grows with the depth.
import { stateKinds, type SourceDocument, type StateKind } from "../model/model.js";
import { documentsByVendor, primaryDocument, walkFallbacks } from "../model/vendor-documents.js";

type ValueSets = Record<StateKind, Set<string>>;

/** Did-you-mean looks this far along a chain: real chains are a link or two, and a suggestion needs no more. */
const suggestionDepth = 32;

export interface VendorSpace {
  /** The vendor `vendorId` falls back to, and whether by `vendor.extends` (its values and rows taken over). */
  fallbackOf(vendorId: string): { vendor: string; inherit: boolean } | undefined;
  /** Whether an extending vendor takes the value over: some vendor it extends, at any depth, declares or maps it. */
  inherits(vendorId: string, kind: StateKind, value: string): boolean;
  /** What did-you-mean draws from, in order: the vendor's own lists, then its chain's lists and rows. */
  candidates(vendorId: string, kind: StateKind): string[];
}

export function vendorSpace(documents: readonly SourceDocument[]): VendorSpace {
  const byVendor = documentsByVendor(documents);
  const declared = new Map<string, ValueSets>();
  const mapped = new Map<string, ValueSets>();
  const inherited = new Map<string, boolean>();
  type Reader = (document: SourceDocument, into: ValueSets) => void;
  const valuesOf = (vendorId: string, cache: Map<string, ValueSets>, read: Reader) => {
    let values = cache.get(vendorId);
    if (!values) {
      values = Object.fromEntries(stateKinds.map((kind) => [kind, new Set<string>()])) as ValueSets;
      for (const document of byVendor.get(vendorId) ?? []) read(document, values);
      cache.set(vendorId, values);
    }
    return values;
  };
  const declaredBy = (vendorId: string) =>
    valuesOf(vendorId, declared, (document, into) => {
      for (const kind of stateKinds) for (const entry of document.states[kind]) into[kind].add(String(entry.value));
    });
  const mappedBy = (vendorId: string) =>
    valuesOf(vendorId, mapped, (document, into) => {
      for (const row of document.mapping) {
        into.vm_state.add(row.vmState);
        if (row.task.kind === "task") into.task_state.add(row.task.taskState);
        into.status.add(row.status);
      }
    });
  const fallbackOf = (vendorId: string) => {
    const policy = primaryDocument(byVendor.get(vendorId) ?? [])?.uncovered;
    return policy?.kind === "fallback" ? { vendor: policy.vendor, inherit: policy.inherit } : undefined;
  };
  const has = (vendorId: string, kind: StateKind, value: string) =>
    declaredBy(vendorId)[kind].has(value) || mappedBy(vendorId)[kind].has(value);
  return {
    fallbackOf,
    inherits(vendorId, kind, value) {
      // Along the `extends` links until an answer is known; every vendor passed gets the same answer, so a deep
      // chain is walked once per value, not once per vendor.
      const key = (id: string) => `${id}\u0000${kind}\u0000${value}`;
      const extended = (id: string) => {
        const link = fallbackOf(id);
        return link?.inherit ? link.vendor : undefined;
      };
      const answered = (id: string) => id !== vendorId && (has(id, kind, value) || inherited.has(key(id)));
      const { path, end, loopFrom } = walkFallbacks(vendorId, extended, answered);
      // A loop back to the start: the last link extends the start itself, which counts like any vendor extended.
      const answer =
        end !== undefined
          ? has(end, kind, value) || inherited.get(key(end)) === true
          : loopFrom === 0 && has(vendorId, kind, value);
      for (const id of path) inherited.set(key(id), answer);
      return answer;
    },
    candidates(vendorId, kind) {
      const values = new Set(declaredBy(vendorId)[kind]);
      let steps = 0;
      const { path } = walkFallbacks(
        vendorId,
        (id) => fallbackOf(id)?.vendor,
        () => ++steps > suggestionDepth + 1,
      );
      for (const base of path.slice(1)) {
        for (const value of declaredBy(base)[kind]) values.add(value);
        for (const value of mappedBy(base)[kind]) values.add(value);
      }
      return [...values];
    },
  };
}
