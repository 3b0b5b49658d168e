// The generated openstack module, run, against Nova's rules written out independently from the reference sheet.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import * as openstack from "../out/openstack/index.js";
import * as huawei from "../out/huawei-ecs/index.js";
import * as rackspace from "../out/rackspace/index.js";

// nova/api/openstack/common.py _STATE_MAP, as the reference sheet gives it.
const novaStateMap: Record<string, Record<string, string>> = {
  active: {
    default: "ACTIVE",
    rebooting: "REBOOT",
    reboot_pending: "REBOOT",
    reboot_started: "REBOOT",
    rebooting_hard: "HARD_REBOOT",
    reboot_pending_hard: "HARD_REBOOT",
    reboot_started_hard: "HARD_REBOOT",
    updating_password: "PASSWORD",
    rebuilding: "REBUILD",
    rebuild_block_device_mapping: "REBUILD",
    rebuild_spawning: "REBUILD",
    migrating: "MIGRATING",
    resize_prep: "RESIZE",
    resize_migrating: "RESIZE",
    resize_migrated: "RESIZE",
    resize_finish: "RESIZE",
  },
  building: { default: "BUILD" },
  stopped: {
    default: "SHUTOFF",
    resize_prep: "RESIZE",
    resize_migrating: "RESIZE",
    resize_migrated: "RESIZE",
    resize_finish: "RESIZE",
    rebuilding: "REBUILD",
    rebuild_block_device_mapping: "REBUILD",
    rebuild_spawning: "REBUILD",
  },
  resized: { default: "VERIFY_RESIZE", resize_reverting: "REVERT_RESIZE" },
  paused: { default: "PAUSED", migrating: "MIGRATING" },
  suspended: { default: "SUSPENDED" },
  rescued: { default: "RESCUE" },
  error: {
    default: "ERROR",
    rebuilding: "REBUILD",
    rebuild_block_device_mapping: "REBUILD",
    rebuild_spawning: "REBUILD",
  },
  deleted: { default: "DELETED" },
  "soft-delete": { default: "SOFT_DELETED" },
  shelved: { default: "SHELVED" },
  shelved_offloaded: { default: "SHELVED_OFFLOADED" },
};

function novaStatus(vmState: string | null, taskState: string | null): string {
  const taskMap =
    vmState === null ? undefined : Object.hasOwn(novaStateMap, vmState) ? novaStateMap[vmState] : undefined;
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
  REBUILD: [
    ["active", "error", "stopped"],
    ["rebuild_block_device_mapping", "rebuild_spawning", "rebuilding"],
  ],
  RESCUE: [["rescued"], null],
  RESIZE: [
    ["active", "stopped"],
    ["resize_finish", "resize_migrated", "resize_migrating", "resize_prep"],
  ],
  REVERT_RESIZE: [["resized"], ["resize_reverting"]],
  SHELVED: [["shelved"], null],
  SHELVED_OFFLOADED: [["shelved_offloaded"], null],
  SHUTOFF: [["stopped"], null],
  SOFT_DELETED: [["soft-delete"], null],
  SUSPENDED: [["suspended"], null],
  VERIFY_RESIZE: [["resized"], null],
};

describe("openstack statusFromState follows Nova exactly", () => {
  const taskStates: (string | null)[] = [
    ...openstack.taskStates,
    null,
    "rebootin",
    "powering_off",
    "REBOOTING",
    "default",
    "*",
  ];
  const cases = openstack.vmStates.flatMap((vmState) => taskStates.map((taskState) => [vmState, taskState] as const));

  it("covers every vm_state x (every task_state, null, misspelt ones)", () => {
    expect(openstack.vmStates).toHaveLength(12);
    expect(openstack.taskStates).toHaveLength(42);
    expect(cases).toHaveLength(12 * 48);
  });

  it.each(cases)("%s + %s", (vmState, taskState) => {
    expect(openstack.statusFromState(vmState, taskState)).toBe(novaStatus(vmState, taskState));
  });

  it.each([["build"], ["ACTIVE"], ["soft_deleted"], [""], ["__proto__"], ["constructor"]])(
    "unknown vm_state %s gives UNKNOWN",
    (vmState) => {
      for (const taskState of [null, "rebooting", "migrating"])
        expect(openstack.statusFromState(vmState, taskState)).toBe("UNKNOWN");
    },
  );

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

  it.each([["SHUTDOWN"], ["CONFIRMING_RESIZE"], [""], ["active "], ["__proto__"]])(
    "non-status %j selects nothing",
    (status) => {
      expect(openstack.statesForStatus(status)).toBeUndefined();
    },
  );

  it("returns a copy: callers cannot change the table", () => {
    openstack.statesForStatus("REBOOT")!.taskStates!.push(openstack.TaskState.PAUSING);
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
    expect(huawei.derivationTable.active.tasks?.resize_prep).toBe("RESIZE");
  });

  it("rackspace's own any-task rows beat Nova's rows for specific task states", () => {
    // 000: paused, stopped and error with any task state are PAUSED, SHUTOFF and ERROR.
    expect(rackspace.statusFromState("paused", "migrating")).toBe("PAUSED");
    expect(rackspace.statusFromState("stopped", "resize_prep")).toBe("SHUTOFF");
    expect(rackspace.statusFromState("error", "rebuilding")).toBe("ERROR");
    // Its own exact rows still win over its any-task row.
    expect(rackspace.statusFromState("resized", "resize_reverting")).toBe("REVERT_RESIZE");
    // A vm_state its documents do not cover is Nova's answer.
    expect(rackspace.statusFromState("shelved", null)).toBe("SHELVED");
    expect(rackspace.statesForStatus("MIGRATING")).toEqual({ vmStates: ["active"], taskStates: ["migrating"] });
  });

  it("folds case as Python's str.lower() does, not by upper-casing", () => {
    expect(rackspace.statesForStatus("shutoff")).toEqual({ vmStates: ["stopped"], taskStates: null });
    // 'ſ'.lower() is 'ſ' in Python, so Nova answers 400; toUpperCase() would have made it 'S'.
    expect(rackspace.statesForStatus("\u017fhutoff")).toBeUndefined();
    expect(openstack.statesForStatus("\u017fhutoff")).toBeUndefined();
    // 'ı' (dotless i) stays 'ı'; 'İ' lower-cases to 'i' + combining dot: neither is 'i'.
    expect(openstack.statesForStatus("act\u0131ve")).toBeUndefined();
    expect(openstack.statesForStatus("ACT\u0130VE")).toBeUndefined();
    expect(openstack.statesForStatus("Active")).toEqual({ vmStates: ["active"], taskStates: null });
  });

  it("lower-cases exactly as Python does (checked against python3)", (context) => {
    const probes = [
      "\u017fhutoff",
      "ACT\u0130VE",
      "act\u0131ve",
      "\u212aELVIN",
      "HARD_REBOOT",
      "\u03a3\u0391\u03a3",
      "STRASSE\u1e9e",
      "\u01c5",
    ];
    const python = spawnSync(
      "python3",
      ["-c", "import json,sys; print(json.dumps([p.lower() for p in json.load(sys.stdin)]))"],
      { input: JSON.stringify(probes), encoding: "utf8" },
    );
    if (python.error) {
      if (process.env.STATESPEC_REQUIRE_TOOLS === "1") throw python.error;
      context.skip("python3 is not installed");
    }
    expect(probes.map((probe) => probe.toLowerCase())).toEqual(JSON.parse(python.stdout));
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
    // statusFromState("shelved", null) answers SHELVED through Nova's row, so the set has it (inherited).
    expect(huawei.isServerStatus("SHELVED")).toBe(true);
    expect(huawei.isVmState("shelved")).toBe(true);
    expect(huawei.isServerStatus("HIBERNATED")).toBe(false);
  });
});
