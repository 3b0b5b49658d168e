// The checks of one server against one vendor: types, known values, power state, and the derived status.
import type { Model, StateKind, Vendor } from "../model/model.js";
import { finding, quote, shortened, type CheckCode, type CheckFinding, type ServerRef } from "./findings.js";
import type { Field, ServerView } from "./shapes.js";
import { deriverFor, spellingHinter, statusesWithTask } from "./vendor-rules.js";

/** What the summary keeps of a server: its triple as displayed and the verdict on it. */
export interface TripleSeen {
  vmState: string;
  taskState: string;
  status: string;
  verdict: "consistent" | "contradiction" | "unknown value" | "not checked";
}

export interface ServerResult {
  findings: CheckFinding[];
  triple: TripleSeen;
}

export type ServerChecker = (
  server: ServerView,
  ref: ServerRef,
  at: { file: string; line: number; column: number },
) => ServerResult;

/** A known state value (or null) in a message: only values of the vendor's own sets get here, never raw input. */
function stateText(value: string | null): string {
  return value === null ? "null" : `'${value}'`;
}

function display(field: Field | undefined): string {
  if (!field) return "(no column)";
  if (!field.present) return "(absent)";
  if (field.value === null) return "null";
  // Shortened like a quoted value: the summary keeps up to a thousand triples, and the input's values may be huge.
  return typeof field.value === "string" ? shortened(field.value) : shown(field);
}

/** A value for a message: a number as the input wrote it (1e400, not null). */
function shown(field: Field): string {
  return field.written ?? quote(field.value);
}

export function serverChecker(model: Model, vendor: Vendor): ServerChecker {
  const derive = deriverFor(vendor);
  const hint = spellingHinter(model, vendor);
  const known = {} as Record<StateKind, Set<string>>;
  for (const kind of ["vm_state", "task_state", "status", "power_state"] as const)
    known[kind] = new Set(vendor.states[kind].map((entry) => String(entry.value)));
  const powerList = vendor.states.power_state.map((entry) => entry.value).join(", ");
  const statusesByTask = new Map<string | null, Set<string>>();

  return (server, ref, at) => {
    const findings: CheckFinding[] = [];
    const report = (code: CheckCode, message: string, facts: Partial<CheckFinding> = {}) => {
      findings.push({ ...finding(code, message, at, ref), ...facts });
    };
    let unknown = false;
    let checkable = true;

    /**
     * A state name: a string, or null where `nullable`. Returns the value when the derivation can use it.
     * A missing key is the caller's case: what it means differs between the API's keys and the CLI's columns.
     */
    const stateName = (
      field: Field,
      kind: "vm_state" | "task_state" | "status",
      nullable: boolean,
    ): string | null | undefined => {
      if (field.value === null && nullable) return null;
      if (typeof field.value !== "string") {
        const found = field.value === null ? "null" : `${typeof field.value} ${shown(field)}`;
        report("wrong-type", `${field.key} should be a string${nullable ? " or null" : ""}, found ${found}`);
        // Not one of the vendor's values either: the response is wrong, not merely unchecked.
        unknown = true;
        return undefined;
      }
      if (!known[kind].has(field.value)) {
        const { suggestion, spelledBy } = hint(kind, field.value);
        const mean = suggestion !== undefined ? `; did you mean '${suggestion}'?` : "";
        const others =
          spelledBy.length > 0 ? ` (${spelledBy.join(", ")} spell${spelledBy.length === 1 ? "s" : ""} it so)` : "";
        report(
          `unknown-${kind.replace("_", "-")}` as CheckCode,
          `${kind} ${quote(field.value)} is not one of ${vendor.id}'s ${kind} values${mean}${others}`,
        );
        unknown = true;
      }
      return field.value;
    };

    let status: string | null | undefined;
    if (server.status.present) status = stateName(server.status, "status", false);
    else {
      report("missing-field", `has no ${server.status.key}`);
      // An error, so not "not checked" (which passes): the response lacks the one field every shape has.
      unknown = true;
    }
    // The rule for missing data (README, "Missing data: one rule"), the same in the server schema and statusFromState.
    let vmState: string | null | undefined;
    let taskState: string | null | undefined;
    if (server.vmState) {
      // An API response. Without the vm_state key it carries no pair: status is held to the status values only.
      if (server.vmState.present) vmState = stateName(server.vmState, "vm_state", true);
      else {
        const why = "no (vm_state, task_state) pair to derive the status from";
        report("missing-extended-status", `has no ${server.vmState.key}: ${why}`);
        checkable = false;
      }
      // Nova always sends task_state, null when idle; a missing key is a dropped null: no task.
      taskState = server.taskState.present ? stateName(server.taskState, "task_state", true) : null;
    } else if (server.taskState.present) {
      taskState = stateName(server.taskState, "task_state", true);
    } else {
      // A CLI list row without the column: `--long` was not given, which says nothing about the task.
      const why =
        "the task_state cannot be checked and the status cannot be derived; add --long to openstack server list";
      report("missing-extended-status", `has no ${server.taskState.key}: ${why}`);
      checkable = false;
    }
    checkPower(server, vendor, known.power_state, powerList, report);

    let verdict: TripleSeen["verdict"] = unknown ? "unknown value" : checkable ? "consistent" : "not checked";
    if (verdict === "consistent" && typeof status === "string" && taskState !== undefined) {
      if (server.vmState && vmState !== undefined) {
        const answer = derive(vmState, taskState);
        if (answer.status !== status) {
          verdict = "contradiction";
          const pair = `vm_state ${stateText(vmState)} with task_state ${stateText(taskState)}`;
          const says = `${vendor.id} derives ${answer.status} (${answer.origin})`;
          report("status-mismatch", `status '${status}' contradicts ${pair}: ${says}`, {
            derived: answer.status,
            origin: answer.originJson,
          });
        }
      } else if (!server.vmState) {
        // A list row has no vm_state: the status must at least be one some vm_state derives with this task state.
        let statuses = statusesByTask.get(taskState);
        if (!statuses) {
          statuses = statusesWithTask(vendor, derive, taskState);
          if (statusesByTask.size < 10_000) statusesByTask.set(taskState, statuses);
        }
        if (!statuses.has(status)) {
          verdict = "contradiction";
          const derived = `with this task state it derives ${[...statuses].join(", ")}`;
          const none = `no vm_state of ${vendor.id} derives it (${derived})`;
          report("status-mismatch", `status '${status}' with task_state ${stateText(taskState)}: ${none}`, {
            derivable: [...statuses],
          });
        }
      }
    }
    // Every finding about the server carries its pair and status as typed fields (for JSON and the fingerprint).
    const pair = {
      ...(vmState !== undefined && { vmState }),
      ...(taskState !== undefined && { taskState }),
      ...(typeof status === "string" && { status }),
    };
    const typed = findings.map((found) => ({ ...found, ...pair }));
    const triple = {
      vmState: display(server.vmState),
      taskState: display(server.taskState),
      status: display(server.status),
    };
    return { findings: typed, triple: { ...triple, verdict } };
  };
}

function checkPower(
  server: ServerView,
  vendor: Vendor,
  knownPower: Set<string>,
  powerList: string,
  report: (code: CheckCode, message: string) => void,
): void {
  const field = server.powerState;
  if (!field.present) {
    // An API response's missing key reads as null, as clients read it; a CLI row lacks the column without --long.
    if (!server.vmState) report("missing-extended-status", `has no ${field.key}; add --long to openstack server list`);
    return;
  }
  let power = field.value;
  if (power === null) return;
  if (typeof power === "string" && server.powerNamesAllowed) {
    const number = Object.prototype.hasOwnProperty.call(cliPowerNames, power) ? cliPowerNames[power] : undefined;
    if (number === undefined) {
      const names = Object.keys(cliPowerNames);
      const near = names.find((name) => name.toLowerCase() === power!.toString().toLowerCase());
      const integer = /^\d+$/.test(power) ? `; write it as the integer ${power}` : "";
      report(
        "unknown-power-state",
        `${field.key} ${quote(power)} is not a power state name openstackclient prints (${names.join(", ")})` +
          (near ? `; did you mean '${near}'?` : integer),
      );
      return;
    }
    power = number;
  }
  // An integer as written, as JSON Schema's `integer` means (a number whose value has no fraction: 1.0 and 1e0 are,
  // as server.schema.json says): JSON.parse reads 0.99999999999999999 as 1 too, which is none (shapes.ts).
  const fraction = power === field.value && field.written !== undefined && !writtenInteger(field.written);
  if (typeof power !== "number" || !Number.isInteger(power) || fraction) {
    report(
      "wrong-type",
      `${field.key} should be an integer${server.powerNamesAllowed ? ", a power state name" : ""} or null, ` +
        `found ${typeof power} ${power === field.value ? shown(field) : quote(power)}`,
    );
    return;
  }
  // A vendor whose documents list no power states makes no claim about them.
  if (knownPower.size > 0 && !knownPower.has(String(power))) {
    report(
      "unknown-power-state",
      `${power === field.value ? `${field.key} ${shown(field)}` : `${field.key} ${power} (${quote(field.value)})`} ` +
        `is not one of ${vendor.id}'s power states: ${powerList}`,
    );
  }
}

/**
 * openstackclient's names for power states (its PowerStateColumn). Current releases print the integer with
 * `-f json` (cliff emits a column's machine-readable value); older ones printed these names.
 */
export const cliPowerNames: Record<string, number> = {
  NOSTATE: 0,
  Running: 1,
  Paused: 3,
  Shutdown: 4,
  Crashed: 6,
  Suspended: 7,
};

/** Whether a JSON number as written (`-12.50e1`) is an integer by its decimal value, not by the double it parses to. */
export function writtenInteger(written: string): boolean {
  const parts = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,6}))?$/.exec(written);
  if (!parts) return false;
  const digits = `${parts[1]}${parts[2] ?? ""}`;
  // The value is digits x 10^scale: an integer when scale >= 0 or the digits it cuts off are all 0.
  const scale = Number(parts[3] ?? 0) - (parts[2]?.length ?? 0);
  return scale >= 0 || /^0*$/.test(digits.slice(Math.max(0, digits.length + scale)));
}
