// The Python and Go packages of out/, run in their own languages on the cases the TypeScript module is tested with
// (test/derivation.test.ts holds that module against Nova's rules), plus gofmt and go vet. pyright --strict over
// these packages and a user's code against one: test/python-tools.test.ts, in its one pyright run.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as openstack from "../out/openstack/index.js";
import * as huawei from "../out/huawei-ecs/index.js";
import * as rackspace from "../out/rackspace/index.js";
import { loadConfig } from "../generator/config/config.js";
import { runCliIn } from "./helpers/cli.js";
import {
  casesFor,
  findTool,
  goAnswers,
  pythonAnswers,
  pythonPackageFolder,
  typeScriptAnswers,
  type Answers,
  type TypeScriptModule,
} from "./helpers/sdk.js";

const targets = [
  { folder: "out/openstack", module: openstack as unknown as TypeScriptModule },
  { folder: "out/huawei-ecs", module: huawei as unknown as TypeScriptModule },
  { folder: "out/rackspace", module: rackspace as unknown as TypeScriptModule },
].map((target) => ({ ...target, cases: casesFor(target.module) }));
const expected = targets.map((target) => typeScriptAnswers(target.module, target.cases));

function settled<T>(promise: Promise<T>): Promise<T> {
  // Marked handled at once: a failure is reported by the test that awaits it, not as an unhandled rejection.
  promise.catch(() => undefined);
  return promise;
}

const pythonMissing = findTool("python3", ["--version"]);
const goMissing = findTool("go", ["version"]) ?? findTool("gofmt", ["-l"], "package p\n");
let python: ReturnType<typeof pythonAnswers>;
let go: ReturnType<typeof goAnswers>;

beforeAll(() => {
  // Both at once: they are separate processes.
  if (!pythonMissing) python = settled(pythonAnswers(targets));
  if (!goMissing)
    go = settled(
      goAnswers(targets.map((target) => ({ ...target, server: JSON.stringify(sampleServer(target.module)) }))),
    );
});

/** A response's state fields with the vendor's first values, a null task and its first power state. */
function sampleServer(module: TypeScriptModule): Record<string, unknown> {
  return {
    status: module.statusFromState(module.vmStates[0], null),
    "OS-EXT-STS:vm_state": module.vmStates[0],
    "OS-EXT-STS:task_state": null,
    "OS-EXT-STS:power_state": module.powerStates[0] ?? null,
  };
}

function comparable(answers: Answers): Answers {
  const { pairs, filters, vmStates, taskStates, powerStates, serverStatuses } = answers;
  return { pairs, filters, vmStates, taskStates, powerStates, serverStatuses };
}

describe("the cases", () => {
  it("cover every openstack vm_state x (every task state, null, misspelt ones), unknown vm_states and every status", () => {
    const cases = targets[0].cases;
    const known = cases.pairs.filter(
      ([vmState]) => vmState !== null && openstack.vmStates.includes(vmState as openstack.VmState),
    );
    expect(known).toHaveLength(12 * 48);
    expect(cases.pairs.filter(([vmState]) => vmState === null)).toHaveLength(48);
    for (const status of openstack.serverStatuses)
      expect(cases.statuses).toEqual(expect.arrayContaining([status, status.toLowerCase()]));
    // Not vacuous: the cases reach many statuses, filters that select something and filters that do not.
    expect(new Set(expected[0].pairs).size).toBe(20);
    expect(expected[0].filters.filter((filter) => filter === null).length).toBeGreaterThan(10);
    expect(expected[0].filters.filter((filter) => filter?.taskStates === null).length).toBeGreaterThan(10);
  });
});

describe("Python packages", () => {
  it("answer every case as the TypeScript module does (python3)", async (context) => {
    if (pythonMissing) return context.skip(pythonMissing);
    const answers = await python;
    targets.forEach((target, index) => {
      expect(comparable(answers[index]), target.folder).toEqual(expected[index]);
      expect(answers[index].unknown).toBe(target.module.statusFromState("no such vm_state", null));
      expect(answers[index].required).toEqual(["status"]);
      expect(answers[index].optional).toEqual([
        "OS-EXT-STS:power_state",
        "OS-EXT-STS:task_state",
        "OS-EXT-STS:vm_state",
      ]);
    });
  });

  it("ship py.typed", () => {
    for (const target of targets) expect(existsSync(join(pythonPackageFolder(target.folder), "py.typed"))).toBe(true);
  });
});

describe("Go packages", () => {
  it("are gofmt-clean, pass go vet, and answer every case as the TypeScript module does (go test)", async (context) => {
    if (goMissing) return context.skip(goMissing);
    const { answers, gofmt, vet } = await go;
    expect(gofmt).toBe("");
    expect(vet).toEqual({ code: 0, output: "" });
    targets.forEach((target, index) => {
      const { undocumented, server, serverStatus, ...rest } = answers[index];
      expect(comparable(rest as Answers), target.folder).toEqual(expected[index]);
      expect(undocumented).toBe("PowerState(65536)");
      // The struct's JSON tags: a response's state fields survive a round trip, a null task stays null.
      const sample = sampleServer(target.module);
      expect(JSON.parse(server)).toEqual(sample);
      expect(serverStatus).toBe(sample.status);
    });
  });
});

describe("python and go are opt-in", () => {
  it("a config without artifacts chooses neither; naming them generates them", async () => {
    const project = mkdtempSync(join(tmpdir(), "statespec-optin-"));
    writeFileSync(join(project, "statespec.config.yaml"), "specs: [statespec:builtin]\nvendors: [openstack]\n");
    expect((await loadConfig(project)).config?.artifacts).toEqual([
      "typescript",
      "json-schema",
      "openapi",
      "markdown",
      "states",
    ]);
    writeFileSync(
      join(project, "statespec.config.yaml"),
      "specs: [statespec:builtin]\nvendors: [openstack]\nartifacts: [python, go]\n",
    );
    expect((await runCliIn(project, ["generate"])).code).toBe(0);
    expect(existsSync(join(project, "out", "openstack", "python", "openstack_states", "__init__.py"))).toBe(true);
    expect(existsSync(join(project, "out", "openstack", "python", "openstack_states", "py.typed"))).toBe(true);
    expect(existsSync(join(project, "out", "openstack", "go", "openstackstates", "states.go"))).toBe(true);
    expect(existsSync(join(project, "out", "openstack", "index.ts"))).toBe(false);
  });
});
