// Stage 3b: a document's own reverse table (status -> list filters) held against the filter the vendor's mapping
// rows give. nova-upstream.md documents both directions; they must agree, or one of them was transcribed wrong.
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { compactDerivation, statesForStatus, type StatusFilter } from "../model/derive.js";
import type { DocumentedFilter, Model } from "../model/model.js";

export function checkDocumentedFilters(model: Model): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const vendors = new Map(model.vendors.map((vendor) => [vendor.id, vendor]));
  for (const document of model.documents) {
    const vendor = vendors.get(document.vendor);
    if (!vendor || !document.filters) continue;
    const table = compactDerivation(vendor.derivation);
    for (const documented of document.filters) {
      const derived = statesForStatus(table, documented.status);
      const said = describeDocumented(documented);
      const given = describeDerived(derived);
      if (said === given) continue;
      diagnostics.push(
        diagnostic(
          "status-filter-mismatch",
          `status '${documented.status}': the document's filter is ${said}; ` +
            `the mapping rows of vendor '${vendor.id}' give ` +
            (given === "rejected" ? "no row for it, so the request is rejected" : given),
          documented.location,
        ),
      );
    }
  }
  return diagnostics;
}

function describeDocumented(filter: DocumentedFilter): string {
  return filter.rejected ? "rejected" : describe(filter.vmStates, filter.taskStates);
}

/** No row produces the status: Nova rejects the request, so "rejected" is what the rows give. */
function describeDerived(filter: StatusFilter | undefined): string {
  return filter === undefined ? "rejected" : describe(filter.vmStates, filter.taskStates);
}

/** Order-free: the document sorts its lists, but a difference in order is not a difference in the filter. */
function describe(vmStates: readonly string[], taskStates: readonly (string | null)[] | null): string {
  const list = (values: readonly (string | null)[]) =>
    [...values]
      .map((value) => (value === null ? "null" : value))
      .sort()
      .join(", ");
  return `vm_state [${list(vmStates)}], task_state ${taskStates === null ? "any" : `[${list(taskStates)}]`}`;
}
