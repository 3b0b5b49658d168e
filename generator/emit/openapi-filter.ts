// The OpenAPI schema of the list-servers status filter: the statuses that select servers, in any case, as Nova
// compares them.
import { compactDerivation, filterableStatuses, statesForStatus, type CompactVmState } from "../model/derive.js";
import type { Vendor } from "../model/model.js";
import { memberNames } from "./names.js";

/**
 * Nova lower-cases the filter with Python's str.lower() before it compares, so `active`, `Active` and `ACTIVE`
 * select the same servers. JSON Schema's regular expressions have no case-insensitive flag, so each letter is a
 * class of the characters that lower-case to it: its two ASCII cases, and for `k` the Kelvin sign (U+212A), the
 * only other character whose lower case is an ASCII letter (state values are ASCII: the spec schema; the test
 * scans Unicode for more).
 * Not an `enum` with an `x-` flag for case: every validator would still refuse `active`.
 */
export function anyCasePattern(status: string): string {
  const alternatives = [...status].map((character) => {
    const lower = character.toLowerCase();
    // Only syntax characters are escaped: under the `u` flag validators use, any other escape is an error.
    if (lower === character.toUpperCase()) return /[\^$\\.*+?()[\]{}|/]/.test(character) ? `\\${character}` : character;
    return `[${lower}${lower.toUpperCase()}${lower === "k" ? "\\u212A" : ""}]`;
  });
  return `^${alternatives.join("")}$`;
}

/**
 * Only statuses that select servers are offered (Nova rejects the others, UNKNOWN, with 400). One `anyOf` branch
 * per status is its one listing: the ServerStatus member name as title, what it selects, the status as written
 * (`examples`) and the pattern that accepts it in any case.
 */
export function statusFilter(vendor: Vendor): object {
  const table = compactDerivation(vendor.derivation);
  const selecting = new Set(filterableStatuses(table));
  const names = memberNames(vendor.states.status);
  const branches = vendor.states.status.flatMap((entry, index) => {
    const status = String(entry.value);
    if (!selecting.has(status)) return [];
    return [
      {
        title: names[index],
        description: selects(table, status),
        examples: [status],
        pattern: anyCasePattern(status),
      },
    ];
  });
  const description =
    "A status to filter the server list on, in any case: Nova compares it lower-cased, so active, Active and ACTIVE " +
    "select the same servers. Only the statuses that select servers are accepted.";
  // No status selects a server: nothing is accepted (anyOf must not be empty).
  if (branches.length === 0) return { type: "string", description, not: {} };
  return { type: "string", description, anyOf: branches };
}

function selects(table: readonly CompactVmState[], status: string): string {
  const filter = statesForStatus(table, status)!;
  const tasks =
    filter.taskStates === null
      ? "any task_state"
      : `task_state ${filter.taskStates.map((task) => task ?? "null").join(", ")}`;
  return `vm_state ${filter.vmStates.join(", ")}; ${tasks}`;
}
