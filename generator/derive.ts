// Nova's derivation rules over a vendor's effective table (nova/api/openstack/common.py, see nova-upstream.md).
// The generated TypeScript carries the same rules; diff and the conformance page use these.
import { ANY_TASK, type DerivationRow, type Vendor } from "./model.js";

/** A task state standing for "one the vm_state has no row for": evaluates a pair that only an any-task row covers. */
export const OTHER_TASK = "\u0000any other task";

export interface StatusFilter {
  vmStates: string[];
  /** null: any task state matches. */
  taskStates: (string | null)[] | null;
}

/** The rows of each vm_state, keyed by task key; built once per vendor. */
export function indexDerivation(rows: readonly DerivationRow[]): Map<string, Map<string | null, string>> {
  const table = new Map<string, Map<string | null, string>>();
  for (const row of rows) {
    let byTask = table.get(row.vmState);
    if (!byTask) table.set(row.vmState, (byTask = new Map()));
    if (!byTask.has(row.taskState)) byTask.set(row.taskState, row.status);
  }
  return table;
}

/** Exact vm_state match; then the exact task key (null is a key like any other); then "any task"; else unknown. */
export function statusFromState(vendor: Vendor, vmState: string | null, taskState: string | null, table = indexDerivation(vendor.derivation)): string {
  const byTask = vmState === null ? undefined : table.get(vmState);
  if (!byTask) return vendor.unknownStatus;
  return byTask.get(taskState) ?? byTask.get(ANY_TASK) ?? vendor.unknownStatus;
}

/** Nova's `GET /servers?status=` filter: case-insensitive; task filter only when no "any task" row matched. */
export function statesForStatus(vendor: Vendor, status: string): StatusFilter | undefined {
  const wanted = status.toUpperCase();
  const matches = vendor.derivation.filter((row) => row.status.toUpperCase() === wanted);
  if (matches.length === 0) return undefined;
  const vmStates = sortedUnique(matches.map((row) => row.vmState));
  if (matches.some((row) => row.taskState === ANY_TASK)) return { vmStates, taskStates: null };
  return { vmStates, taskStates: sortedUnique(matches.map((row) => row.taskState)) };
}

function sortedUnique<T extends string | null>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
}
