// The generated openstack module, run, against Nova's rules written out independently from the reference sheet.
import { describe, expect, it } from "vitest";
import * as openstack from "../out/openstack/index.js";
import * as huawei from "../out/huawei-ecs/index.js";
import * as rackspace from "../out/rackspace/index.js";

// nova/api/openstack/common.py _STATE_MAP, as the reference sheet gives it.
const novaStateMap: Record<string, Record<string, string>> = {
  active: {
    default: "ACTIVE", rebooting: "REBOOT", reboot_pending: "REBOOT", reboot_started: "REBOOT",
    rebooting_hard: "HARD_REBOOT", reboot_pending_hard: "HARD_REBOOT", reboot_started_hard: "HARD_REBOOT",
    updating_password: "PASSWORD", rebuilding: "REBUILD", rebuild_block_device_mapping: "REBUILD", rebuild_spawning: "REBUILD",
    migrating: "MIGRATING", resize_prep: "RESIZE", resize_migrating: "RESIZE", resize_migrated: "RESIZE", resize_finish: "RESIZE",
  },
  building: { default: "BUILD" },
  stopped: {
    default: "SHUTOFF", resize_prep: "RESIZE", resize_migrating: "RESIZE", resize_migrated: "RESIZE", resize_finish: "RESIZE",
    rebuilding: "REBUILD", rebuild_block_device_mapping: "REBUILD", rebuild_spawning: "REBUILD",
  },
  resized: { default: "VERIFY_RESIZE", resize_reverting: "REVERT_RESIZE" },
  paused: { default: "PAUSED", migrating: "MIGRATING" },
  suspended: { default: "SUSPENDED" },
  rescued: { default: "RESCUE" },
  error: { default: "ERROR", rebuilding: "REBUILD", rebuild_block_device_mapping: "REBUILD", rebuild_spawning: "REBUILD" },
  deleted: { default: "DELETED" },
  "soft-delete": { default: "SOFT_DELETED" },
  shelved: { default: "SHELVED" },
  shelved_offloaded: { default: "SHELVED_OFFLOADED" },
};

function novaStatus(vmState: string | null, taskState: string | null): string {
  const taskMap = vmState === null ? undefined : Object.hasOwn(novaStateMap, vmState) ? novaStateMap[vmState] : undefined;
  if (!taskMap) return "UNKNOWN";
  return taskState !== null && Object.hasOwn(taskMap, taskState) ? taskMap[taskState] : taskMap.default;
}

// The reverse table of the reference sheet ("Filtering the server list by status").
const novaFilters: Record<string, [string[], string[] | null]> = {
  ACTIVE: [["active"], null],
  BUILD: [["building"], null],
  DELETED: [["deleted"], null],
  ERROR: [["error"], null],
  HARD_REBOOT: [["active"], ["reboot_pending_hard", "reboot_started_hard", "rebooting_hard"]],
  MIGRATING: [["active", "paused"], ["migrating"]],
  PASSWORD: [["active"], ["updating_password"]],
  PAUSED: [["paused"], null],
  REBOOT: [["active"], ["reboot_pending", "reboot_started", "rebooting"]],
  REBUILD: [["active", "error", "stopped"], ["rebuild_block_device_mapping", "rebuild_spawning", "rebuilding"]],
  RESCUE: [["rescued"], null],
  RESIZE: [["active", "stopped"], ["resize_finish", "resize_migrated", "resize_migrating", "resize_prep"]],
  REVERT_RESIZE: [["resized"], ["resize_reverting"]],
  SHELVED: [["shelved"], null],
  SHELVED_OFFLOADED: [["shelved_offloaded"], null],
  SHUTOFF: [["stopped"], null],
  SOFT_DELETED: [["soft-delete"], null],
  SUSPENDED: [["suspended"], null],
  VERIFY_RESIZE: [["resized"], null],
};

describe("openstack statusFromState follows Nova exactly", () => {
  const taskStates: (string | null)[] = [...openstack.taskStates, null, "rebootin", "powering_off", "REBOOTING", "default", "*"];
  const cases = openstack.vmStates.flatMap((vmState) => taskStates.map((taskState) => [vmState, taskState] as const));

  it("covers every vm_state x (every task_state, null, misspelt ones)", () => {
    expect(openstack.vmStates).toHaveLength(12);
    expect(openstack.taskStates).toHaveLength(42);
    expect(cases).toHaveLength(12 * 48);
  });

  it.each(cases)("%s + %s", (vmState, taskState) => {
    expect(openstack.statusFromState(vmState, taskState)).toBe(novaStatus(vmState, taskState));
  });

  it.each([["build"], ["ACTIVE"], ["soft_deleted"], [""], ["__proto__"], ["constructor"]])("unknown vm_state %s gives UNKNOWN", (vmState) => {
    for (const taskState of [null, "rebooting", "migrating"]) expect(openstack.statusFromState(vmState, taskState)).toBe("UNKNOWN");
  });

  it("a missing vm_state gives UNKNOWN; a missing task state is no task", () => {
    expect(openstack.statusFromState(undefined, undefined)).toBe("UNKNOWN");
    expect(openstack.statusFromState(null, "rebooting")).toBe("UNKNOWN");
    expect(openstack.statusFromState("stopped", undefined)).toBe("SHUTOFF");
  });

  it("the sheet's examples", () => {
    expect(openstack.statusFromState("active", "powering-off")).toBe("ACTIVE");
    expect(openstack.statusFromState("stopped", "powering-on")).toBe("SHUTOFF");
    expect(openstack.statusFromState("resized", "resize_confirming")).toBe("VERIFY_RESIZE");
    expect(openstack.statusFromState("paused", "migrating")).toBe("MIGRATING");
  });
});

describe("openstack statesForStatus follows Nova's list filter", () => {
  it.each(Object.entries(novaFilters))("%s", (status, [vmStates, taskStates]) => {
    expect(openstack.statesForStatus(status)).toEqual({ vmStates, taskStates });
    expect(openstack.statesForStatus(status.toLowerCase())).toEqual({ vmStates, taskStates });
  });

  it("covers all 20 statuses: UNKNOWN selects nothing", () => {
    expect(openstack.serverStatuses).toHaveLength(20);
    for (const status of openstack.serverStatuses) expect(status === "UNKNOWN" || status in novaFilters).toBe(true);
    expect(openstack.statesForStatus("UNKNOWN")).toBeUndefined();
    expect(openstack.statesForStatus("unknown")).toBeUndefined();
  });

  it.each([["SHUTDOWN"], ["CONFIRMING_RESIZE"], [""], ["active "], ["__proto__"]])("non-status %j selects nothing", (status) => {
    expect(openstack.statesForStatus(status)).toBeUndefined();
  });

  it("returns a copy: callers cannot change the table", () => {
    openstack.statesForStatus("REBOOT")!.taskStates!.push("pausing");
    expect(openstack.statesForStatus("REBOOT")!.taskStates).toHaveLength(3);
  });
});

describe("vendors with a fallback", () => {
  it("huawei-ecs uses its own rows first, then Nova's", () => {
    expect(huawei.statusFromState("building", null)).toBe("BUILD");
    expect(huawei.statusFromState("active", "deleting")).toBe("ACTIVE");
    // Huawei's page has no row for active + resize_prep: Nova's row applies.
    expect(huawei.statusFromState("active", "resize_prep")).toBe("RESIZE");
    expect(huawei.statusFromState("shelved", null)).toBe("SHELVED");
    expect(huawei.statusFromState("build", null)).toBe("UNKNOWN");
    expect(huawei.derivationRows.find((row) => row.vmState === "active" && row.taskState === "resize_prep")?.origin).toBe("fallback");
  });

  it("rackspace keeps its own spelling and its own statuses", () => {
    expect(rackspace.statusFromState("soft_deleted", null)).toBe("DELETED");
    expect(rackspace.statusFromState("building", "spawning")).toBe("BUILD");
    // 000 lists build but gives it no row, and Nova does not know it either.
    expect(rackspace.statusFromState("build", null)).toBe("UNKNOWN");
    expect(rackspace.statesForStatus("deleted")).toEqual({ vmStates: ["deleted", "soft_deleted"], taskStates: null });
  });

  it("type guards accept exactly the vendor's documented values", () => {
    expect(rackspace.isTaskState("powering_off")).toBe(true);
    expect(rackspace.isTaskState("powering-off")).toBe(false);
    expect(openstack.isPowerState(2)).toBe(false);
    expect(openstack.isPowerState(7)).toBe(true);
    expect(huawei.isPowerState(2)).toBe(true);
    expect(huawei.isServerStatus("SHELVED")).toBe(false);
  });
});
