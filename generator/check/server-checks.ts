// The checks of one server against one vendor: types, known values, power state, and the derived status.
import type { Model, StateKind, Vendor } from "../model/model.js";
import { finding, quote, type CheckCode, type CheckFinding, type ServerRef } from "./findings.js";
import { cliPowerNames, type Field, type ServerView } from "./shapes.js";
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

export type ServerChecker = (server: ServerView, ref: ServerRef, at: { file: string; line: number; column: number }) => ServerResult;

function display(field: Field | undefined): string {
  if (!field) return "(no column)";
  if (!field.present) return "(absent)";
  if (field.value === null) return "null";
  return typeof field.value === "string" ? field.value : shown(field);
}

/** A value for a message: a number as the input wrote it (1e400, not null). */
function shown(field: Field): string {
  return field.written ?? quote(field.value);
}

export function serverChecker(model: Model, vendor: Vendor): ServerChecker {
  const derive = deriverFor(vendor);
  const hint = spellingHinter(model, vendor);
  const known = {} as Record<StateKind, Set<string>>;
  for (const kind of ["vm_state", "task_state", "status", "power_state"] as const) known[kind] = new Set(vendor.states[kind].map((entry) => String(entry.value)));
  const powerList = vendor.states.power_state.map((entry) => entry.value).join(", ");
  const statusesByTask = new Map<string | null, Set<string>>();

  return (server, ref, at) => {
    const findings: CheckFinding[] = [];
    const report = (code: CheckCode, message: string) => findings.push(finding(code, message, at, ref));
    let unknown = false;
    let checkable = true;

    /** A state name: a string (task_state may be null). Returns the value when it can be used in the derivation. */
    const stateName = (field: Field, kind: "vm_state" | "task_state" | "status", nullable: boolean): string | null | undefined => {
      if (!field.present) {
        if (kind === "status") report("missing-field", `has no ${field.key}`);
        else report("missing-extended-status", `has no ${field.key}: the ${kind} cannot be checked and the status cannot be derived`);
        checkable = false;
        return undefined;
      }
      if (field.value === null && nullable) return null;
      if (typeof field.value !== "string") {
        report("wrong-type", `${field.key} should be a string${nullable ? " or null" : ""}, found ${field.value === null ? "null" : `${typeof field.value} ${shown(field)}`}`);
        checkable = false;
        return undefined;
      }
      if (!known[kind].has(field.value)) {
        const { suggestion, spelledBy } = hint(kind, field.value);
        const mean = suggestion !== undefined ? `; did you mean '${suggestion}'?` : "";
        const others = spelledBy.length > 0 ? ` (${spelledBy.join(", ")} spell${spelledBy.length === 1 ? "s" : ""} it so)` : "";
        report(`unknown-${kind.replace("_", "-")}` as CheckCode, `${kind} ${quote(field.value)} is not one of ${vendor.id}'s ${kind} values${mean}${others}`);
        unknown = true;
      }
      return field.value;
    };

    const status = stateName(server.status, "status", false);
    const vmState = server.vmState ? stateName(server.vmState, "vm_state", false) : undefined;
    const taskState = stateName(server.taskState, "task_state", true);
    checkPower(server, vendor, known.power_state, powerList, report);

    let verdict: TripleSeen["verdict"] = unknown ? "unknown value" : checkable ? "consistent" : "not checked";
    if (verdict === "consistent" && typeof status === "string" && taskState !== undefined) {
      if (typeof vmState === "string") {
        const answer = derive(vmState, taskState);
        if (answer.status !== status) {
          verdict = "contradiction";
          report("status-mismatch", `status '${status}' contradicts vm_state '${vmState}' with task_state ${taskState === null ? "null" : `'${taskState}'`}: ${vendor.id} derives ${answer.status} (${answer.origin})`);
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
          report("status-mismatch", `status '${status}' with task_state ${taskState === null ? "null" : `'${taskState}'`}: no vm_state of ${vendor.id} derives it (with this task state it derives ${[...statuses].join(", ")})`);
        }
      }
    }
    return { findings, triple: { vmState: display(server.vmState), taskState: display(server.taskState), status: display(server.status), verdict } };
  };
}

function checkPower(server: ServerView, vendor: Vendor, knownPower: Set<string>, powerList: string, report: (code: CheckCode, message: string) => void): void {
  const field = server.powerState;
  if (!field.present) {
    report("missing-extended-status", `has no ${field.key}`);
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
      report("unknown-power-state", `${field.key} ${quote(power)} is not a power state name openstackclient prints (${names.join(", ")})${near ? `; did you mean '${near}'?` : integer}`);
      return;
    }
    power = number;
  }
  if (typeof power !== "number" || !Number.isInteger(power)) {
    report("wrong-type", `${field.key} should be an integer${server.powerNamesAllowed ? ", a power state name" : ""} or null, found ${typeof power} ${power === field.value ? shown(field) : quote(power)}`);
    return;
  }
  // A vendor whose documents list no power states makes no claim about them.
  if (knownPower.size > 0 && !knownPower.has(String(power))) {
    report("unknown-power-state", `${field.key} ${power === field.value ? shown(field) : `${power} (${quote(field.value)})`} is not one of ${vendor.id}'s power states: ${powerList}`);
  }
}
