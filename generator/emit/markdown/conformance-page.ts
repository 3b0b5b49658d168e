// The conformance page: each vendor against Nova upstream (the `openstack` vendor), values and behaviour.
import { conformance, referenceVendorId, type VendorConformance } from "../../model/conformance.js";
import { finalOrigin } from "../../model/derive.js";
import type { AnswerOrigin, DerivationTask, Model } from "../../model/model.js";
import { headerLine } from "../header.js";
import { code } from "./text.js";

export function taskList(tasks: DerivationTask[]): string {
  return tasks
    .map((task) =>
      task.kind === "other" ? "any other task state" : task.kind === "none" ? "no task (`null`)" : code(task.taskState),
    )
    .join(", ");
}

/** Where the vendor's answer comes from, in words: its own row, its fallback's answer, or a fixed status. */
function cause(vendorId: string, origin: AnswerOrigin): string {
  const chain: string[] = [];
  const final = finalOrigin(origin, chain);
  const what =
    final.kind === "policy"
      ? `the fixed status of ${code(chain.length === 0 ? vendorId : chain[chain.length - 1])} for uncovered pairs`
      : final.row.task.kind === "other"
        ? `the ${code(final.row.vmState)} row for any task state of ${code(final.row.document)}`
        : `the ${code(final.row.vmState)} + ${taskList([final.row.task])} row of ${code(final.row.document)}`;
  return chain.length === 0 ? what : `inherited from ${chain.map(code).join(" via ")}: ${what}`;
}

export function list(values: (string | number)[]): string {
  return values.length === 0 ? "none" : values.map(code).join(", ");
}

export function spellings(pairs: { vendor: string; reference: string }[]): string {
  return pairs.length === 0
    ? "none"
    : pairs.map((pair) => `${code(pair.vendor)} for ${code(pair.reference)}`).join(", ");
}

/** The behaviour differences of one vendor, as table rows (vm_state, task states, the vendor's, Nova's, cause). */
export function differenceRows(result: VendorConformance) {
  const rows = result.derivation.map((difference) => ({
    vmState:
      difference.referenceVmState === difference.vmState
        ? code(difference.vmState)
        : `${code(difference.vmState)} (Nova: ${code(difference.referenceVmState)})`,
    taskStates: difference.everyTask ? "any (every task state, and no task)" : taskList(difference.tasks),
    vendorStatus: code(difference.vendorStatus),
    referenceStatus: code(difference.referenceStatus),
    cause: cause(result.vendor, difference.origin),
  }));
  if (result.unknownVmState) {
    const unknown = result.unknownVmState;
    rows.push({
      vmState: "any other vm_state",
      taskStates: "any",
      vendorStatus: code(unknown.vendorStatus),
      referenceStatus: code(unknown.referenceStatus),
      cause: cause(result.vendor, unknown.origin),
    });
  }
  return rows;
}

export function conformanceView(model: Model) {
  return {
    header: headerLine(),
    reference: code(referenceVendorId),
    vendors: conformance(model).map((result) => {
      const differences = differenceRows(result);
      return {
        vendor: result.vendor,
        kinds: result.kinds.map((kind) => ({
          kind: kind.kind,
          missing: list(kind.missing),
          extra: list(kind.extra),
          spellings: spellings(kind.spellings),
        })),
        differences,
        conformant: differences.length === 0,
      };
    }),
  };
}
