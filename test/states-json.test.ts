// out/<vendor>/states.json, the derivation as data: valid against the published states.schema.json (ajv strict), and a
// loader of a few lines of JavaScript over it answers every case (test/sdk-harness.ts) as the generated TypeScript
// module does, for the shipped vendors and for random specs (emitters run in-process: the emitter is pure).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { buildModel } from "../generator/compile/compile.js";
import { isGeneratedFile } from "../generator/emit/contract.js";
import { emitStates } from "../generator/emit/states.js";
import { emitTypeScript } from "../generator/emit/typescript.js";
import { exportModel } from "../generator/model/export.js";
import type { Model } from "../generator/model/model.js";
import { casesFor, typeScriptAnswers, type TypeScriptModule } from "./helpers/sdk.js";
import { validSpec, vendorChain, writeSpec } from "./helpers/random-specs.js";

const schema = JSON.parse(readFileSync("generator/emit/states.schema.json", "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

interface StateEntry {
  value: string | number;
  name: string;
  goName: string;
}
interface Answer {
  status: string;
  origin: { kind: string };
}
interface StatesJson {
  vendor: string;
  values: Record<"vmState" | "taskState" | "powerState" | "status", { values: StateEntry[] }>;
  derivation: {
    vmStates: { vmState: string; anyOtherTask: Answer; exceptions: (Answer & { taskState: string | null })[] }[];
    unknownVmState: Answer;
  };
  filters: { status: string; vmStates: string[]; taskStates: (string | null)[] | null }[];
}

/** Parses a states.json text and fails the test with ajv's errors when the schema does not accept it. */
function valid(text: string, where: string): StatesJson {
  const data = JSON.parse(text);
  expect(validate(data) ? [] : validate.errors, `${where} against states.schema.json`).toEqual([]);
  return data as StatesJson;
}

/** What a client in another language writes: the two lookups over the file, and its value lists. */
function loader(data: StatesJson): TypeScriptModule {
  const vmStates = new Map(data.derivation.vmStates.map((entry) => [entry.vmState, entry]));
  const filters = new Map(data.filters.map((filter) => [filter.status, filter]));
  const values = (kind: keyof StatesJson["values"]) => data.values[kind].values.map((entry) => entry.value);
  return {
    vmStates: values("vmState") as string[],
    taskStates: values("taskState") as string[],
    powerStates: values("powerState") as number[],
    serverStatuses: values("status") as string[],
    PowerState: Object.fromEntries(data.values.powerState.values.map((entry) => [entry.value, entry.name])),
    statusFromState(vmState, taskState) {
      const entry = vmState == null ? undefined : vmStates.get(vmState);
      if (entry === undefined) return data.derivation.unknownVmState.status;
      const task = taskState ?? null;
      return (entry.exceptions.find((exception) => exception.taskState === task) ?? entry.anyOtherTask).status;
    },
    statesForStatus(status) {
      const filter = filters.get(status.toLowerCase());
      if (filter === undefined) return undefined;
      return { vmStates: [...filter.vmStates], taskStates: filter.taskStates && [...filter.taskStates] };
    },
  };
}

/**
 * The generated module's enum members as [name, value], in order (a numeric enum's reverse entries left out); none
 * where the set is empty, which the module types as a plain string or number, without an enum.
 */
function enumMembers(enumObject: Record<string, string | number> | undefined): [string, string | number][] {
  return Object.entries(enumObject ?? {}).filter(([name]) => !/^\d+$/.test(name));
}

type GeneratedModule = TypeScriptModule & Record<"VmState" | "TaskState" | "PowerState" | "ServerStatus", object>;

/** The loader answers every case as the module does, and the file names every value as the module does. */
function sameAsModule(data: StatesJson, module: GeneratedModule, where: string): void {
  const cases = casesFor(module);
  expect(typeScriptAnswers(loader(data), cases), where).toEqual(typeScriptAnswers(module, cases));
  const named = (kind: keyof StatesJson["values"]) =>
    data.values[kind].values.map((entry): [string, string | number] => [entry.name, entry.value]);
  expect(named("vmState"), where).toEqual(enumMembers(module.VmState as Record<string, string>));
  expect(named("taskState"), where).toEqual(enumMembers(module.TaskState as Record<string, string>));
  expect(named("powerState"), where).toEqual(enumMembers(module.PowerState as Record<string, number>));
  expect(named("status"), where).toEqual(enumMembers(module.ServerStatus as Record<string, string>));
}

function filesNamed(root: string, name: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((path) => path.split(/[\\/]/).pop() === name)
    .map((path) => join(root, path));
}

const shipped = ["openstack", "rackspace", "huawei-ecs"];

describe("states.json", () => {
  it("every out/*/states.json and golden states.json is valid under ajv strict; the schema rejects a broken one", () => {
    const files = [...filesNamed("out", "states.json"), ...filesNamed("test/golden", "states.json")];
    expect(files.length).toBeGreaterThanOrEqual(shipped.length + 4);
    for (const file of files) valid(readFileSync(file, "utf8"), file);
    const data = JSON.parse(readFileSync("out/openstack/states.json", "utf8"));
    expect(validate({ ...data, schemaVersion: 2 })).toBe(false);
    expect(validate({ ...data, filters: [{ status: "active", vmStates: ["active"] }] })).toBe(false);
    const origin = data.derivation.unknownVmState.origin;
    expect(validate({ ...data, derivation: { ...data.derivation, unknownVmState: { status: "X", origin: {} } } })).toBe(
      false,
    );
    expect(origin).toEqual({ kind: "policy", status: "UNKNOWN" });
  });

  it("describes origins with the same schema as check's and diff's JSON", () => {
    for (const file of ["generator/check/check.schema.json", "generator/diff/diff.schema.json"]) {
      const other = JSON.parse(readFileSync(file, "utf8"));
      expect(schema.$defs.origin, file).toEqual(other.$defs.origin);
      expect(schema.$defs.taskState, file).toEqual(other.$defs.taskState);
    }
  });

  it("a loader of states.json answers every case as the shipped vendors' TypeScript modules do", async () => {
    for (const vendor of shipped) {
      const data = valid(readFileSync(`out/${vendor}/states.json`, "utf8"), vendor);
      const module = (await import(pathToFileURL(resolve("out", vendor, "index.ts")).href)) as GeneratedModule;
      sameAsModule(data, module, vendor);
      // The Go constants are the ones the Go package declares.
      const go = readFileSync(filesNamed(join("out", vendor, "go"), "states.go")[0], "utf8");
      for (const kind of ["vmState", "taskState", "powerState", "status"] as const)
        for (const entry of data.values[kind].values)
          expect(go, entry.goName).toMatch(new RegExp(`^\t${entry.goName} `, "m"));
    }
    // Not vacuous: openstack's file has exceptions, inherited answers exist in rackspace's.
    const openstack = JSON.parse(readFileSync("out/openstack/states.json", "utf8")) as StatesJson;
    expect(openstack.derivation.vmStates.some((entry) => entry.exceptions.length > 5)).toBe(true);
    expect(readFileSync("out/rackspace/states.json", "utf8")).toContain('"kind": "fallback"');
  });

  it("gives each answer the origin export gives it, the spec file named without its folder", async () => {
    const model = (await buildModel(["spec"])).model!;
    const exported = exportModel(model);
    for (const vendor of exported.vendors) {
      const data = JSON.parse(readFileSync(`out/${vendor.id}/states.json`, "utf8")) as StatesJson;
      const withoutFolders = JSON.parse(JSON.stringify(vendor.derivation).replace(/"file":"spec\//g, '"file":"'));
      expect(data.derivation.unknownVmState).toEqual(withoutFolders.unknown_vm_state);
      expect(
        data.derivation.vmStates.map((entry) => [entry.vmState, entry.anyOtherTask, entry.exceptions]),
        vendor.id,
      ).toEqual(
        withoutFolders.vm_states.map((entry: { vm_state: string; any_other: unknown; exceptions: object[] }) => [
          entry.vm_state,
          entry.any_other,
          entry.exceptions.map(({ task_state, ...rest }: { task_state?: string | null }) => ({
            taskState: task_state,
            ...rest,
          })),
        ]),
      );
    }
  });
});

/** states.json and the TypeScript module of every vendor of a spec folder, emitted in-process. */
async function emitted(folder: string, root: string): Promise<{ data: StatesJson; module: GeneratedModule }[]> {
  const model: Model = (await buildModel([folder])).model!;
  expect(model, folder).toBeDefined();
  const items = [...emitStates(model), ...emitTypeScript(model, { enumStyle: "enum" })];
  const files = new Map(items.filter(isGeneratedFile).map((file) => [file.path, file]));
  expect(files.size, `${folder}: files only, no diagnostic`).toBe(items.length);
  const out = mkdtempSync(join(root, "out-"));
  return Promise.all(
    model.vendors.map(async (vendor) => {
      const path = join(out, `${vendor.id}.ts`);
      writeFileSync(path, files.get(`${vendor.id}/index.ts`)!.contents);
      const module = (await import(pathToFileURL(path).href)) as GeneratedModule;
      return { data: valid(files.get(`${vendor.id}/states.json`)!.contents, vendor.id), module };
    }),
  );
}

describe("states.json of random specs", () => {
  it("a loader answers every case as the generated TypeScript does: one vendor with a fixed status", async () => {
    const root = mkdtempSync(join(tmpdir(), "statespec-states-"));
    let selecting = 0;
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        for (const { data, module } of await emitted(writeSpec(stringify(spec)), root)) {
          sameAsModule(data, module, stringify(spec));
          selecting += data.filters.length;
        }
      }),
      { numRuns: 12, seed: 20261123 },
    );
    expect(selecting).toBeGreaterThan(0);
  });

  it("a loader answers every case as the generated TypeScript does: fallback and extends chains", async () => {
    const root = mkdtempSync(join(tmpdir(), "statespec-states-chain-"));
    let inherited = 0;
    await fc.assert(
      fc.asyncProperty(vendorChain, async (documents) => {
        const folder = mkdtempSync(join(root, "spec-"));
        for (const document of documents) writeFileSync(join(folder, `${document.id}.yaml`), stringify(document));
        for (const { data, module } of await emitted(folder, root)) {
          sameAsModule(data, module, `${folder} ${data.vendor}`);
          inherited += JSON.stringify(data.derivation).split('"kind":"fallback"').length - 1;
        }
      }),
      { numRuns: 5, seed: 20261125 },
    );
    // The runs reach inherited answers, whose origins pass through a fallback.
    expect(inherited).toBeGreaterThan(0);
  });
});
