// What a user of server.schema.json reads when a response is wrong: ajv's first error (allErrors off, its default)
// names the status, the vm_state and the rule of the pair, for an unknown status and for a contradicting one, in
// every vendor's committed schema; and a flat schema, without a chain of else.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

const vendors = ["openstack", "rackspace", "huawei-ecs"];
const V = "OS-EXT-STS:vm_state";
const T = "OS-EXT-STS:task_state";

function serverSchema(vendor: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join("out", vendor, "schema", "server.schema.json"), "utf8")) as Record<
    string,
    unknown
  >;
}

function compile(vendor: string, allErrors = false) {
  return new Ajv2020({ strict: true, allErrors }).compile(serverSchema(vendor));
}

/** The parts of an error a reader goes by. */
function shown(error: ErrorObject | undefined) {
  return error && { instancePath: error.instancePath, schemaPath: error.schemaPath, params: error.params };
}

describe("server.schema.json: ajv's first error", () => {
  const openstack = compile("openstack");
  const rebootRule = {
    instancePath: "/status",
    schemaPath: "#/$defs/vm_state_active/$defs/status_REBOOT/then/properties/status/const",
    params: { allowedValue: "REBOOT" },
  };

  it("for an unknown status, names the status the pair wants and the pair's rule", () => {
    expect(openstack({ status: "RESTARTING", [V]: "active", [T]: "rebooting" })).toBe(false);
    expect(shown(openstack.errors?.[0])).toEqual(rebootRule);
  });

  it("for a contradicting status, the same", () => {
    expect(openstack({ status: "ACTIVE", [V]: "active", [T]: "rebooting" })).toBe(false);
    expect(shown(openstack.errors?.[0])).toEqual(rebootRule);
    expect(openstack({ status: "REBOOT", [V]: "active", [T]: null })).toBe(false);
    expect(shown(openstack.errors?.[0])).toEqual({
      instancePath: "/status",
      schemaPath: "#/$defs/vm_state_active/$defs/any_other_task/then/properties/status/const",
      params: { allowedValue: "ACTIVE" },
    });
    expect(openstack({ status: "ACTIVE", [V]: null })).toBe(false);
    expect(shown(openstack.errors?.[0])).toEqual({
      instancePath: "/status",
      schemaPath: "#/$defs/any_other_vm_state/then/properties/status/const",
      params: { allowedValue: "UNKNOWN" },
    });
  });

  it.each(vendors)("%s: for every pair and every status but the derived one, and an unknown one", async (vendor) => {
    const module = (await import(pathToFileURL(join("out", vendor, "index.ts")).href)) as {
      vmStates: readonly string[];
      taskStates: readonly string[];
      serverStatuses: readonly string[];
      statusFromState(vmState: string, taskState: string | null): string;
    };
    const validate = compile(vendor);
    const problems: string[] = [];
    for (const vmState of module.vmStates) {
      for (const taskState of [...module.taskStates, null]) {
        const derived = module.statusFromState(vmState, taskState);
        for (const status of [...module.serverStatuses, "NOT_A_STATUS"]) {
          if (status === derived) continue;
          validate({ status, [V]: vmState, [T]: taskState });
          const first = validate.errors?.[0];
          const named =
            first !== undefined &&
            first.schemaPath.startsWith(`#/$defs/vm_state_${vmState}/`) &&
            first.instancePath === "/status" &&
            first.params.allowedValue === derived;
          if (!named) problems.push(`${vmState} + ${taskState} as ${status}: ${JSON.stringify(shown(first))}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("with allErrors, a contradicting status gives the pair's errors only, not one per status value", () => {
    const all = compile("openstack", true);
    expect(all({ status: "ACTIVE", [V]: "active", [T]: "rebooting" })).toBe(false);
    expect(shown(all.errors?.[0])).toEqual(rebootRule);
    // The failed const and the if/then around it: ajv reports each applicator that failed.
    expect(all.errors?.length).toBeLessThanOrEqual(3);
    expect(all.errors?.filter((error) => error.schemaPath.startsWith("#/$defs/status/"))).toEqual([]);
  });
});

describe("server.schema.json's shape", () => {
  it.each(vendors)("%s: allOf refers to one rule per vm_state, no rule has an else", (vendor) => {
    const schema = serverSchema(vendor);
    const vmStates =
      (schema.$defs as { vm_state: { oneOf?: { const: string }[] } }).vm_state.oneOf?.map((branch) => branch.const) ??
      [];
    expect(schema.allOf).toEqual([
      ...vmStates.map((vmState) => ({ $ref: `#/$defs/vm_state_${vmState}` })),
      { $ref: "#/$defs/any_other_vm_state" },
    ]);
    expect(JSON.stringify(schema)).not.toContain('"else"');
    // Each value is listed once: a oneOf branch, no enum beside it.
    for (const kind of ["vm_state", "task_state", "power_state", "status"])
      expect((schema.$defs as Record<string, object>)[kind]).not.toHaveProperty("enum");
  });
});
