// Every generated artifact through the real tool of its kind: tsc --strict, ajv 2020-12, an OpenAPI 3.1 validator, markdownlint.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Validator } from "@seriousme/openapi-schema-validator";
import { lint } from "markdownlint/sync";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliIn } from "./helpers/cli.js";
import { typeCheck, type TypeCheck } from "./helpers/typecheck.js";

const vendors = ["openstack", "rackspace", "huawei-ecs"];
let enumOut: string;
let constOut: string;

const vendorModules = (out: string) => vendors.map((vendor) => join(out, vendor, "index.ts"));

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

/** A project whose config generates `kinds` from the shipped specs. */
function projectOf(kinds: string): string {
  const project = mkdtempSync(join(tmpdir(), "statespec-kinds-"));
  writeFileSync(join(project, "statespec.config.yaml"), `specs: [statespec:builtin]\nartifacts: [${kinds}]\n`);
  return project;
}

/** A project whose config generates only TypeScript from the shipped specs: for the outputs only tsc reads. */
const typeScriptOnly = () => projectOf("typescript");

/** A spec whose sets hold colliding spellings (powering-off, powering_off, POWERING_OFF), generated in both styles. */
async function collidingModules(): Promise<string[]> {
  const spec = mkdtempSync(join(tmpdir(), "statespec-collide-"));
  const base = readFileSync("test/fixtures/valid-minimal/spec/base.yaml", "utf8");
  writeFileSync(
    join(spec, "base.yaml"),
    base
      .replace(
        "      - value: stopped\n",
        "      - value: stopped\n      - value: soft-delete\n      - value: soft_deleted\n      - value: Soft_Delete\n",
      )
      .replace(
        "      - value: rebooting\n",
        "      - value: powering-off\n      - value: powering_off\n      - value: POWERING_OFF\n      - value: rebooting\n",
      ),
  );
  const modules: string[] = [];
  const project = typeScriptOnly();
  for (const style of ["enum", "const"]) {
    const out = mkdtempSync(join(tmpdir(), `statespec-collide-${style}-`));
    const run = await runCliIn(project, ["generate", "--spec", spec, "--out", out, "--enum-style", style]);
    expect(run.code, run.stderr).toBe(0);
    modules.push(join(out, "acme", "index.ts"));
  }
  return modules;
}

/** The TypeScript each test below compiles, written before the two tsc runs start. */
const checked = {
  enumConsumer: "",
  constConsumer: "",
  serverState: "",
  serverStateWrong: "",
  wrongStatus: "",
  colliding: [] as string[],
};
let strict: TypeCheck;
let erasable: TypeCheck;

beforeAll(async () => {
  enumOut = mkdtempSync(join(tmpdir(), "statespec-enum-"));
  constOut = mkdtempSync(join(tmpdir(), "statespec-const-"));
  // The four kinds this file reads (from this repository's folder, its config would add states.json, Python, Go,
  // Rust and Java: test/states-json.test.ts and the -tools tests run those through their tools).
  const enumStyle = await runCliIn(projectOf("typescript, json-schema, openapi, markdown"), [
    "generate",
    "--out",
    enumOut,
  ]);
  expect(enumStyle.code, enumStyle.stderr).toBe(0);
  // The const style's output is read by tsc and for its layout only: its other kinds are enumOut's.
  const constStyle = await runCliIn(typeScriptOnly(), ["generate", "--out", constOut, "--enum-style", "const"]);
  expect(constStyle.code, constStyle.stderr).toBe(0);
  checked.colliding = await collidingModules();
  checked.enumConsumer = writeConsumer(enumOut);
  checked.constConsumer = writeConsumer(constOut);
  checked.serverState = join(enumOut, "server-state.ts");
  writeFileSync(
    checked.serverState,
    [
      'import { ServerStatus, TaskState, VmState, statusFromState, type ServerState } from "./openstack/index.js";',
      'export const server: ServerState = { status: ServerStatus.ACTIVE, "OS-EXT-STS:vm_state": VmState.ACTIVE, "OS-EXT-STS:task_state": TaskState.REBOOTING, "OS-EXT-STS:power_state": 1 };',
      'export const plain: ServerState = { status: ServerStatus.SHUTOFF, "OS-EXT-STS:task_state": null };',
      'export const derived: ServerStatus = statusFromState(server["OS-EXT-STS:vm_state"], server["OS-EXT-STS:task_state"]);',
      "",
    ].join("\n"),
  );
  checked.serverStateWrong = join(enumOut, "server-state-wrong.ts");
  writeFileSync(
    checked.serverStateWrong,
    'import type { ServerState } from "./openstack/index.js";\nexport const s: ServerState = { "OS-EXT-STS:power_state": 42 };\n',
  );
  checked.wrongStatus = join(enumOut, "wrong.ts");
  writeFileSync(
    checked.wrongStatus,
    'import * as v from "./openstack/index.js";\nexport const s: v.ServerStatus = "HIBERNATED";\n',
  );
  // The default libraries (ES2022 and the DOM), as a project compiles it, and of @types only node's, which a Node
  // project has: the others in this repository's node_modules (d3, lodash, katex: mermaid's and markdown-it's) are
  // no consumer's, and binding them was 60% of this program's time.
  strict = typeCheck(
    [
      ...vendorModules(enumOut),
      checked.enumConsumer,
      checked.serverState,
      checked.serverStateWrong,
      checked.wrongStatus,
      ...checked.colliding,
    ],
    { types: ["node"] },
  );
  // Under the flag, without @types or the DOM library (types: [], lib es2022): the flag is what this program is about,
  // and the consumer above (strict) is the one compiled with the default libraries, as a project compiles it.
  erasable = typeCheck([...vendorModules(constOut), checked.constConsumer, join(enumOut, "openstack", "index.ts")], {
    erasableSyntaxOnly: true,
    types: [],
    lib: ["lib.es2022.d.ts"],
  });
});

describe("generated TypeScript", () => {
  it("compiles with tsc --strict (enum style), statusFromState typed as ServerStatus", async () => {
    expect(strict.about([...vendorModules(enumOut), checked.enumConsumer])).toBe("");
  });

  it("compiles with tsc --strict --erasableSyntaxOnly (const style), statusFromState typed as ServerStatus", async () => {
    expect(erasable.about([...vendorModules(constOut), checked.constConsumer])).toBe("");
  });

  it("reads like hand-written code: every line within 100 characters, indented by multiples of 2 spaces", () => {
    for (const out of [enumOut, constOut]) {
      for (const vendor of vendors) {
        const lines = readFileSync(join(out, vendor, "index.ts"), "utf8").split("\n");
        const long = lines.filter((line) => line.length > 100);
        // A JSDoc continuation line (` * text`) sits one space past its comment's indentation.
        const odd = lines.filter(
          (line) => (line.length - line.trimStart().length - (line.trimStart().startsWith("*") ? 1 : 0)) % 2 !== 0,
        );
        expect({ vendor, long, odd }).toEqual({ vendor, long: [], odd: [] });
      }
    }
  });

  it("ServerState types a server's state fields and compiles with tsc --strict", async () => {
    const run = strict;
    expect(run.about([checked.serverState, join(enumOut, "openstack", "index.ts")])).toBe("");
    // status is required and 42 is no PowerState: both are reported, so the check above can fail.
    expect(run.about([checked.serverStateWrong, join(enumOut, "openstack", "index.ts")])).toMatch(/TS2(322|741)/);
  });

  it("a status outside ServerStatus does not type-check, so the checks above can fail", async () => {
    expect(strict.about([checked.wrongStatus, join(enumOut, "openstack", "index.ts")])).toContain("TS2322");
  });

  it("the enum style really uses enums, which --erasableSyntaxOnly rejects", async () => {
    // Proves the flag is enforced, so the const-style check above means something.
    expect(erasable.about([join(enumOut, "openstack", "index.ts")])).toContain("TS1294");
  });

  it("names members without collisions: powering-off, powering_off and POWERING_OFF in one set get distinct names, and both styles compile", async () => {
    // The shipped vendors spell each value once per set, so each keeps its plain name.
    const openstack = readFileSync(join(enumOut, "openstack", "index.ts"), "utf8");
    const rackspace = readFileSync(join(enumOut, "rackspace", "index.ts"), "utf8");
    expect(openstack).toContain('SOFT_DELETE = "soft-delete"');
    expect(openstack).toContain('POWERING_OFF = "powering-off"');
    expect(rackspace).toContain('SOFT_DELETED = "soft_deleted"');
    expect(rackspace).toContain('POWERING_OFF = "powering_off"');
    // One set holding every spelling (collidingModules): each value gets a name of its own, in both styles, and the modules compile.
    const modules = checked.colliding;
    expect(strict.about(modules)).toBe("");
    for (const file of modules) {
      const module = await import(file);
      expect(Object.entries(module.TaskState), file).toEqual([
        ["POWERING_HYPHEN_OFF", "powering-off"],
        ["POWERING_UNDERSCORE_OFF", "powering_off"],
        ["POWERING_UNDERSCORE_OFF_2", "POWERING_OFF"],
        ["REBOOTING", "rebooting"],
      ]);
      expect(Object.entries(module.VmState), file).toEqual([
        ["ACTIVE", "active"],
        ["STOPPED", "stopped"],
        ["SOFT_HYPHEN_DELETE", "soft-delete"],
        ["SOFT_DELETED", "soft_deleted"],
        ["SOFT_UNDERSCORE_DELETE", "Soft_Delete"],
      ]);
    }
  });

  it("carries descriptions and zh-CN translations as JSDoc", () => {
    const huawei = readFileSync(join(enumOut, "huawei-ecs", "index.ts"), "utf8");
    expect(huawei).toMatch(
      /\/\*\*\n\s+\* The ECS is being created, and disks are being prepared for the ECS\.\n\s+\*\n\s+\* zh-CN: 实例处于创建中，正在准备磁盘。\n\s+\*\/\n\s+BLOCK_DEVICE_MAPPING = "block_device_mapping"/,
    );
  });
});

function jsonSchemas(out: string): { path: string; schema: { $id: string } }[] {
  return vendors.flatMap((vendor) =>
    readdirSync(join(out, vendor, "schema")).map((name) => ({
      path: `${vendor}/schema/${name}`,
      schema: JSON.parse(readFileSync(join(out, vendor, "schema", name), "utf8")),
    })),
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
    expect(
      openstack({
        status: "ACTIVE",
        "OS-EXT-STS:vm_state": "active",
        "OS-EXT-STS:task_state": null,
        "OS-EXT-STS:power_state": 1,
        id: "x",
      }),
    ).toBe(true);
    expect(
      openstack({
        status: "SHUTOFF",
        "OS-EXT-STS:vm_state": "stopped",
        "OS-EXT-STS:task_state": "powering-on",
        "OS-EXT-STS:power_state": 4,
      }),
    ).toBe(true);
    expect(openstack({ status: "ACTIVE", "OS-EXT-STS:power_state": 2 })).toBe(false);
    expect(openstack({ status: "ACTIVE", "OS-EXT-STS:vm_state": "build" })).toBe(false);
    expect(openstack({ status: "active" })).toBe(false);
    expect(openstack({ "OS-EXT-STS:vm_state": "active" })).toBe(false);
    const rackspace = server("rackspace");
    expect(
      rackspace({
        status: "ACTIVE",
        "OS-EXT-STS:vm_state": "active",
        "OS-EXT-STS:task_state": "powering_off",
        "OS-EXT-STS:power_state": 1,
      }),
    ).toBe(true);
    expect(rackspace({ status: "ACTIVE", "OS-EXT-STS:task_state": "powering-off" })).toBe(false);
    const huawei = server("huawei-ecs");
    // Huawei documents no power states: any integer is accepted.
    expect(
      huawei({
        status: "BUILD",
        "OS-EXT-STS:vm_state": "building",
        "OS-EXT-STS:task_state": "scheduling",
        "OS-EXT-STS:power_state": 0,
      }),
    ).toBe(true);
    // SHELVED is inherited from openstack (Huawei's statusFromState("shelved", null) answers it); PASSWORD is not.
    expect(huawei({ status: "SHELVED" })).toBe(true);
    expect(huawei({ status: "HIBERNATED" })).toBe(false);
    // status must be the derived one for the pair.
    expect(openstack({ status: "SHUTOFF", "OS-EXT-STS:vm_state": "active" })).toBe(false);
    expect(openstack({ status: "SHUTOFF", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null })).toBe(
      false,
    );
    expect(openstack({ status: "REBOOT", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": "rebooting" })).toBe(
      true,
    );
    expect(openstack({ status: "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": "rebooting" })).toBe(
      false,
    );
    expect(rackspace({ status: "PAUSED", "OS-EXT-STS:vm_state": "paused", "OS-EXT-STS:task_state": "migrating" })).toBe(
      true,
    );
    expect(
      rackspace({ status: "MIGRATING", "OS-EXT-STS:vm_state": "paused", "OS-EXT-STS:task_state": "migrating" }),
    ).toBe(false);
  });

  it("gives each value its member name and no placeholder description", () => {
    let described = 0;
    for (const { path, schema } of jsonSchemas(enumOut)) {
      const withValues = schema as {
        enum?: unknown[];
        oneOf?: { const: unknown; title: string; description?: string }[];
      };
      if (!withValues.oneOf) continue;
      // One listing per value set: the oneOf branches, no enum beside them.
      expect(withValues.enum, path).toBeUndefined();
      for (const branch of withValues.oneOf) {
        expect(branch.title, path).toMatch(/^[A-Z_][A-Z0-9_]*$/);
        if (branch.description === undefined) continue;
        described++;
        expect(branch.description, path).not.toMatch(/no description/);
      }
    }
    expect(described).toBeGreaterThan(90);
    const status = JSON.parse(readFileSync(join(enumOut, "openstack", "schema", "status.schema.json"), "utf8")) as {
      oneOf: { const: string; title: string }[];
    };
    expect(status.oneOf.find((branch) => branch.const === "SOFT_DELETED")?.title).toBe("SOFT_DELETED");
    const vmState = JSON.parse(readFileSync(join(enumOut, "openstack", "schema", "vm-state.schema.json"), "utf8")) as {
      oneOf: { const: string; title: string }[];
    };
    expect(vmState.oneOf.find((branch) => branch.const === "soft-delete")?.title).toBe("SOFT_DELETE");
  });
});

describe("generated OpenAPI", () => {
  // One validator for the file: building one compiles the OpenAPI meta-schema, which takes longer than validating.
  const validator = new Validator();

  it.each(vendors)("%s/openapi.yaml is a valid OpenAPI 3.1 document", async (vendor) => {
    const document = parse(readFileSync(join(enumOut, vendor, "openapi.yaml"), "utf8"));
    const result = await validator.validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("the validator rejects a broken fragment, so the check above can fail", async () => {
    const document = parse(readFileSync(join(enumOut, "openstack", "openapi.yaml"), "utf8"));
    document.components.parameters.ServerStatusQuery.in = "nowhere";
    expect((await validator.validate(document)).valid).toBe(false);
  });

  it("documents enums in one convention and filters only statuses that select servers", () => {
    const document = parse(readFileSync(join(enumOut, "openstack", "openapi.yaml"), "utf8"));
    const vmState = document.components.schemas.VmState;
    expect(vmState["x-enum-varnames"]).toHaveLength(12);
    expect(vmState["x-enum-descriptions"][0]).toBe("VM is running");
    expect(vmState["x-enum-descriptions"][vmState.enum.indexOf("soft-delete")]).toBe(
      "VM is marked as deleted but the disk images are still available to restore.",
    );
    expect(vmState["x-enumDescriptions"]).toBeUndefined();
    const filter = document.components.schemas.ServerStatusFilter.anyOf as { title: string; examples: string[] }[];
    expect(filter.map((branch) => branch.examples[0])).not.toContain("UNKNOWN");
    expect(filter).toHaveLength(19);
    const huawei = parse(readFileSync(join(enumOut, "huawei-ecs", "openapi.yaml"), "utf8"));
    expect(huawei.components.schemas.TaskState["x-enum-descriptions"][0]).toMatch(
      /\n\nzh-CN: 实例处于创建中，正在进行调度。$/,
    );
  });
});

describe("generated Markdown", () => {
  it("passes markdownlint with the repository's config", () => {
    const files = [
      join(enumOut, "README.md"),
      join(enumOut, "conformance.md"),
      ...readdirSync(enumOut, { recursive: true, encoding: "utf8" })
        .filter((name) => /README.*\.md$/.test(name) && name.includes("/"))
        .map((name) => join(enumOut, name)),
    ];
    expect(files.length).toBe(6);
    const result = lint({ files, config: JSON.parse(readFileSync(".markdownlint.json", "utf8")) });
    expect(result.toString()).toBe("");
  });

  it("shows each vendor's differences from Nova on the conformance page", () => {
    const page = readFileSync(join(enumOut, "conformance.md"), "utf8");
    // Compared through rackspace's spelling of Nova's soft-delete.
    expect(page).toContain(
      "| `soft_deleted` (Nova: `soft-delete`) | any (every task state, and no task) | `DELETED` | `SOFT_DELETED` |",
    );
    expect(page).toContain("`powering_off` for `powering-off`");
  });

  it("lists rackspace's behaviour against Nova's, pair by pair, with the row that causes it", () => {
    const page = readFileSync(join(enumOut, "conformance.md"), "utf8");
    const rackspace = page.slice(page.indexOf("## rackspace"));
    const row = (vmState: string, task: string) =>
      rackspace.split("\n").find((line) => line.startsWith(`| \`${vmState}\` | `) && line.includes(`\`${task}\``));
    expect(row("paused", "migrating")).toBe(
      "| `paused` | `migrating` | `PAUSED` | `MIGRATING` | the `paused` row for any task state of `rackspace-extended-status` |",
    );
    expect(row("stopped", "resize_prep")).toMatch(
      /^\| `stopped` \| [^|]*`resize_prep`[^|]* \| `SHUTOFF` \| `RESIZE` \| the `stopped` row for any task state of `rackspace-extended-status` \|$/,
    );
    // huawei-ecs documents part of Nova's table and falls back for the rest: it behaves as Nova does.
    expect(page).toContain("## huawei-ecs");
    expect(page.slice(page.indexOf("## huawei-ecs"), page.indexOf("## rackspace"))).toContain(
      "Every pair derives the status Nova derives.",
    );
  });
});
