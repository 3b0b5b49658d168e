// The shipped spec/ against the source documents: counts and sampled values read off each document by hand.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { prose } from "../generator/emit/markdown/text.js";
import { runCli } from "./helpers/cli.js";

interface ExportedDocument {
  id: string;
  vendor: string;
  source: string;
  locale: string;
  states: Record<
    "vm_state" | "task_state" | "power_state" | "status",
    { value: string | number; description: string | null; inherited_from?: string }[]
  >;
  mapping: { vm_state: string; task_state: string | null; status: string }[];
}
interface Exported {
  documents: ExportedDocument[];
  vendors: { id: string; states: ExportedDocument["states"]; mapping: ExportedDocument["mapping"] }[];
}

// One export per argument list for the file: every test reads the same shipped spec (each its own parsed copy).
const exports = new Map<string, Promise<string>>();
const exported = async (...args: string[]): Promise<Exported> => {
  const key = JSON.stringify(args);
  if (!exports.has(key))
    exports.set(
      key,
      runCli(["export", ...args]).then((run) => run.stdout),
    );
  return JSON.parse(await exports.get(key)!);
};
const bySource = (model: Exported, source: string) => model.documents.find((document) => document.source === source)!;
const describedAs = (document: ExportedDocument, kind: keyof ExportedDocument["states"], value: string | number) =>
  document.states[kind].find((entry) => entry.value === value)?.description;

describe("statespec validate on the shipped spec", () => {
  it("exits 0 and reports the seeds' real contradictions as warnings", async () => {
    const result = await runCli(["validate"]);
    expect(result.code).toBe(0);
    const lines = result.stderr.split("\n").filter((line) => line.includes(": warning "));
    expect(lines).toEqual([
      "spec/rackspace.yaml:62:9: warning fallback-spelling vm_state 'build' is spelled 'building' by vendor 'openstack', which 'rackspace' falls back to: pairs with it do not fall back",
      "spec/rackspace.yaml:62:9: warning unreachable-value vm_state 'build' is declared, but no mapping row of the vendor uses it",
      "spec/rackspace.yaml:68:9: warning fallback-spelling vm_state 'soft_deleted' is spelled 'soft-delete' by vendor 'openstack', which 'rackspace' falls back to: pairs with it do not fall back",
      "spec/rackspace.yaml:88:9: warning fallback-spelling task_state 'powering_off' is spelled 'powering-off' by vendor 'openstack', which 'rackspace' falls back to: pairs with it do not fall back",
      "spec/rackspace.yaml:89:9: warning fallback-spelling task_state 'powering_on' is spelled 'powering-on' by vendor 'openstack', which 'rackspace' falls back to: pairs with it do not fall back",
      "spec/rackspace.yaml:163:17: warning undeclared-value mapping row uses vm_state 'building', which the document's vm_state list does not declare; vendor 'openstack' (which it falls back to) declares it: if the list's 'build' means the same, use one spelling",
    ]);
    expect(result.stderr).not.toContain(": error ");
  });
});

describe("statespec export on the shipped spec", () => {
  it("lists the six documents and three vendors", async () => {
    const model = await exported();
    expect(model.documents.map((document) => document.source).sort()).toEqual([
      "000_d38f33d00cd622ee.txt",
      "001_ef113c5aaff3f35c.txt",
      "002_47a8e7249333a786.txt",
      "003_5067f69ced52e563.txt",
      "004_d037b9c272e43823.txt",
      "nova-upstream.md",
    ]);
    expect(model.vendors.map((vendor) => vendor.id).sort()).toEqual(["huawei-ecs", "openstack", "rackspace"]);
  });

  // [source, vendor, locale, vm_state, task_state, power_state, status, mapping pairs]
  const counts: [string, string, string, number, number, number, number, number][] = [
    ["000_d38f33d00cd622ee.txt", "rackspace", "en", 10, 31, 3, 0, 22],
    ["001_ef113c5aaff3f35c.txt", "huawei-ecs", "en", 6, 22, 0, 12, 36],
    ["002_47a8e7249333a786.txt", "openstack", "en", 0, 0, 0, 20, 0],
    ["003_5067f69ced52e563.txt", "huawei-ecs", "zh-CN", 6, 22, 0, 12, 36],
    ["004_d037b9c272e43823.txt", "openstack", "en", 10, 0, 0, 0, 0],
    ["nova-upstream.md", "openstack", "en", 12, 42, 6, 20, 39],
  ];
  it.each(counts)(
    "%s: vendor %s, locale %s, and every value and row",
    async (source, vendor, locale, vm, task, power, status, rows) => {
      const document = bySource(await exported(), source);
      expect([document.vendor, document.locale]).toEqual([vendor, locale]);
      expect([
        document.states.vm_state.length,
        document.states.task_state.length,
        document.states.power_state.length,
        document.states.status.length,
        document.mapping.length,
      ]).toEqual([vm, task, power, status, rows]);
    },
  );

  it("keeps 000's spellings and its contradiction: build in the list, building in the table", async () => {
    const rackspace = bySource(await exported(), "000_d38f33d00cd622ee.txt");
    expect(rackspace.states.vm_state.map((entry) => entry.value)).toEqual([
      "active",
      "build",
      "deleted",
      "error",
      "paused",
      "rescued",
      "resized",
      "soft_deleted",
      "stopped",
      "suspended",
    ]);
    expect(rackspace.mapping).toContainEqual({ vm_state: "building", task_state: "*", status: "BUILD" });
    expect(rackspace.mapping).toContainEqual({ vm_state: "soft_deleted", task_state: "*", status: "DELETED" });
    expect(rackspace.states.task_state.map((entry) => entry.value)).toContain("powering_off");
    expect(rackspace.states.power_state).toEqual([
      { value: 0, description: "The instance is powered down." },
      { value: 1, description: "The instance is powered up." },
      { value: 4, description: "The instance is shut off." },
    ]);
    expect(describedAs(rackspace, "task_state", "image_uploading")).toBe(
      "Indicates that the hypervisor is currently uploading a packaged snapshot of the server to the image store.",
    );
    expect(describedAs(rackspace, "task_state", "deleting")).toBeNull();
  });

  it("keeps Huawei's null rows and several tasks per row, in both locales", async () => {
    const model = await exported();
    for (const source of ["001_ef113c5aaff3f35c.txt", "003_5067f69ced52e563.txt"]) {
      const huawei = bySource(model, source);
      expect(huawei.mapping.filter((row) => row.status === "BUILD").map((row) => row.task_state)).toEqual([
        "scheduling",
        "block_device_mapping",
        "networking",
        "spawning",
        null,
      ]);
      expect(huawei.mapping).toContainEqual({ vm_state: "active", task_state: "powering-off", status: "ACTIVE" });
      expect(huawei.mapping).toContainEqual({ vm_state: "resized", task_state: null, status: "VERIFY_RESIZE" });
    }
    expect(describedAs(bySource(model, "001_ef113c5aaff3f35c.txt"), "status", "RESIZE")).toBe(
      "The ECS has received a specifications modification request and and has started to perform the modification.",
    );
    expect(describedAs(bySource(model, "003_5067f69ced52e563.txt"), "status", "RESIZE")).toBe(
      "实例接收变更请求，开始进行变更操作。",
    );
    expect(describedAs(bySource(model, "003_5067f69ced52e563.txt"), "task_state", "powering-on")).toBe(
      "实例处于启动中。",
    );
  });

  it("keeps the OpenStack status list and the old vm_states.py as written", async () => {
    const model = await exported();
    const statusList = bySource(model, "002_47a8e7249333a786.txt");
    expect(statusList.states.status[0]).toEqual({ value: "ACTIVE", description: "The server is active." });
    expect(describedAs(statusList, "status", "SHELVED")).toBe(
      "The server is in shelved state. Depending on the shelve offload time, the server will be automatically shelved offloaded.",
    );
    const old = bySource(model, "004_d037b9c272e43823.txt");
    expect(old.states.vm_state.map((entry) => entry.value)).not.toContain("shelved");
    expect(describedAs(old, "vm_state", "soft-delete")).toBe(
      "VM is marked as deleted but the disk images are still available to restore.",
    );
    expect(describedAs(old, "vm_state", "paused")).toBeNull();
  });

  it("keeps Nova's sets, power-state gaps and default rows", async () => {
    const nova = bySource(await exported(), "nova-upstream.md");
    expect(nova.states.power_state.map((entry) => entry.value)).toEqual([0, 1, 3, 4, 6, 7]);
    expect(
      nova.states.task_state.filter((entry) => String(entry.value).includes("-")).map((entry) => entry.value),
    ).toEqual(["powering-off", "powering-on", "soft-deleting"]);
    expect(nova.mapping.filter((row) => row.task_state === "*")).toHaveLength(12);
    expect(nova.mapping).toContainEqual({ vm_state: "paused", task_state: "migrating", status: "MIGRATING" });
  });

  it("merges a vendor's documents: zh-CN adds no values; openstack takes 002's status descriptions", async () => {
    const model = await exported();
    const openstack = model.vendors.find((vendor) => vendor.id === "openstack")!;
    expect(openstack.states.status.find((entry) => entry.value === "UNKNOWN")?.description).toBe(
      "The state of the server is unknown. Contact your cloud provider.",
    );
    expect(openstack.states.vm_state).toHaveLength(12);
    const huawei = model.vendors.find((vendor) => vendor.id === "huawei-ecs")!;
    // 22 of its documents; resize_prep and the other tasks of Nova's rows it answers from, inherited.
    expect(huawei.states.task_state.filter((entry) => entry.inherited_from === undefined)).toHaveLength(22);
    expect(huawei.mapping).toHaveLength(36);
    const rackspace = model.vendors.find((vendor) => vendor.id === "rackspace")!;
    // 000 lists no statuses; the vendor's statuses are the ones its table produces.
    expect(rackspace.states.status.map((entry) => entry.value)).toContain("VERIFY_RESIZE");
  });

  it("--vendor keeps one vendor and its documents", async () => {
    const model = await exported("--vendor", "huawei-ecs");
    expect(model.vendors.map((vendor) => vendor.id)).toEqual(["huawei-ecs"]);
    expect(model.documents.map((document) => document.locale)).toEqual(["en", "zh-CN"]);
    expect((await runCli(["export", "--vendor", "nope"])).code).toBe(2);
  });
});

describe("the shipped reference pages", () => {
  it("show every note of every document, and mark every reading of the project as such, on the page of its locale", () => {
    const primaryLocale = new Map<string, string>();
    for (const name of readdirSync("spec")) {
      const spec = parse(readFileSync(join("spec", name), "utf8"));
      if (spec.vendor.uncovered !== undefined) primaryLocale.set(spec.vendor.id, spec.locale);
    }
    for (const name of readdirSync("spec")) {
      const spec = parse(readFileSync(join("spec", name), "utf8"));
      // A locale's page has the documents of that locale as its sources (the zh-CN page the Chinese document).
      const file = spec.locale === primaryLocale.get(spec.vendor.id) ? "README.md" : `README.${spec.locale}.md`;
      const page = readFileSync(join("out", spec.vendor.id, file), "utf8");
      for (const note of spec.notes ?? [])
        if (!note.editorial) expect(page, `${name}: ${note.text}`).toContain(prose(note.text));
      for (const reading of spec.provenance.readings ?? [])
        expect(page).toMatch(
          new RegExp(`(the project's reading|本项目的解读)[^\n]*${escapeRegExp(prose(reading.why))}`),
        );
      for (const known of spec.provenance.known ?? [])
        expect(page).toMatch(new RegExp(`(Known to the project|本项目已知)[^\n]*${escapeRegExp(prose(known))}`));
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
