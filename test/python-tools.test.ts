// The generated Python as its own reviewers' tools see it: black --check, mypy --strict and pyright --strict (Python
// 3.9 and 3.13 settings) over every generated package: out/, the golden folders, every golden spec rendered to
// Python, a spec of long and awkward values that takes the printer's rarer layouts, and random valid specs; a user's
// code typed against out/openstack's package (pyright), misuses refused. Then one package installed with pip into a
// fresh virtual environment, offline, and run; and enum members that print as their values on the machine's Python
// and on every other 3.9 to 3.13 interpreter found.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import * as openstack from "../out/openstack/index.js";
import { runCliIn } from "./helpers/cli.js";
import { randomVendorSpecs } from "./helpers/random-specs.js";
import {
  casesFor,
  findTool,
  installedPythonAnswers,
  pyrightDiagnosticsPerEnvironment,
  run,
  typeScriptAnswers,
  type TypeScriptModule,
} from "./helpers/sdk.js";

/** Folders holding a generated pyproject.toml and its package, below `root`. */
function pythonProjects(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, encoding: "utf8" }) as string[])
    .filter((path) => path.split(/[\\/]/).slice(-2).join("/") === "python/pyproject.toml")
    .map((path) => resolve(root, path, ".."))
    .sort();
}

function initFiles(projects: readonly string[]): string[] {
  return projects.flatMap((project) =>
    readdirSync(project, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(project, entry.name, "__init__.py")),
  );
}

const long = "a".repeat(70);
// Values as long as the spec allows and near the width, descriptions that start and end with quotes, hold
// backslashes, tabs, no-break spaces, runs of quotes, long words and paragraphs: the printer's rarer paths.
const awkwardSpec = {
  id: "awkward",
  vendor: { id: "awkward", uncovered: { status: `R${"R".repeat(60)}`, why: "Nothing falls back." } },
  locale: "en",
  provenance: { source: "awkward.txt", title: "Awkward", publisher: "Tests" },
  states: {
    vm_state: {
      section: "Table 1",
      values: [
        { value: `v${"x".repeat(127)}`, description: '"Quoted at both ends"' },
        { value: `w${long}`, description: 'ends in a backslash \\ and a quote run """ and "' },
        { value: "short", description: `${"word ".repeat(30)}\n\n\tsecond paragraph\u00a0\n${"y".repeat(120)}` },
      ],
    },
    task_state: {
      section: "Table 2",
      values: [
        { value: `t${long}` },
        { value: "t2" },
        { value: `u${"x".repeat(40)}` },
        { value: `s${"s".repeat(50)}` },
      ],
    },
    power_state: { section: "Table 3", values: [{ value: 1, name: "N".repeat(90) }] },
    status: {
      section: "Table 4",
      values: [{ value: `S${"T".repeat(100)}` }, { value: `R${"R".repeat(60)}` }, { value: "UNKNOWN" }],
    },
  },
  mapping: {
    section: "Rows",
    rows: [
      { vm_state: `v${"x".repeat(127)}`, task_states: "any", status: `S${"T".repeat(100)}` },
      { vm_state: `v${"x".repeat(127)}`, task_states: [`t${long}`], status: `R${"R".repeat(60)}` },
      {
        vm_state: `w${long}`,
        task_states: [`t${long}`, "t2", `u${"x".repeat(40)}`, null],
        status: `R${"R".repeat(60)}`,
      },
      { vm_state: "short", task_states: [`s${"s".repeat(50)}`], status: `R${"R".repeat(60)}` },
    ],
  },
};

// Random valid specs (test/property.test.ts's generator and seed), their descriptions ending in spaces that black must
// see trimmed from docstrings: each tool here checks them with the rest in its one run.
const randomSpecs = randomVendorSpecs(12, 20261123, true);

/** Every golden case's specs, the awkward spec and the random ones, generated as Python only into temp projects. */
async function generatedProjects(): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), "statespec-python-tools-"));
  const cases = readdirSync("test/golden/generate").filter((name) =>
    existsSync(join("test/golden/generate", name, "spec")),
  );
  const projects: string[] = [];
  for (const name of [...cases, "awkward", "random"]) {
    const project = join(root, name);
    if (name === "awkward") {
      mkdirSync(join(project, "spec"), { recursive: true });
      writeFileSync(join(project, "spec", "awkward.yaml"), stringify(awkwardSpec));
    } else if (name === "random") {
      mkdirSync(join(project, "spec"), { recursive: true });
      for (const spec of randomSpecs) writeFileSync(join(project, "spec", `${spec.id}.yaml`), stringify(spec));
    } else
      cpSync(join("test/golden/generate", name), project, {
        recursive: true,
        filter: (source) => !source.includes(join(name, "expected")),
      });
    const configFile = join(project, "statespec.config.yaml");
    const config = existsSync(configFile) ? (parse(readFileSync(configFile, "utf8")) as Record<string, unknown>) : {};
    writeFileSync(configFile, stringify({ ...config, artifacts: ["python"] }));
    const result = await runCliIn(project, ["generate", "--out", "out"]);
    expect(result.stderr, name).not.toContain(": error ");
    expect(result.code, `${name}: ${result.stderr}`).toBe(0);
    projects.push(...pythonProjects(join(project, "out")));
  }
  return projects;
}

// A tool run, a venv or an interpreter start takes seconds alone, much longer beside other test files on two cores.
const toolTimeout = 240_000;
const shipped = pythonProjects("out");
const golden = pythonProjects("test/golden/generate");
let projects: string[] = [];

beforeAll(async () => {
  projects = [...shipped, ...golden, ...(await generatedProjects())];
}, toolTimeout);

// Checks the typed API from a user's side: what must type-check, and what pyright must refuse.
const usage = `from typing import List, Optional

from openstack_states import PowerState, ServerState, ServerStatus, StatusFilter, TaskState, VmState, states_for_status, status_from_state


def status_of(server: ServerState) -> ServerStatus:
    return status_from_state(server.get("OS-EXT-STS:vm_state"), server.get("OS-EXT-STS:task_state"))


server: ServerState = {"status": "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": None, "OS-EXT-STS:power_state": 1}
status: ServerStatus = status_of(server)
member: ServerStatus = status_from_state(VmState.STOPPED, TaskState.POWERING_ON)
found: Optional[StatusFilter] = states_for_status("reboot")
vm_states: List[VmState] = [] if found is None else list(found.vm_states)
power: int = PowerState.RUNNING
`;
const misuse = `from openstack_states import ServerState, status_from_state

wrong_key: ServerState = {"status": "ACTIVE", "OS-EXT-STS:vm_stat": "active"}
wrong_value: ServerState = {"status": "RUNNING"}
wrong_power: ServerState = {"status": "ACTIVE", "OS-EXT-STS:power_state": 2}
no_status: ServerState = {"OS-EXT-STS:vm_state": "active"}
wrong_argument = status_from_state(1, None)
`;
const usageFolder = mkdtempSync(join(tmpdir(), "statespec-python-usage-"));
writeFileSync(join(usageFolder, "usage.py"), usage);
writeFileSync(join(usageFolder, "misuse.py"), misuse);

const pythonVersions = ["3.9", "3.13"];
let pyright: ReturnType<typeof pyrightDiagnosticsPerEnvironment> | undefined;
// One pyright run for every package under both versions and for a user's code (a start and the standard library's
// stubs cost seconds each run): each environment checks its own copies.
const pyrightRun = () =>
  (pyright ??= pyrightDiagnosticsPerEnvironment([
    ...pythonVersions.map((pythonVersion) => ({ pythonVersion, files: initFiles(projects) })),
    {
      pythonVersion: "3.9",
      files: [join(usageFolder, "usage.py"), join(usageFolder, "misuse.py")],
      extraPaths: [join("out", "openstack", "python")],
    },
  ]));

describe("generated Python under its reviewers' tools", () => {
  it("covers out/, the golden folders and the generated golden, awkward and random specs", () => {
    expect(shipped.map((project) => project.split(/[\\/]/).slice(-2).join("/"))).toEqual([
      "huawei-ecs/python",
      "openstack/python",
      "rackspace/python",
    ]);
    // The golden cases' own Python (empty sets, name collisions, an overlay vendor), the awkward and the random specs.
    expect(projects.length).toBeGreaterThanOrEqual(shipped.length + 5 + randomSpecs.length);
    for (const spec of randomSpecs)
      expect(projects.filter((project) => project.endsWith(join("random", "out", spec.id, "python")))).toHaveLength(1);
  });

  it(
    "black --check finds nothing to change (88 columns)",
    async (context) => {
      const missing = findTool("black", ["--version"]);
      if (missing) return context.skip(missing);
      const version = spawnSync("black", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0];
      const result = await run("black", ["--check", "--diff", "--quiet", ...initFiles(projects)]);
      expect(`${result.stdout}${result.stderr}`, version).toBe("");
      expect(result.code).toBe(0);
    },
    toolTimeout,
  );

  for (const version of pythonVersions) {
    it(
      `mypy --strict finds nothing (Python ${version})`,
      async (context) => {
        const missing = findTool("mypy", ["--version"]);
        if (missing) return context.skip(missing);
        const cache = mkdtempSync(join(tmpdir(), "statespec-mypy-"));
        const result = await run("mypy", [
          "--strict",
          "--python-version",
          version,
          "--cache-dir",
          cache,
          "--no-error-summary",
          ...initFiles(projects),
        ]);
        expect(`${result.stdout}${result.stderr}`).toBe("");
        expect(result.code).toBe(0);
      },
      toolTimeout,
    );

    it(
      `pyright --strict finds nothing (Python ${version})`,
      async () => {
        const diagnostics = (await pyrightRun())[pythonVersions.indexOf(version)];
        expect(diagnostics.size).toBe(initFiles(projects).length);
        for (const [file, found] of diagnostics) expect(found, file).toEqual([]);
      },
      toolTimeout,
    );
  }
});

describe("a user's code against a generated package", () => {
  it(
    "types under pyright --strict (Python 3.9), and each misuse is an error on its line",
    async () => {
      const diagnostics = (await pyrightRun())[pythonVersions.length];
      expect(diagnostics.get(join(usageFolder, "usage.py"))).toEqual([]);
      // One error per misuse line, on that line.
      const lines = [
        ...new Set(
          diagnostics
            .get(join(usageFolder, "misuse.py"))!
            .filter((line) => line.includes(": error "))
            .map((line) => Number(line.split(":")[0])),
        ),
      ];
      expect(lines).toEqual([3, 4, 5, 6, 7]);
    },
    toolTimeout,
  );
});

describe("a generated package installed with pip", () => {
  it(
    "installs offline into a fresh virtual environment and answers as the TypeScript module does",
    async (context) => {
      // Offline, pip cannot fetch setuptools for an isolated build: the environment's own setuptools (61 or later,
      // for PEP 621) and wheel build it, seen through --system-site-packages (Debian: python3-setuptools, -wheel).
      // pip too is the system's, seen the same way: the venv is made without its own copy (ensurepip takes
      // seconds), and pip run by the venv's interpreter installs into the venv.
      const builder = ["python3", "/usr/bin/python3"].find(
        (python) => spawnSync(python, ["-c", "import venv, setuptools, wheel, pip"]).status === 0,
      );
      if (builder === undefined) {
        const reason =
          "no python3 with venv, pip, setuptools and wheel for an offline build " +
          "(Debian: python3-venv python3-pip python3-setuptools python3-wheel)";
        if (process.env.STATESPEC_REQUIRE_TOOLS === "1") throw new Error(reason);
        return context.skip(reason);
      }
      const folder = mkdtempSync(join(tmpdir(), "statespec-pip-"));
      // A copy: setuptools builds in the source folder (build/, *.egg-info), which must not appear in out/.
      cpSync("out/openstack/python", join(folder, "source"), { recursive: true });
      const environment = join(folder, "venv");
      expect((await run(builder, ["-m", "venv", "--without-pip", "--system-site-packages", environment])).code).toBe(0);
      const python = join(environment, "bin", "python");
      // No configuration or PIP_* variable of the machine: no index, no extra links, nothing downloaded.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("PIP_")));
      const pip = await run(
        python,
        ["-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps", join(folder, "source")],
        {
          cwd: folder,
          env: { ...env, PIP_CONFIG_FILE: "/dev/null" },
        },
      );
      expect(pip.code, pip.stdout + pip.stderr).toBe(0);
      const where = await run(
        python,
        [
          "-c",
          "import openstack_states, os, sys; where = os.path.dirname(os.path.realpath(openstack_states.__file__)); " +
            "print(os.listdir(where)); print(where.startswith(os.path.realpath(sys.prefix) + os.sep))",
        ],
        { cwd: folder },
      );
      expect(where.stdout).toContain("'py.typed'");
      // Installed into the venv, not into the system's site-packages that the venv sees.
      expect(where.stdout).toMatch(/\nTrue\n$/);
      const module = openstack as unknown as TypeScriptModule;
      const cases = casesFor(module);
      const answers = await installedPythonAnswers(python, "openstack_states", cases, folder);
      const expected = typeScriptAnswers(module, cases);
      expect(answers.pairs).toEqual(expected.pairs);
      expect(answers.filters).toEqual(expected.filters);
      expect(answers.pairs).toContain("REBOOT");
    },
    toolTimeout,
  );
});

/** Python 3.9 to 3.13 interpreters: `python3.X` on the PATH, else one pyenv installed (not the selected one). */
function interpreters(): Map<string, string> {
  const found = new Map<string, string>();
  const pyenv =
    process.env.PYENV_ROOT === undefined
      ? []
      : readdirSync(join(process.env.PYENV_ROOT, "versions"), { withFileTypes: true }).map((entry) => entry.name);
  for (const minor of [9, 10, 11, 12, 13]) {
    const version = `3.${minor}`;
    const candidates = [
      `python${version}`,
      ...pyenv
        .filter((name) => name.startsWith(`${version}.`))
        .map((name) => join(process.env.PYENV_ROOT!, "versions", name, "bin", `python${version}`)),
    ];
    const works = candidates.find(
      (python) => spawnSync(python, ["-c", `import sys; assert sys.version_info[:2] == (3, ${minor})`]).status === 0,
    );
    if (works !== undefined) found.set(version, works);
  }
  return found;
}

// Every member of every enum of every shipped package: str(), format(), f-strings and str.format give the value,
// and the methods that do so are the package's own, not the running version's Enum defaults.
const printing = `
import importlib.util, json, sys
results = []
for index, path in enumerate(json.load(sys.stdin)):
    spec = importlib.util.spec_from_file_location("vendor%d" % index, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    for kind in ("VmState", "TaskState", "PowerState", "ServerStatus"):
        enum_class = getattr(module, kind)
        own = [enum_class.__str__.__module__ == spec.name, enum_class.__format__.__module__ == spec.name]
        for member in enum_class:
            value = str(member.value)
            printed = [str(member), format(member), f"{member}", "{}".format(member), f"{member:>3}".strip()]
            results.append({"member": repr(member), "wrong": [text for text in printed if text != value], "own": own})
json.dump({"version": "%d.%d" % sys.version_info[:2], "results": results}, sys.stdout)
`;

async function printed(
  python: string,
): Promise<{ version: string; results: { member: string; wrong: string[]; own: boolean[] }[] }> {
  const files = initFiles(shipped);
  // -B: the shipped packages are the checkout's out/; a __pycache__ written there would be a foreign file to the
  // tests of other workers that compare out/ with what the generator writes, while they run.
  const result = await run(python, ["-B", "-c", printing], { input: JSON.stringify(files) });
  if (result.code !== 0) throw new Error(`${python} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

function expectValues(report: Awaited<ReturnType<typeof printed>>): void {
  expect(report.results.length).toBeGreaterThan(100);
  for (const result of report.results)
    expect({ ...result, version: report.version }).toEqual({
      member: result.member,
      wrong: [],
      own: [true, true],
      version: report.version,
    });
  expect(report.results.map((result) => result.member)).toContain("<ServerStatus.ACTIVE: 'ACTIVE'>");
}

describe("enum members print as their values", () => {
  it('on the machine\'s python3: f"{ServerStatus.ACTIVE}", str() and format() give ACTIVE', async (context) => {
    const missing = findTool("python3", ["--version"]);
    if (missing) return context.skip(missing);
    expectValues(await printed("python3"));
  });

  it(
    "on Python 3.9, and on every other 3.10 to 3.13 found",
    async (context) => {
      const found = interpreters();
      const versions = [...found.keys()];
      for (const python of found.values()) expectValues(await printed(python));
      if (!found.has("3.9")) {
        const where = "python3.9 on the PATH or under $PYENV_ROOT/versions";
        const reason = `no Python 3.9 interpreter (${where}); found ${versions.join(", ") || "none"}`;
        if (process.env.STATESPEC_REQUIRE_TOOLS === "1") throw new Error(reason);
        return context.skip(reason);
      }
    },
    toolTimeout,
  );
});
