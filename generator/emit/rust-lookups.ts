// The derivation of a Rust vendor crate: status_from_state as one match over the (vm_state, task_state) pair and
// Nova's list filter as one match over the lower-cased status. Printed from the same compact table as every other
// artifact; every line laid out by rust-printer.ts.
import { compactDerivation, filterableStatuses, foldStatus, statesForStatus } from "../model/derive.js";
import type { StateKind, Vendor } from "../model/model.js";
import { arm, arrayLines, docProse, literal, pad } from "./rust-printer.js";

type Ref = (kind: StateKind, value: string) => string;

export function derivation(vendor: Vendor, ref: Ref): string[][] {
  const arms = compactDerivation(vendor.derivation).flatMap((entry) => {
    const vmState = literal(entry.vmState);
    return [
      ...entry.exceptions.map((exception) =>
        arm(
          2,
          [vmState, exception.task.kind === "none" ? "None" : `Some(${literal(exception.task.taskState)})`],
          ref("status", exception.answer.status),
        ),
      ),
      arm(2, [vmState, "_"], ref("status", entry.default.status)),
    ].flat();
  });
  const rule =
    vendor.uncovered.kind === "fallback"
      ? `what ${vendor.uncovered.vendor} derives`
      : `the status ${vendor.uncovered.status}`;
  // A vendor without vm_states has nothing to match: the parameters are unused, and a lone `_` arm is a lint.
  const [vmParameter, taskParameter] = arms.length === 0 ? ["_vm_state", "_task_state"] : ["vm_state", "task_state"];
  return [
    [
      "/// What [`status_from_state`] returns for a vm_state outside the derivation table.",
      `pub const UNKNOWN_STATUS: ServerStatus = ${ref("status", vendor.derivation.unknownVmState.status)};`,
    ],
    [
      ...docProse(
        "The status the API reports for a vm_state and task_state (`None`: no task, as a null or missing key " +
          `is).\n\nThe effective derivation of ${vendor.id}, as statespec resolved it from the documents: per ` +
          `pair, its own row for the task state, then its own any-task row, then ${rule}. A vm_state outside ` +
          'the table gives [`UNKNOWN_STATUS`]: pass `""` for a null vm_state (no document lists an empty ' +
          "value). Values are exact, as Nova looks them up; a task state no document lists is any other task. " +
          "A response without the vm_state key has no pair to derive: hold its status to [`ServerStatus`] only.",
        0,
      ),
      `pub fn status_from_state(${vmParameter}: &str, ${taskParameter}: Option<&str>) -> ServerStatus {`,
      ...(arms.length === 0
        ? ["    UNKNOWN_STATUS"]
        : ["    match (vm_state, task_state) {", ...arms, "        _ => UNKNOWN_STATUS,", "    }"]),
      "}",
    ],
  ];
}

export function statusFilters(vendor: Vendor, ref: Ref): string[][] {
  const table = compactDerivation(vendor.derivation);
  const folded = [...new Set(filterableStatuses(table).map(foldStatus))];
  const arms = folded.flatMap((status) => {
    const filter = statesForStatus(table, status)!;
    const vmStates = arrayLines(
      3,
      "vm_states: &",
      filter.vmStates.map((vmState) => ref("vm_state", vmState)),
      ",",
    );
    const taskStates =
      filter.taskStates === null
        ? [`${pad(3)}task_states: None,`]
        : arrayLines(
            3,
            "task_states: Some(&",
            filter.taskStates.map((task) => (task === null ? "None" : `Some(${ref("task_state", task)})`)),
            "),",
          );
    return [`${pad(2)}${literal(status)} => Some(StatusFilter {`, ...vmStates, ...taskStates, `${pad(2)}}),`];
  });
  const parameter = arms.length === 0 ? "_status" : "status";
  return [
    [
      "/// The vm_states and task_states a status selects in Nova's list filter.",
      "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]",
      "pub struct StatusFilter {",
      "    /// The vm_states, sorted.",
      "    pub vm_states: &'static [VmState],",
      "    /// `None` when any task state matches; else the task states that match, sorted, `None` first for",
      "    /// no task (a null task_state).",
      "    pub task_states: Option<&'static [Option<TaskState>]>,",
      "}",
    ],
    [
      "/// What `GET /servers?status=` filters on, by Nova's rules: the status is compared lower-cased",
      "/// ([`str::to_lowercase`], the mapping of Python's `str.lower()`); `None` when it selects nothing (Nova",
      "/// rejects it). Computed from the derivation [`status_from_state`] answers.",
      `pub fn states_for_status(${parameter}: &str) -> Option<StatusFilter> {`,
      ...(arms.length === 0
        ? ["    None"]
        : ["    match status.to_lowercase().as_str() {", ...arms, "        _ => None,", "    }"]),
      "}",
    ],
  ];
}
