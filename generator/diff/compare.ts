// The semantic diff: two resolved models compared per vendor, as one finding per cause (a policy, a row, a value,
// a description, a document's notes or provenance) with the pairs and filters it changes attached to it.
import type { Model, Vendor } from "../model/model.js";
import { filterCause, LateCauses, pairCause, type VendorCauses } from "./attribute.js";
import { compareDocuments } from "./documents.js";
import { addConsequences, finding, type FilterConsequence, type Finding, type PairConsequence } from "./findings.js";
import { changedFilters, changedPairs, pairConsequence } from "./pairs.js";
import { claimedNotes, comparePolicy, compareRows, dropRenamedRows } from "./rows.js";
import { compareValues, primaryLocation } from "./values.js";

export { severityRank, type Finding, type FindingSeverity } from "./findings.js";

export function compareModels(base: Model, head: Model): Finding[] {
  const findings: Finding[] = [];
  const vendorIds = [
    ...new Set([...base.vendors.map((vendor) => vendor.id), ...head.vendors.map((vendor) => vendor.id)]),
  ];
  for (const vendorId of vendorIds) {
    const before = base.vendors.find((vendor) => vendor.id === vendorId);
    const after = head.vendors.find((vendor) => vendor.id === vendorId);
    if (!before)
      findings.push(
        finding(
          "warning",
          vendorId,
          { kind: "vendor-added", cause: "vendor" },
          `vendor ${vendorId} is new`,
          [vendorId],
          primaryLocation(head, after!),
        ),
      );
    else if (!after)
      findings.push(
        finding("error", vendorId, { kind: "vendor-removed", cause: "vendor" }, `vendor ${vendorId} was removed`, [
          vendorId,
        ]),
      );
    else findings.push(...compareVendor(before, after, base, head));
  }
  findings.push(...compareDocuments(base, head, claimedNotes(findings)));
  return findings;
}

/** Causes in the order a reviewer reads them: the policy, the rows, the values; consequences attached to each. */
function compareVendor(before: Vendor, after: Vendor, base: Model, head: Model): Finding[] {
  const policy = comparePolicy(before, after, base, head);
  const rows = compareRows(before, after, head);
  const values = compareValues(before, after, head, policy !== undefined);
  dropRenamedRows(rows, values.renames);
  const causes: VendorCauses = {
    before,
    after,
    renames: values.renames,
    rows,
    addedOrRemoved: values.addedOrRemoved,
    ...(policy && { policy }),
  };
  const late = new LateCauses(after.id);
  if (policy) addConsequences(policy, [], [], values.throughPolicy);

  const pairs = new Map<Finding, PairConsequence[]>();
  for (const change of changedPairs(before, after)) {
    const cause = pairCause(change, causes, late);
    pairs.set(cause, [...(pairs.get(cause) ?? []), pairConsequence(change, before, after)]);
  }
  for (const [cause, consequences] of pairs) addConsequences(cause, consequences, []);

  const ordered = [...(policy ? [policy] : []), ...rows.values(), ...values.findings];
  const filters = new Map<Finding, FilterConsequence[]>();
  for (const change of changedFilters(before, after)) {
    const cause = filterCause(change, causes, [...ordered, ...(late.fallback ? [late.fallback] : [])], late);
    filters.set(cause, [...(filters.get(cause) ?? []), change]);
  }
  for (const [cause, consequences] of filters) addConsequences(cause, [], consequences);

  return [...ordered, ...(late.fallback ? [late.fallback] : []), ...(late.other ? [late.other] : [])];
}
