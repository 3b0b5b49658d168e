// Every generated artifact through the real tool of its kind: tsc --strict, ajv 2020-12, an OpenAPI 3.1 validator, markdownlint.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Validator } from "@seriousme/openapi-schema-validator";
import { lint } from "markdownlint/sync";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";

const vendors = ["openstack", "rackspace", "huawei-ecs"];
let enumOut: string;
let constOut: string;

beforeAll(async () => {
  enumOut = mkdtempSync(join(tmpdir(), "statespec-enum-"));
  constOut = mkdtempSync(join(tmpdir(), "statespec-const-"));
  expect((await runCli(["generate", "--out", enumOut])).code).toBe(0);
  expect((await runCli(["generate", "--out", constOut, "--enum-style", "const"])).code).toBe(0);
});

function tsc(args: string[]): string {
  try {
    return execFileSync(process.execPath, [join("node_modules", "typescript", "bin", "tsc"), ...args], { encoding: "utf8" });
  } catch (error) {
    return (error as { stdout: string }).stdout || String(error);
  }
}

const strictFlags = ["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck"];

/** A client of every vendor module: what statusFromState returns is a ServerStatus, statesForStatus gives typed values. */
function writeConsumer(out: string): string {
  const lines = vendors.flatMap((vendor, index) => [
    `import * as v${index} from "./${vendor}/index.js";`,
    `export const status${index}: v${index}.ServerStatus = v${index}.statusFromState("active", null);`,
    `export const derived${index}: v${index}.ServerStatus = v${index}.UNKNOWN_STATUS;`,
    `export const vmStates${index}: v${index}.VmState[] | undefined = v${index}.statesForStatus("active")?.vmStates;`,
    `export const taskStates${index}: (v${index}.TaskState | null)[] | null | undefined = v${index}.statesForStatus("reboot")?.taskStates;`,
    `export const guarded${index}: boolean = v${index}.isServerStatus(v${index}.statusFromState("paused", "migrating"));`,
  ]);
  const file = join(out, "consumer.ts");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("generated TypeScript", () => {
  it("compiles with tsc --strict (enum style), statusFromState typed as ServerStatus", () => {
    expect(tsc([...strictFlags, ...vendors.map((vendor) => join(enumOut, vendor, "index.ts")), writeConsumer(enumOut)])).toBe("");
  });

  it("compiles with tsc --strict --erasableSyntaxOnly (const style), statusFromState typed as ServerStatus", () => {
    expect(tsc([...strictFlags, "--erasableSyntaxOnly", ...vendors.map((vendor) => join(constOut, vendor, "index.ts")), writeConsumer(constOut)])).toBe("");
  });

  it("reads like hand-written code: every line within 100 characters, indented by multiples of 2 spaces", () => {
    for (const out of [enumOut, constOut]) {
      for (const vendor of vendors) {
        const lines = readFileSync(join(out, vendor, "index.ts"), "utf8").split("\n");
        const long = lines.filter((line) => line.length > 100);
        // A JSDoc continuation line (` * text`) sits one space past its comment's indentation.
        const odd = lines.filter((line) => (line.length - line.trimStart().length - (line.trimStart().startsWith("*") ? 1 : 0)) % 2 !== 0);
        expect({ vendor, long, odd }).toEqual({ vendor, long: [], odd: [] });
      }
    }
  });

  it("ServerState types a server's state fields and compiles with tsc --strict", () => {
    const file = join(enumOut, "server-state.ts");
    writeFileSync(
      file,
      [
        'import { ServerStatus, TaskState, VmState, statusFromState, type ServerState } from "./openstack/index.js";',
        'export const server: ServerState = { status: ServerStatus.ACTIVE, "OS-EXT-STS:vm_state": VmState.ACTIVE, "OS-EXT-STS:task_state": TaskState.REBOOTING, "OS-EXT-STS:power_state": 1 };',
        'export const plain: ServerState = { status: ServerStatus.SHUTOFF, "OS-EXT-STS:task_state": null };',
        'export const derived: ServerStatus = statusFromState(server["OS-EXT-STS:vm_state"], server["OS-EXT-STS:task_state"]);',
        "",
      ].join("\n"),
    );
    expect(tsc([...strictFlags, file])).toBe("");
    const wrong = join(enumOut, "server-state-wrong.ts");
    writeFileSync(wrong, 'import type { ServerState } from "./openstack/index.js";\nexport const s: ServerState = { "OS-EXT-STS:power_state": 42 };\n');
    // status is required and 42 is no PowerState: both are reported, so the check above can fail.
    expect(tsc([...strictFlags, wrong])).toMatch(/TS2(322|741)/);
  });

  it("a status outside ServerStatus does not type-check, so the checks above can fail", () => {
    const file = join(enumOut, "wrong.ts");
    writeFileSync(file, 'import * as v from "./openstack/index.js";\nexport const s: v.ServerStatus = "HIBERNATED";\n');
    expect(tsc([...strictFlags, file])).toContain("TS2322");
  });

  it("the enum style really uses enums, which --erasableSyntaxOnly rejects", () => {
    // Proves the flag is enforced, so the const-style check above means something.
    expect(tsc([...strictFlags, "--erasableSyntaxOnly", join(enumOut, "openstack", "index.ts")])).toContain("TS1294");
  });

  it("names members without collisions: soft-delete and soft_deleted, powering-off and powering_off", () => {
    const openstack = readFileSync(join(enumOut, "openstack", "index.ts"), "utf8");
    const rackspace = readFileSync(join(enumOut, "rackspace", "index.ts"), "utf8");
    expect(openstack).toContain('SOFT_DELETE = "soft-delete"');
    expect(openstack).toContain('POWERING_OFF = "powering-off"');
    expect(rackspace).toContain('SOFT_DELETED = "soft_deleted"');
    expect(rackspace).toContain('POWERING_OFF = "powering_off"');
  });

  it("carries descriptions and zh-CN translations as JSDoc", () => {
    const huawei = readFileSync(join(enumOut, "huawei-ecs", "index.ts"), "utf8");
    expect(huawei).toMatch(/\/\*\*\n\s+\* The ECS is being created, and disks are being prepared for the ECS\.\n\s+\*\n\s+\* zh-CN: 实例处于创建中，正在准备磁盘。\n\s+\*\/\n\s+BLOCK_DEVICE_MAPPING = "block_device_mapping"/);
  });
});

function jsonSchemas(out: string): { path: string; schema: { $id: string } }[] {
  return vendors.flatMap((vendor) =>
    readdirSync(join(out, vendor, "schema")).map((name) => ({ path: `${vendor}/schema/${name}`, schema: JSON.parse(readFileSync(join(out, vendor, "schema", name), "utf8")) })),
  );
}

describe("generated JSON Schema", () => {
  it("every schema is valid against the 2020-12 meta-schema", () => {
    const ajv = new Ajv2020({ strict: true });
    for (const { path, schema } of jsonSchemas(enumOut)) {
      expect(ajv.validateSchema(schema), `${path}: ${ajv.errorsText()}`).toBe(true);
    }
  });

  it("validates sample servers with the published server schemas", () => {
    const ajv = new Ajv2020({ strict: true });
    for (const { schema } of jsonSchemas(enumOut)) ajv.addSchema(schema);
    const server = (vendor: string) => ajv.getSchema(`https://statespec.invalid/schemas/${vendor}/server.schema.json`)!;
    const openstack = server("openstack");
    expect(openstack({ status: "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null, "OS-EXT-STS:power_state": 1, id: "x" })).toBe(true);
    expect(openstack({ status: "SHUTOFF", "OS-EXT-STS:vm_state": "stopped", "OS-EXT-STS:task_state": "powering-on", "OS-EXT-STS:power_state": 4 })).toBe(true);
    expect(openstack({ status: "ACTIVE", "OS-EXT-STS:power_state": 2 })).toBe(false);
    expect(openstack({ status: "ACTIVE", "OS-EXT-STS:vm_state": "build" })).toBe(false);
    expect(openstack({ status: "active" })).toBe(false);
    expect(openstack({ "OS-EXT-STS:vm_state": "active" })).toBe(false);
    const rackspace = server("rackspace");
    expect(rackspace({ status: "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": "powering_off", "OS-EXT-STS:power_state": 1 })).toBe(true);
    expect(rackspace({ status: "ACTIVE", "OS-EXT-STS:task_state": "powering-off" })).toBe(false);
    const huawei = server("huawei-ecs");
    // Huawei documents no power states: any integer is accepted.
    expect(huawei({ status: "BUILD", "OS-EXT-STS:vm_state": "building", "OS-EXT-STS:task_state": "scheduling", "OS-EXT-STS:power_state": 0 })).toBe(true);
    // SHELVED is inherited from openstack (Huawei's statusFromState("shelved", null) answers it); PASSWORD is not.
    expect(huawei({ status: "SHELVED" })).toBe(true);
    expect(huawei({ status: "HIBERNATED" })).toBe(false);
    // status must be the derived one for the pair.
    expect(openstack({ status: "SHUTOFF", "OS-EXT-STS:vm_state": "active" })).toBe(false);
    expect(openstack({ status: "SHUTOFF", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null })).toBe(false);
    expect(openstack({ status: "REBOOT", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": "rebooting" })).toBe(true);
    expect(openstack({ status: "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": "rebooting" })).toBe(false);
    expect(rackspace({ status: "PAUSED", "OS-EXT-STS:vm_state": "paused", "OS-EXT-STS:task_state": "migrating" })).toBe(true);
    expect(rackspace({ status: "MIGRATING", "OS-EXT-STS:vm_state": "paused", "OS-EXT-STS:task_state": "migrating" })).toBe(false);
  });

  it("gives each value its member name and no placeholder description", () => {
    let described = 0;
    for (const { path, schema } of jsonSchemas(enumOut)) {
      const withValues = schema as { enum?: unknown[]; oneOf?: { const: unknown; title: string; description?: string }[] };
      if (!withValues.enum) continue;
      expect(withValues.oneOf?.map((branch) => branch.const), path).toEqual(withValues.enum);
      for (const branch of withValues.oneOf!) {
        expect(branch.title, path).toMatch(/^[A-Z_][A-Z0-9_]*$/);
        if (branch.description === undefined) continue;
        described++;
        expect(branch.description, path).not.toMatch(/no description/);
      }
    }
    expect(described).toBeGreaterThan(90);
    const status = JSON.parse(readFileSync(join(enumOut, "openstack", "schema", "status.schema.json"), "utf8")) as { oneOf: { const: string; title: string }[] };
    expect(status.oneOf.find((branch) => branch.const === "SOFT_DELETED")?.title).toBe("SOFT_DELETED");
    const vmState = JSON.parse(readFileSync(join(enumOut, "openstack", "schema", "vm-state.schema.json"), "utf8")) as { oneOf: { const: string; title: string }[] };
    expect(vmState.oneOf.find((branch) => branch.const === "soft-delete")?.title).toBe("SOFT_DELETE");
  });
});

describe("generated OpenAPI", () => {
  it.each(vendors)("%s/openapi.yaml is a valid OpenAPI 3.1 document", async (vendor) => {
    const document = parse(readFileSync(join(enumOut, vendor, "openapi.yaml"), "utf8"));
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("the validator rejects a broken fragment, so the check above can fail", async () => {
    const document = parse(readFileSync(join(enumOut, "openstack", "openapi.yaml"), "utf8"));
    document.components.parameters.ServerStatusQuery.in = "nowhere";
    expect((await new Validator().validate(document)).valid).toBe(false);
  });

  it("documents enums in both conventions and filters only statuses that select servers", () => {
    const document = parse(readFileSync(join(enumOut, "openstack", "openapi.yaml"), "utf8"));
    const vmState = document.components.schemas.VmState;
    expect(vmState["x-enum-varnames"]).toHaveLength(12);
    expect(vmState["x-enum-descriptions"][0]).toBe("VM is running");
    expect(vmState["x-enumDescriptions"]["soft-delete"]).toBe("VM is marked as deleted but the disk images are still available to restore.");
    expect(document.components.schemas.ServerStatusFilter.enum).not.toContain("UNKNOWN");
    expect(document.components.schemas.ServerStatusFilter.enum).toHaveLength(19);
    const huawei = parse(readFileSync(join(enumOut, "huawei-ecs", "openapi.yaml"), "utf8"));
    expect(huawei.components.schemas.TaskState["x-enum-descriptions-zh-CN"][0]).toBe("实例处于创建中，正在进行调度。");
  });
});

describe("generated Markdown", () => {
  it("passes markdownlint with the repository's config", () => {
    const files = [join(enumOut, "README.md"), join(enumOut, "conformance.md"), ...readdirSync(enumOut, { recursive: true, encoding: "utf8" }).filter((name) => /README.*\.md$/.test(name) && name.includes("/")).map((name) => join(enumOut, name))];
    expect(files.length).toBe(6);
    const result = lint({ files, config: JSON.parse(readFileSync(".markdownlint.json", "utf8")) });
    expect(result.toString()).toBe("");
  });

  it("shows each vendor's differences from Nova on the conformance page", () => {
    const page = readFileSync(join(enumOut, "conformance.md"), "utf8");
    // Compared through rackspace's spelling of Nova's soft-delete.
    expect(page).toContain("| `soft_deleted` (Nova: `soft-delete`) | any (every task state, and no task) | `DELETED` | `SOFT_DELETED` |");
    expect(page).toContain("`powering_off` for `powering-off`");
  });

  it("lists rackspace's behaviour against Nova's, pair by pair, with the row that causes it", () => {
    const page = readFileSync(join(enumOut, "conformance.md"), "utf8");
    const rackspace = page.slice(page.indexOf("## rackspace"));
    const row = (vmState: string, task: string) => rackspace.split("\n").find((line) => line.startsWith(`| \`${vmState}\` | `) && line.includes(`\`${task}\``));
    expect(row("paused", "migrating")).toBe("| `paused` | `migrating` | `PAUSED` | `MIGRATING` | the `paused` row for any task state of `rackspace-extended-status` |");
    expect(row("stopped", "resize_prep")).toMatch(/^\| `stopped` \| [^|]*`resize_prep`[^|]* \| `SHUTOFF` \| `RESIZE` \| the `stopped` row for any task state of `rackspace-extended-status` \|$/);
    // huawei-ecs documents part of Nova's table and falls back for the rest: it behaves as Nova does.
    expect(page).toContain("## huawei-ecs");
    expect(page.slice(page.indexOf("## huawei-ecs"), page.indexOf("## rackspace"))).toContain("Every pair derives the status Nova derives.");
  });
});
