// The programmatic API by vendor id, as a script calls it: shipped specs, a config, spec folders, and the errors.
import { mkdtempSync, mkdirSync, cpSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel, deriveStatus, explainStatus, loadVendor, statesForStatus, StatespecError } from "../generator/index.js";

describe("the programmatic API", () => {
  it("answers by vendor id from the shipped specs", async () => {
    expect(await deriveStatus("openstack", "active", null)).toBe("ACTIVE");
    expect(await deriveStatus("openstack", "active", "rebooting")).toBe("REBOOT");
    expect(await deriveStatus("openstack", "no-such-state", null)).toBe("UNKNOWN");
    expect(await statesForStatus("openstack", "shutoff")).toEqual({ vmStates: ["stopped"], taskStates: null });
    const answer = await explainStatus("openstack", "active", "rebooting");
    expect(answer.status).toBe("REBOOT");
    expect(answer.origin.kind).toBe("row");
  });

  it("accepts a resolved vendor as well as an id", async () => {
    const vendor = await loadVendor("rackspace");
    expect(await deriveStatus(vendor, "active", "rebooting")).toBe(await deriveStatus("rackspace", "active", "rebooting"));
  });

  it("buildModel takes statespec:builtin as a config does", async () => {
    const { model, diagnostics } = await buildModel(["statespec:builtin"]);
    expect(diagnostics.filter((found) => found.severity === "error")).toEqual([]);
    expect(model?.vendors.map((vendor) => vendor.id)).toEqual(expect.arrayContaining(["openstack", "rackspace", "huawei-ecs"]));
  });

  it("reads a config's specs, the overlay vendor included", async () => {
    const project = mkdtempSync(join(tmpdir(), "statespec-api-"));
    mkdirSync(join(project, "spec"));
    cpSync("test/fixtures/overlay/spec/mycloud.yaml", join(project, "spec", "mycloud.yaml"));
    writeFileSync(join(project, "statespec.config.yaml"), "specs: [statespec:builtin, spec]\nout: generated\n");
    const config = join(project, "statespec.config.yaml");
    expect(await deriveStatus("mycloud", "active", "backing_up", { config })).toBe("BACKUP");
    expect(await deriveStatus("mycloud", "stopped", "scanning", { config })).toBe("SHUTOFF");
  });

  it("names an unknown vendor with a suggestion, and invalid specs with their diagnostics", async () => {
    await expect(deriveStatus("opnstack", "active", null)).rejects.toThrow(/no vendor 'opnstack'.*did you mean 'openstack'/);
    const folder = mkdtempSync(join(tmpdir(), "statespec-api-bad-"));
    writeFileSync(join(folder, "bad.yaml"), "vendor: [\n");
    const failed = deriveStatus("openstack", "active", null, { specs: [folder] });
    await expect(failed).rejects.toBeInstanceOf(StatespecError);
    await expect(failed).rejects.toThrow(/bad\.yaml:\d+:\d+: error/);
  });
});
