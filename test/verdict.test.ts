// One payload, one verdict (README, "Missing data: one rule"). A table of edge payloads (absent keys, null, empty
// strings, unknown values, wrong case, wrong types) goes through `check` (in-process, runCliIn, once per vendor),
// the generated server.schema.json under ajv, the built TypeScript module, the model's answerFor, a loader of
// the generated states.json, and the generated Python, Go and Java (one process each for all vendors); every one
// must give every payload the same verdict.
// Run `npm run build` first: the TypeScript modules are the built ones. `check`'s verdict is what it prints: the CLI
// runs in-process, in this folder (runCliIn to the working folder it already has, so nothing here moves).
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "../generator/compile/compile.js";
import { answerFor } from "../generator/model/derive.js";
import type { Vendor } from "../generator/model/model.js";
import { checkJson } from "./helpers/check-schema.js";
import { runCliIn } from "./helpers/cli.js";
import { findTool, goEnvironment, pythonPackageFolder, run } from "./helpers/sdk.js";
import { javaVerdicts } from "./helpers/java-harness.js";

type Verdict = "consistent" | "contradiction" | "invalid" | "not checked";
type Payload = Record<string, unknown>;

const S = "status";
const V = "OS-EXT-STS:vm_state";
const T = "OS-EXT-STS:task_state";
const P = "OS-EXT-STS:power_state";

// What each row shows, the payload, and openstack's verdict by the rule (written out here, not computed).
const table: [string, Payload, Verdict][] = [
  ["the issue's response: no task_state key is no task", { [S]: "SHUTOFF", [V]: "active" }, "contradiction"],
  ["no task_state key, status as derived", { [S]: "ACTIVE", [V]: "active" }, "consistent"],
  ["null task_state", { [S]: "ACTIVE", [V]: "active", [T]: null, [P]: 1 }, "consistent"],
  ["null task_state, wrong status", { [S]: "SHUTOFF", [V]: "active", [T]: null }, "contradiction"],
  ["stopped, no task_state key", { [S]: "SHUTOFF", [V]: "stopped" }, "consistent"],
  ["a task state with its own row", { [S]: "REBOOT", [V]: "active", [T]: "rebooting" }, "consistent"],
  [
    "a task state with its own row, the default status",
    { [S]: "ACTIVE", [V]: "active", [T]: "rebooting" },
    "contradiction",
  ],
  [
    "a task state without a row gives the default",
    { [S]: "SHUTOFF", [V]: "stopped", [T]: "powering-on" },
    "consistent",
  ],
  ["paused + migrating", { [S]: "MIGRATING", [V]: "paused", [T]: "migrating", [P]: 3 }, "consistent"],
  ["null power_state", { [S]: "ACTIVE", [V]: "active", [T]: null, [P]: null }, "consistent"],
  ["null vm_state derives UNKNOWN", { [S]: "UNKNOWN", [V]: null, [T]: null }, "consistent"],
  ["null vm_state, no task_state key", { [S]: "UNKNOWN", [V]: null }, "consistent"],
  ["null vm_state, whatever the task", { [S]: "UNKNOWN", [V]: null, [T]: "rebooting" }, "consistent"],
  ["null vm_state, status ACTIVE", { [S]: "ACTIVE", [V]: null, [T]: null }, "contradiction"],
  ["null vm_state, status SHUTOFF", { [S]: "SHUTOFF", [V]: null, [T]: null, [P]: 4 }, "contradiction"],
  ["status alone", { [S]: "ACTIVE" }, "not checked"],
  ["Nova's down-cell view: UNKNOWN without OS-EXT-STS", { [S]: "UNKNOWN" }, "not checked"],
  ["task_state without vm_state", { [S]: "ACTIVE", [T]: null }, "not checked"],
  ["a task and a power state without vm_state", { [S]: "REBOOT", [T]: "rebooting", [P]: 1 }, "not checked"],
  ["an unknown status alone", { [S]: "RUNNING" }, "invalid"],
  ["empty task_state is a value, not null", { [S]: "ACTIVE", [V]: "active", [T]: "" }, "invalid"],
  ["empty vm_state is a value, not null", { [S]: "UNKNOWN", [V]: "", [T]: null }, "invalid"],
  ["empty status", { [S]: "", [V]: "active", [T]: null }, "invalid"],
  ["lower-case status", { [S]: "active", [V]: "active", [T]: null }, "invalid"],
  ["lower-case status alone", { [S]: "Active" }, "invalid"],
  ["upper-case vm_state", { [S]: "ACTIVE", [V]: "ACTIVE", [T]: null }, "invalid"],
  ["upper-case task_state", { [S]: "REBOOT", [V]: "active", [T]: "REBOOTING" }, "invalid"],
  ["an unknown vm_state", { [S]: "ACTIVE", [V]: "running", [T]: null }, "invalid"],
  ["an unknown vm_state, status as Nova would derive it", { [S]: "UNKNOWN", [V]: "running", [T]: null }, "invalid"],
  ["another vendor's spelling of a task state", { [S]: "ACTIVE", [V]: "active", [T]: "powering_off" }, "invalid"],
  ["another vendor's spelling of a vm_state", { [S]: "SOFT_DELETED", [V]: "soft_deleted", [T]: null }, "invalid"],
  ["a prototype name as vm_state", { [S]: "ACTIVE", [V]: "__proto__", [T]: null }, "invalid"],
  ["no status", { [V]: "active", [T]: null }, "invalid"],
  ["null status", { [S]: null, [V]: "active", [T]: null }, "invalid"],
  ["a number as vm_state", { [S]: "ACTIVE", [V]: 5, [T]: null }, "invalid"],
  ["a boolean as task_state", { [S]: "ACTIVE", [V]: "active", [T]: false }, "invalid"],
];
const payloads = table.map(([, payload]) => payload);

type Kind = "status" | "vm_state" | "task_state";

/** What a client needs for the rule: is a string one of the vendor's values, and the status of a pair. */
interface Lookups {
  known(kind: Kind, value: string): boolean;
  derive(vmState: string | null, taskState: string | null | undefined): string;
}

/** The rule as a client applies it with a vendor's generated lookups (Python and Go apply it alike, below). */
function verdictOf(payload: Payload, look: Lookups): Verdict {
  const has = (key: string) => Object.hasOwn(payload, key);
  const status = payload[S];
  if (typeof status !== "string" || !look.known("status", status)) return "invalid";
  for (const [key, kind] of [
    [V, "vm_state"],
    [T, "task_state"],
  ] as const) {
    const value = payload[key];
    if (has(key) && value !== null && (typeof value !== "string" || !look.known(kind, value))) return "invalid";
  }
  if (!has(V)) return "not checked";
  // An absent task_state is passed as undefined: statusFromState must read it as no task.
  const derived = look.derive(payload[V] as string | null, payload[T] as string | null | undefined);
  return derived === status ? "consistent" : "contradiction";
}

/** check's verdict on one server from the codes of its findings. */
function checkVerdict(codes: string[]): Verdict | string {
  if (codes.includes("status-mismatch")) return "contradiction";
  if (
    codes.some((code) =>
      ["unknown-vm-state", "unknown-task-state", "unknown-status", "wrong-type", "missing-field"].includes(code),
    )
  )
    return "invalid";
  if (codes.length === 0) return "consistent";
  return codes.every((code) => code === "missing-extended-status")
    ? "not checked"
    : `unexpected findings ${codes.join(", ")}`;
}

/** check's summary verdict word for the same four outcomes. */
const summaryWords: Record<string, Verdict> = {
  consistent: "consistent",
  contradiction: "contradiction",
  "unknown value": "invalid",
  "not checked": "not checked",
};

/** How check's summary shows a field: "(absent)", "null", the string, or the JSON of anything else. */
function shown(payload: Payload, key: string): string {
  if (!Object.hasOwn(payload, key)) return "(absent)";
  const value = payload[key];
  return value === null ? "null" : typeof value === "string" ? value : JSON.stringify(value);
}

const vendorIds = ["openstack", "rackspace", "huawei-ecs"];

const pythonScript = `
import importlib.util, json, sys

def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

def verdicts(module, payloads):
    values = {
        "status": {member.value for member in module.ServerStatus},
        "vm_state": {member.value for member in module.VmState},
        "task_state": {member.value for member in module.TaskState},
    }
    def verdict(server):
        status = server.get("status")
        if not isinstance(status, str) or status not in values["status"]:
            return "invalid"
        for key, kind in (("OS-EXT-STS:vm_state", "vm_state"), ("OS-EXT-STS:task_state", "task_state")):
            value = server.get(key)
            if value is not None and (not isinstance(value, str) or value not in values[kind]):
                return "invalid"
        if "OS-EXT-STS:vm_state" not in server:
            return "not checked"
        # .get: a missing task_state reaches status_from_state as None, as it reaches any client.
        derived = module.status_from_state(server["OS-EXT-STS:vm_state"], server.get("OS-EXT-STS:task_state"))
        return "consistent" if derived.value == status else "contradiction"
    return [verdict(server) for server in payloads]

request = json.load(sys.stdin)
json.dump([verdicts(load("vendor%d" % index, path), request["payloads"]) for index, path in enumerate(request["modules"])], sys.stdout)
`;

/** The Go test: each payload decoded as a client that keeps key presence does, then the vendor's lookups. */
function goTest(packages: { alias: string; importPath: string }[]): string {
  const lookups = packages.map(
    ({ alias }, index) => `
func lookups${index}() lookups {
\treturn lookups{
\t\tknown: func(kind, value string) bool {
\t\t\tvalues := []string{}
\t\t\tswitch kind {
\t\t\tcase "status":
\t\t\t\tfor _, member := range ${alias}.ServerStatuses() {
\t\t\t\t\tvalues = append(values, string(member))
\t\t\t\t}
\t\t\tcase "vm_state":
\t\t\t\tfor _, member := range ${alias}.VMStates() {
\t\t\t\t\tvalues = append(values, string(member))
\t\t\t\t}
\t\t\tcase "task_state":
\t\t\t\tfor _, member := range ${alias}.TaskStates() {
\t\t\t\t\tvalues = append(values, string(member))
\t\t\t\t}
\t\t\t}
\t\t\tfor _, known := range values {
\t\t\t\tif known == value {
\t\t\t\t\treturn true
\t\t\t\t}
\t\t\t}
\t\t\treturn false
\t\t},
\t\tderive: func(vmState string, taskState *string) string {
\t\t\tvar task *${alias}.TaskState
\t\t\tif taskState != nil {
\t\t\t\tvalue := ${alias}.TaskState(*taskState)
\t\t\t\ttask = &value
\t\t\t}
\t\t\treturn string(${alias}.StatusFromState(${alias}.VMState(vmState), task))
\t\t},
\t}
}
`,
  );
  return `package verdict

import (
\t"bytes"
\t"encoding/json"
\t"os"
\t"testing"

${packages.map(({ alias, importPath }) => `\t${alias} "${importPath}"`).join("\n")}
)

type lookups struct {
\tknown  func(kind, value string) bool
\tderive func(vmState string, taskState *string) string
}

// field reads one key: whether it is there, whether it is null, and its string value when it is a string.
func field(server map[string]json.RawMessage, key string) (present, null, isString bool, text string) {
\traw, present := server[key]
\tif !present {
\t\treturn false, false, false, ""
\t}
\tif bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
\t\treturn true, true, false, ""
\t}
\tisString = json.Unmarshal(raw, &text) == nil
\treturn true, false, isString, text
}

func verdict(server map[string]json.RawMessage, look lookups) string {
\tif _, null, isString, status := field(server, "status"); null || !isString || !look.known("status", status) {
\t\treturn "invalid"
\t}
\tfor _, kind := range []string{"vm_state", "task_state"} {
\t\tpresent, null, isString, value := field(server, "OS-EXT-STS:"+kind)
\t\tif present && !null && (!isString || !look.known(kind, value)) {
\t\t\treturn "invalid"
\t\t}
\t}
\tvmPresent, _, _, vmState := field(server, "OS-EXT-STS:vm_state")
\tif !vmPresent {
\t\treturn "not checked"
\t}
\t// A null vm_state reaches StatusFromState as the empty VMState, as encoding/json decodes it.
\tvar taskState *string
\tif _, null, _, value := field(server, "OS-EXT-STS:task_state"); !null {
\t\tif _, present := server["OS-EXT-STS:task_state"]; present {
\t\t\ttaskState = &value
\t\t}
\t}
\t_, _, _, status := field(server, "status")
\tif look.derive(vmState, taskState) == status {
\t\treturn "consistent"
\t}
\treturn "contradiction"
}
${lookups.join("")}
func TestVerdicts(t *testing.T) {
\tvar servers []map[string]json.RawMessage
\tinput, err := os.ReadFile("payloads.json")
\tif err != nil {
\t\tt.Fatal(err)
\t}
\tif err := json.Unmarshal(input, &servers); err != nil {
\t\tt.Fatal(err)
\t}
\tresults := [][]string{}
\tfor _, look := range []lookups{${packages.map((_, index) => `lookups${index}()`).join(", ")}} {
\t\tverdicts := []string{}
\t\tfor _, server := range servers {
\t\t\tverdicts = append(verdicts, verdict(server, look))
\t\t}
\t\tresults = append(results, verdicts)
\t}
\toutput, err := json.Marshal(results)
\tif err != nil {
\t\tt.Fatal(err)
\t}
\tif err := os.WriteFile("verdicts.json", output, 0o644); err != nil {
\t\tt.Fatal(err)
\t}
}
`;
}

async function goVerdicts(): Promise<string[][]> {
  const module = mkdtempSync(join(tmpdir(), "statespec-verdict-go-"));
  writeFileSync(join(module, "go.mod"), "module statespec.test/verdict\n\ngo 1.19\n");
  const packages = vendorIds.map((id, index) => {
    const [name] = readdirSync(join("out", id, "go"));
    // The package's sources only: its own go.mod would make the copy a separate module, out of this one's reach.
    cpSync(join("out", id, "go", name), join(module, `p${index}`, name), {
      recursive: true,
      filter: (source) => !source.endsWith("go.mod"),
    });
    return { alias: `v${index}`, importPath: `statespec.test/verdict/p${index}/${name}` };
  });
  writeFileSync(join(module, "verdict_test.go"), goTest(packages));
  writeFileSync(join(module, "payloads.json"), JSON.stringify(payloads));
  // -vet=off: the packages are out/'s, which test/sdk.test.ts and test/go-tools.test.ts vet; the rest is this test's.
  const test = await run("go", ["test", "-count=1", "-vet=off", "."], { cwd: module, env: goEnvironment() });
  if (test.code !== 0) throw new Error(`go test failed:\n${test.stdout}${test.stderr}`);
  return JSON.parse(readFileSync(join(module, "verdicts.json"), "utf8")) as string[][];
}

async function pythonVerdicts(): Promise<string[][]> {
  const modules = vendorIds.map((id) => resolve(pythonPackageFolder(join("out", id)), "__init__.py"));
  // -B: importing the checkout's out/ packages must not write __pycache__ into out/, which other test files (in
  // other workers, at the same time) compare byte for byte with what the generator writes.
  const result = await run("python3", ["-B", "-c", pythonScript], { input: JSON.stringify({ modules, payloads }) });
  if (result.code !== 0) throw new Error(`python3 failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as string[][];
}

interface CheckReport {
  findings: { code: string; server?: { index: number } }[];
  summary: { triples: { vmState: string; taskState: string; status: string; verdict: string }[] };
}

interface BuiltModule {
  isServerStatus(value: unknown): boolean;
  isVmState(value: unknown): boolean;
  isTaskState(value: unknown): boolean;
  statusFromState(vmState: string | null | undefined, taskState: string | null | undefined): string;
}

function settled<T>(promise: Promise<T>): Promise<T> {
  // Marked handled at once: a failure is reported by the test that awaits it, not as an unhandled rejection.
  promise.catch(() => undefined);
  return promise;
}

const pythonMissing = findTool("python3", ["--version"]);
const goMissing = findTool("go", ["version"]);
const javaMissing = findTool("javac", ["-version"]) ?? findTool("java", ["-version"]);
const input = join(mkdtempSync(join(tmpdir(), "statespec-verdict-")), "servers.json");
writeFileSync(input, `${JSON.stringify({ servers: payloads }, null, 1)}\n`);
let checks: Promise<CheckReport[]>;
let python: Promise<string[][]>;
let go: Promise<string[][]>;
let java: Promise<string[][]>;
let vendors: Vendor[];
let modules: BuiltModule[];

beforeAll(async () => {
  // At once: the check of each vendor (in-process, one at a time), one python3 and one go test.
  checks = settled(
    Promise.all(
      vendorIds.map(async (id) => {
        const result = await runCliIn(process.cwd(), ["check", "--vendor", id, "--format", "json", input]);
        if (result.stderr !== "" || result.code > 1)
          throw new Error(`check --vendor ${id} exited ${result.code}:\n${result.stderr}`);
        return checkJson(result.stdout) as CheckReport;
      }),
    ),
  );
  if (!pythonMissing) python = settled(pythonVerdicts());
  if (!goMissing) go = settled(goVerdicts());
  if (!javaMissing)
    java = settled(
      javaVerdicts(
        vendorIds.map((id) => join("out", id)),
        payloads,
        [S, V, T],
      ),
    );
  const built = await buildModel(["spec"]);
  if (!built.model) throw new Error("the shipped spec does not build");
  vendors = vendorIds.map((id) => built.model!.vendors.find((vendor) => vendor.id === id)!);
  modules = await Promise.all(
    vendorIds.map(
      async (id) => (await import(pathToFileURL(resolve("dist", "out", id, "index.js")).href)) as BuiltModule,
    ),
  );
});

/** The verdicts of the built TypeScript module of each vendor: the answer every other tool must give. */
function typeScriptVerdicts(): Verdict[][] {
  return modules.map((module) =>
    payloads.map((payload) =>
      verdictOf(payload, {
        known: (kind, value) =>
          kind === "status"
            ? module.isServerStatus(value)
            : kind === "vm_state"
              ? module.isVmState(value)
              : module.isTaskState(value),
        derive: (vmState, taskState) => module.statusFromState(vmState, taskState),
      }),
    ),
  );
}

/** Each payload with its verdict, for failures that name the row. */
function labelled(verdicts: readonly string[]): string[] {
  return verdicts.map((verdict, index) => `${table[index][0]}: ${verdict}`);
}

describe("one payload, one verdict", () => {
  it("the built TypeScript module gives openstack's verdicts as the rule writes them", () => {
    expect(labelled(typeScriptVerdicts()[0])).toEqual(labelled(table.map(([, , verdict]) => verdict)));
  });

  it("the table reaches every verdict for every vendor, so agreement is not vacuous", () => {
    for (const verdicts of typeScriptVerdicts())
      expect(new Set(verdicts)).toEqual(new Set(["consistent", "contradiction", "invalid", "not checked"]));
  });

  it("answerFor over the resolved model agrees", () => {
    const expected = typeScriptVerdicts();
    vendors.forEach((vendor, index) => {
      const verdicts = payloads.map((payload) =>
        verdictOf(payload, {
          known: (kind, value) => vendor.states[kind].some((entry) => String(entry.value) === value),
          derive: (vmState, taskState) => answerFor(vendor.derivation, vmState, taskState).status,
        }),
      );
      expect(labelled(verdicts), vendor.id).toEqual(labelled(expected[index]));
    });
  });

  it("a loader of out/<vendor>/states.json agrees, following the rules the file states", () => {
    const expected = typeScriptVerdicts();
    vendorIds.forEach((id, index) => {
      const states = JSON.parse(readFileSync(join("out", id, "states.json"), "utf8"));
      const { derivation } = states;
      expect(derivation).toMatchObject({
        taskStateNullOrAbsent: "no-task",
        vmStateNull: "unknown-vm-state",
        vmStateAbsent: "no-pair",
      });
      const keys: Record<Kind, string> = { status: "status", vm_state: "vmState", task_state: "taskState" };
      type Answer = { status: string };
      type Entry = { vmState: string; anyOtherTask: Answer; exceptions: (Answer & { taskState: string | null })[] };
      const verdicts = payloads.map((payload) =>
        verdictOf(payload, {
          known: (kind, value) =>
            states.values[keys[kind]].values.some((entry: { value: unknown }) => entry.value === value),
          derive: (vmState, taskState) => {
            const entry = (derivation.vmStates as Entry[]).find((candidate) => candidate.vmState === vmState);
            if (entry === undefined) return derivation.unknownVmState.status;
            const task = taskState ?? null;
            return (entry.exceptions.find((exception) => exception.taskState === task) ?? entry.anyOtherTask).status;
          },
        }),
      );
      expect(labelled(verdicts), id).toEqual(labelled(expected[index]));
    });
  });

  it("server.schema.json (ajv, 2020-12) accepts exactly the consistent and the not checked", () => {
    const expected = typeScriptVerdicts();
    vendorIds.forEach((id, index) => {
      const schema = JSON.parse(readFileSync(join("out", id, "schema", "server.schema.json"), "utf8")) as object;
      const validate = new Ajv2020({ strict: true }).compile(schema);
      const accepted = payloads.map((payload) => (validate(payload) ? "accepted" : "rejected"));
      const wanted = expected[index].map((verdict) =>
        verdict === "consistent" || verdict === "not checked" ? "accepted" : "rejected",
      );
      expect(labelled(accepted), id).toEqual(labelled(wanted));
    });
  });

  it("statespec check (built CLI) gives each server the same verdict, in its findings and its summary", async () => {
    const expected = typeScriptVerdicts();
    const reports = await checks;
    vendorIds.forEach((id, index) => {
      const codes = payloads.map((): string[] => []);
      for (const found of reports[index].findings) codes[found.server!.index - 1].push(found.code);
      expect(labelled(codes.map(checkVerdict)), id).toEqual(labelled(expected[index]));
      const summary = payloads.map((payload) => {
        const triple = reports[index].summary.triples.find(
          (seen) =>
            seen.vmState === shown(payload, V) &&
            seen.taskState === shown(payload, T) &&
            seen.status === shown(payload, S),
        );
        return triple === undefined ? "no triple" : (summaryWords[triple.verdict] ?? triple.verdict);
      });
      expect(labelled(summary), `${id} summary`).toEqual(labelled(expected[index]));
    });
  });

  it("the generated Python gives the same verdicts (python3)", async (context) => {
    if (pythonMissing) return context.skip(pythonMissing);
    const expected = typeScriptVerdicts();
    const answers = await python;
    vendorIds.forEach((id, index) => expect(labelled(answers[index]), id).toEqual(labelled(expected[index])));
  });

  it("the generated Go gives the same verdicts (go test)", async (context) => {
    if (goMissing) return context.skip(goMissing);
    const expected = typeScriptVerdicts();
    const answers = await go;
    vendorIds.forEach((id, index) => expect(labelled(answers[index]), id).toEqual(labelled(expected[index])));
  });

  it("the generated Java gives the same verdicts (fromValue, statusFromState)", async (context) => {
    if (javaMissing) return context.skip(javaMissing);
    const expected = typeScriptVerdicts();
    const answers = await java;
    vendorIds.forEach((id, index) => expect(labelled(answers[index]), id).toEqual(labelled(expected[index])));
  }, 300_000);
});
