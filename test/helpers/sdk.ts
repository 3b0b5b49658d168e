// Runs generated Python and Go packages in their own languages, in batches (one python3 process, one pyright run,
// one `go vet` and one `go test` for any number of vendors), and gives the answers of the generated TypeScript
// module for the same cases, so tests compare the languages case by case.
import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";

/** The generated TypeScript module of a vendor, as far as the comparison needs it. */
export interface TypeScriptModule {
  vmStates: readonly string[];
  taskStates: readonly string[];
  powerStates: readonly number[];
  serverStatuses: readonly string[];
  PowerState: Record<number, string>;
  statusFromState(vmState: string | null | undefined, taskState: string | null | undefined): string;
  statesForStatus(status: string): { vmStates: string[]; taskStates: (string | null)[] | null } | undefined;
}

/** A generated vendor: its folder under an output folder, and its TypeScript module. */
export interface Target {
  /** out/<vendor> */
  folder: string;
  module: TypeScriptModule;
}

export interface Cases {
  pairs: [string | null, string | null][];
  statuses: string[];
}

type Filter = { vmStates: string[]; taskStates: (string | null)[] | null } | null;

/** What every language must answer alike. */
export interface Answers {
  pairs: string[];
  filters: Filter[];
  vmStates: string[];
  taskStates: string[];
  powerStates: [string, number][];
  serverStatuses: string[];
}

/**
 * The cases of test/derivation.test.ts for any vendor: every vm_state and a few it does not know (Nova's spelling
 * of another vendor's, upper case, empty, prototype names, null) x every task state, null and misspelt ones;
 * every status as written and lower-cased, and strings that must select nothing (İ lower-cases to i + U+0307).
 */
export function casesFor(module: TypeScriptModule): Cases {
  const vmStates = [...module.vmStates, "build", "ACTIVE", "soft_deleted", "", "__proto__", "constructor", null];
  const taskStates = [...module.taskStates, null, "rebootin", "powering_off", "REBOOTING", "default", "*"];
  const probes = module.serverStatuses.flatMap((status) => [
    status,
    status.toLowerCase(),
    status.charAt(0) + status.slice(1).toLowerCase(),
    ...(status.includes("I") ? [status.replace("I", "\u0130")] : []),
    ...(status.includes("K") ? [status.replace("K", "\u212a")] : []),
  ]);
  const statuses = [
    ...probes,
    "SHUTDOWN",
    "CONFIRMING_RESIZE",
    "",
    "active ",
    "__proto__",
    "\u017fhutoff",
    "act\u0131ve",
    "ACT\u0130VE",
  ];
  return {
    pairs: vmStates.flatMap((vmState) =>
      taskStates.map((taskState) => [vmState, taskState] as [string | null, string | null]),
    ),
    statuses,
  };
}

export function typeScriptAnswers(module: TypeScriptModule, cases: Cases): Answers {
  return {
    pairs: cases.pairs.map(([vmState, taskState]) => module.statusFromState(vmState, taskState)),
    filters: cases.statuses.map((status) => module.statesForStatus(status) ?? null),
    vmStates: [...module.vmStates],
    taskStates: [...module.taskStates],
    powerStates: module.powerStates.map((value) => [module.PowerState[value], value]),
    serverStatuses: [...module.serverStatuses],
  };
}

/** A tool's command, or why the test cannot run: skipped, unless STATESPEC_REQUIRE_TOOLS=1 makes it a failure. */
export function findTool(command: string, args: string[], input = ""): string | undefined {
  const probe = spawnSync(command, args, { encoding: "utf8", input });
  if (probe.error === undefined && probe.status === 0) return undefined;
  const reason = `${command} is not installed (${probe.error?.message ?? probe.stderr.trim()})`;
  if (process.env.STATESPEC_REQUIRE_TOOLS === "1") throw new Error(reason);
  return reason;
}

export function run(
  command: string,
  args: string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(
      command,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

const pythonScript = `
import importlib, importlib.util, json, sys

def load(name, target):
    if "module" in target:
        return importlib.import_module(target["module"])
    spec = importlib.util.spec_from_file_location(name, target["init"])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

def answers(module, cases):
    def status(vm_state, task_state):
        answer = module.status_from_state(vm_state, task_state)
        assert isinstance(answer, module.ServerStatus), answer
        # The enums are str: a member must give the same answer as its value.
        if vm_state in module.VmState._value2member_map_ and task_state in module.TaskState._value2member_map_:
            assert module.status_from_state(module.VmState(vm_state), module.TaskState(task_state)) is answer
        return answer.value
    def selected(status):
        found = module.states_for_status(status)
        if found is None:
            return None
        return {"vmStates": [v.value for v in found.vm_states], "taskStates": None if found.task_states is None else [None if t is None else t.value for t in found.task_states]}
    return {
        "pairs": [status(vm_state, task_state) for vm_state, task_state in cases["pairs"]],
        "filters": [selected(status) for status in cases["statuses"]],
        "vmStates": [member.value for member in module.VmState],
        "taskStates": [member.value for member in module.TaskState],
        "powerStates": [[member.name, member.value] for member in module.PowerState],
        "serverStatuses": [member.value for member in module.ServerStatus],
        "unknown": module.UNKNOWN_STATUS.value,
        "required": sorted(module.ServerState.__required_keys__),
        "optional": sorted(module.ServerState.__optional_keys__),
    }

request = json.load(sys.stdin)
results = [answers(load("vendor%d" % index, target), target["cases"]) for index, target in enumerate(request)]
json.dump(results, sys.stdout)
`;

/** The vendor's Python package folder under out/<vendor>/python (beside its pyproject.toml). */
export function pythonPackageFolder(folder: string): string {
  const packages = readdirSync(join(folder, "python"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  if (packages.length !== 1) throw new Error(`expected one package in ${folder}/python, found ${packages.join(", ")}`);
  return join(folder, "python", packages[0]);
}

export type PythonAnswers = Answers & { unknown: string; required: string[]; optional: string[] };

/** Every target's answers from its Python package, in one python3 process. */
export async function pythonAnswers(targets: readonly { folder: string; cases: Cases }[]): Promise<PythonAnswers[]> {
  const request = targets.map((target) => ({
    init: resolve(pythonPackageFolder(target.folder), "__init__.py"),
    cases: target.cases,
  }));
  // -B: no __pycache__ written beside the packages, which may be this checkout's committed out/ (test/sdk.test.ts),
  // where another worker's test reads out/ byte for byte (test/generate.test.ts) at the same time.
  const result = await run("python3", ["-B", "-c", pythonScript], { input: JSON.stringify(request) });
  if (result.code !== 0) throw new Error(`python3 failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as PythonAnswers[];
}

/**
 * An installed package's answers (imported by name), from `python` (a virtual environment's interpreter, say),
 * run in `cwd` so nothing of the project is on its path.
 */
export async function installedPythonAnswers(
  python: string,
  module: string,
  cases: Cases,
  cwd: string,
): Promise<PythonAnswers> {
  const result = await run(python, ["-c", pythonScript], { input: JSON.stringify([{ module, cases }]), cwd });
  if (result.code !== 0) throw new Error(`${python} failed:\n${result.stderr}`);
  return (JSON.parse(result.stdout) as PythonAnswers[])[0];
}

/** Files for pyright --strict under one Python version, with folders to find imports in. */
export interface PyrightEnvironment {
  pythonVersion: string;
  files: readonly string[];
  extraPaths?: readonly string[];
}

/**
 * pyright --strict over several environments in one pyright run (a start and the standard library's stubs cost
 * seconds each run): each environment's copies of its files' folders (a package with its siblings) go below a root
 * of their own, which pyright's executionEnvironments give that environment's settings. The diagnostics per
 * environment, per given file (absolute paths of the originals).
 */
export async function pyrightDiagnosticsPerEnvironment(
  environments: readonly PyrightEnvironment[],
): Promise<Map<string, string[]>[]> {
  const roots = mkdtempSync(join(tmpdir(), "statespec-pyright-roots-"));
  const copies = environments.map((environment, index) => {
    const root = join(roots, String(index));
    const copy = new Map<string, string>();
    environment.files.forEach((file, fileIndex) => {
      const folder = join(root, String(fileIndex), basename(dirname(resolve(file))));
      cpSync(dirname(resolve(file)), folder, { recursive: true });
      copy.set(resolve(file), join(folder, basename(file)));
    });
    return { root, copy };
  });
  const config = {
    typeCheckingMode: "strict",
    executionEnvironments: environments.map((environment, index) => ({
      root: copies[index].root,
      pythonVersion: environment.pythonVersion,
      extraPaths: (environment.extraPaths ?? []).map((path) => resolve(path)),
    })),
  };
  const byCopy = await pyright(
    config,
    copies.flatMap(({ copy }) => [...copy.values()]),
  );
  return copies.map(({ copy }) => new Map([...copy].map(([file, copied]) => [file, byCopy.get(copied)!])));
}

/** One pyright run with `config` over `files` (absolute paths); its diagnostics per file. */
async function pyright(config: object, files: readonly string[]): Promise<Map<string, string[]>> {
  const folder = mkdtempSync(join(tmpdir(), "statespec-pyright-"));
  writeFileSync(join(folder, "pyrightconfig.json"), JSON.stringify(config));
  const result = await run(process.execPath, [
    resolve("node_modules/pyright/index.js"),
    "--outputjson",
    "-p",
    join(folder, "pyrightconfig.json"),
    ...files,
  ]);
  const report = JSON.parse(result.stdout) as {
    generalDiagnostics: { file: string; severity: string; message: string; range: { start: { line: number } } }[];
    summary: { filesAnalyzed: number };
  };
  if (report.summary.filesAnalyzed !== files.length)
    throw new Error(`pyright analysed ${report.summary.filesAnalyzed} of ${files.length} files:\n${result.stderr}`);
  const byFile = new Map<string, string[]>(files.map((file) => [file, []]));
  for (const diagnostic of report.generalDiagnostics)
    byFile
      .get(diagnostic.file)
      ?.push(`${diagnostic.range.start.line + 1}: ${diagnostic.severity} ${diagnostic.message}`);
  return byFile;
}

/** The system's temporary folder: test/global-setup.ts makes TMPDIR a run's own folder, removed after the run. */
export const systemTemporaryFolder = (): string => process.env.STATESPEC_TEST_SYSTEM_TMP ?? tmpdir();

/** Go's build cache, shared by every go command of a test run and by later runs: nothing is downloaded. */
export function goEnvironment(): NodeJS.ProcessEnv {
  const cache = join(systemTemporaryFolder(), "statespec-go-cache");
  mkdirSync(cache, { recursive: true });
  return {
    GOCACHE: cache,
    GOPATH: join(cache, "gopath"),
    GOFLAGS: "-mod=mod",
    GOPROXY: "off",
    GOTOOLCHAIN: "local",
    GO111MODULE: "on",
    CGO_ENABLED: "0",
  };
}

const goModule = "statespec.test/sdk";

/** The Go test that runs every target's package on its cases and writes the answers as JSON. */
function goTest(packages: { alias: string; importPath: string }[]): string {
  const runners = packages.map(
    ({ alias }, index) => `
func answers${index}(cases request) answers {
\tout := answers{Pairs: []string{}, Filters: []*filter{}, VmStates: []string{}, TaskStates: []string{}, PowerStates: [][]interface{}{}, ServerStatuses: []string{}}
\tfor _, pair := range cases.Pairs {
\t\tvar vmState ${alias}.VMState
\t\tif pair[0] != nil {
\t\t\tvmState = ${alias}.VMState(*pair[0])
\t\t}
\t\tvar taskState *${alias}.TaskState
\t\tif pair[1] != nil {
\t\t\ttask := ${alias}.TaskState(*pair[1])
\t\t\ttaskState = &task
\t\t}
\t\tout.Pairs = append(out.Pairs, string(${alias}.StatusFromState(vmState, taskState)))
\t}
\tfor _, status := range cases.Statuses {
\t\tfound, ok := ${alias}.StatesForStatus(status)
\t\tif !ok {
\t\t\tout.Filters = append(out.Filters, nil)
\t\t\tcontinue
\t\t}
\t\tselected := &filter{VmStates: []string{}}
\t\tfor _, vmState := range found.VMStates {
\t\t\tselected.VmStates = append(selected.VmStates, string(vmState))
\t\t}
\t\tif !found.AnyTask {
\t\t\tselected.TaskStates = []*string{}
\t\t\tif found.NoTask {
\t\t\t\tselected.TaskStates = append(selected.TaskStates, nil)
\t\t\t}
\t\t\tfor _, taskState := range found.TaskStates {
\t\t\t\tvalue := string(taskState)
\t\t\t\tselected.TaskStates = append(selected.TaskStates, &value)
\t\t\t}
\t\t}
\t\tout.Filters = append(out.Filters, selected)
\t}
\tfor _, value := range ${alias}.VMStates() {
\t\tout.VmStates = append(out.VmStates, string(value))
\t}
\tfor _, value := range ${alias}.TaskStates() {
\t\tout.TaskStates = append(out.TaskStates, string(value))
\t}
\tfor _, value := range ${alias}.PowerStates() {
\t\tout.PowerStates = append(out.PowerStates, []interface{}{value.String(), int(value)})
\t}
\tout.Undocumented = ${alias}.PowerState(65536).String()
\tfor _, value := range ${alias}.ServerStatuses() {
\t\tout.ServerStatuses = append(out.ServerStatuses, string(value))
\t}
\tvar server ${alias}.ServerState
\tif err := json.Unmarshal([]byte(cases.Server), &server); err != nil {
\t\tpanic(err)
\t}
\tencoded, err := json.Marshal(server)
\tif err != nil {
\t\tpanic(err)
\t}
\tout.Server = string(encoded)
\tout.ServerStatus = string(${alias}.StatusFromState(server.VMState, server.TaskState))
\treturn out
}
`,
  );
  return `package cases

import (
\t"encoding/json"
\t"os"
\t"testing"

${packages.map(({ alias, importPath }) => `\t${alias} "${importPath}"`).join("\n")}
)

type request struct {
\tPairs    [][2]*string \`json:"pairs"\`
\tStatuses []string     \`json:"statuses"\`
\tServer   string       \`json:"server"\`
}

type filter struct {
\tVmStates   []string  \`json:"vmStates"\`
\tTaskStates []*string \`json:"taskStates"\`
}

type answers struct {
\tPairs          []string        \`json:"pairs"\`
\tFilters        []*filter       \`json:"filters"\`
\tVmStates       []string        \`json:"vmStates"\`
\tTaskStates     []string        \`json:"taskStates"\`
\tPowerStates    [][]interface{} \`json:"powerStates"\`
\tUndocumented   string          \`json:"undocumented"\`
\tServerStatuses []string        \`json:"serverStatuses"\`
\tServer         string          \`json:"server"\`
\tServerStatus   string          \`json:"serverStatus"\`
}
${runners.join("")}
func TestAnswers(t *testing.T) {
\tvar requests []request
\tinput, err := os.ReadFile("cases.json")
\tif err != nil {
\t\tt.Fatal(err)
\t}
\tif err := json.Unmarshal(input, &requests); err != nil {
\t\tt.Fatal(err)
\t}
\tresults := []answers{${packages.map((_, index) => `answers${index}(requests[${index}])`).join(", ")}}
\toutput, err := json.Marshal(results)
\tif err != nil {
\t\tt.Fatal(err)
\t}
\tif err := os.WriteFile("answers.json", output, 0o644); err != nil {
\t\tt.Fatal(err)
\t}
}
`;
}

export type GoAnswers = Omit<Answers, "powerStates"> & {
  powerStates: [string, number][];
  undocumented: string;
  server: string;
  serverStatus: string;
};

/**
 * Copies every target's Go package into one module in a temporary folder, then runs `gofmt -l` on the generated
 * files where they are, `go vet ./...` over the module and one `go test` that writes every target's answers.
 */
export async function goAnswers(
  targets: readonly { folder: string; cases: Cases; server: string }[],
): Promise<{ answers: GoAnswers[]; gofmt: string; vet: { code: number; output: string } }> {
  const module = mkdtempSync(join(tmpdir(), "statespec-go-"));
  writeFileSync(join(module, "go.mod"), `module ${goModule}\n\ngo 1.19\n`);
  const generated: string[] = [];
  const packages = targets.map((target, index) => {
    const [name] = readdirSync(join(target.folder, "go"));
    // The package's sources only: its own go.mod would make the copy a separate module, out of this one's reach.
    const sources = readdirSync(join(target.folder, "go", name)).filter((file) => file.endsWith(".go"));
    mkdirSync(join(module, `p${index}`, name), { recursive: true });
    for (const file of sources) cpSync(join(target.folder, "go", name, file), join(module, `p${index}`, name, file));
    generated.push(...sources.map((file) => resolve(target.folder, "go", name, file)));
    return { alias: `v${index}`, importPath: `${goModule}/p${index}/${name}` };
  });
  writeFileSync(join(module, "cases_test.go"), goTest(packages));
  writeFileSync(
    join(module, "cases.json"),
    JSON.stringify(targets.map((target) => ({ ...target.cases, server: target.server }))),
  );
  const env = goEnvironment();
  const gofmt = await run("gofmt", ["-l", ...generated]);
  const vet = await run("go", ["vet", "./..."], { cwd: module, env });
  // -vet=off: go test's own vet is a subset of the checks the `go vet ./...` above ran on the same packages and test.
  const test = await run("go", ["test", "-count=1", "-vet=off", "."], { cwd: module, env });
  if (test.code !== 0) throw new Error(`go test failed:\n${test.stdout}${test.stderr}`);
  return {
    answers: JSON.parse(readFileSync(join(module, "answers.json"), "utf8")) as GoAnswers[],
    gofmt: gofmt.stdout + gofmt.stderr,
    vet: { code: vet.code, output: vet.stdout + vet.stderr },
  };
}
