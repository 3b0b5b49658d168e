// The generated Go as Go's reviewers see it: every package of out/ and of the golden folders through gofmt -l, go vet
// and staticcheck (every check, the style ones included), the line and doc-comment conventions; and one vendor's
// module built outside the repository, offline, by a small program that uses it as a dependency.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as openstack from "../out/openstack/index.js";
import { goConstantNames } from "../generator/emit/names.js";
import { list, variable, type KeyValue } from "../generator/emit/go-printer.js";
import { findTool, goEnvironment, run, systemTemporaryFolder } from "./helpers/sdk.js";

/** Every generated Go package folder: out/<vendor>/go/<pkg> and test/golden/generate/<case>/expected/<vendor>/go/<pkg>. */
function goPackages(): string[] {
  const outputs = [
    "out",
    ...readdirSync("test/golden/generate").map((name) => join("test/golden/generate", name, "expected")),
  ];
  return outputs.flatMap((output) =>
    readdirSync(output, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((vendor) => {
        const go = join(output, vendor.name, "go");
        try {
          return readdirSync(go).map((name) => join(go, name));
        } catch {
          return [];
        }
      }),
  );
}

const packages = goPackages();
const sources = packages.flatMap((folder) =>
  readdirSync(folder)
    .filter((file) => file.endsWith(".go"))
    .map((file) => join(folder, file)),
);
const missing =
  findTool("go", ["version"]) ?? findTool("gofmt", ["-l"], "package p\n") ?? findTool("go-staticcheck", ["-version"]);

function settled<T>(promise: Promise<T>): Promise<T> {
  // Marked handled at once: a failure is reported by the test that awaits it, not as an unhandled rejection.
  promise.catch(() => undefined);
  return promise;
}

/** A known finding for each tool, so a run that checks nothing (or skips style checks) cannot pass. */
const canary = `// Package canary holds one finding per tool.
package canary

import "fmt"

// VmId breaks Go's initialism rule.
var VmId = fmt.Sprintf("%d", "text")
`;

/**
 * go vet and staticcheck over copies of every package in one temporary module. staticcheck leaves its style checks
 * out for files marked `// Code generated ... DO NOT EDIT.`; the copies lose the marker, so the style checks (ST1003
 * initialisms, ST1020-ST1022 doc comments, ...) see the code as a reviewer does.
 */
async function lint(): Promise<{ vet: string; staticcheck: string }> {
  const module = mkdtempSync(join(tmpdir(), "statespec-go-lint-"));
  writeFileSync(join(module, "go.mod"), "module statespec.test/lint\n\ngo 1.19\n");
  packages.forEach((folder, index) => {
    mkdirSync(join(module, `p${index}`));
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".go"))) {
      const text = readFileSync(join(folder, file), "utf8");
      writeFileSync(
        join(module, `p${index}`, file),
        text.replace(/^\/\/ Code generated (.*) DO NOT EDIT\.$/m, "// Made $1."),
      );
    }
  });
  mkdirSync(join(module, "canary"));
  writeFileSync(join(module, "canary", "canary.go"), canary);
  const env = { ...goEnvironment(), STATICCHECK_CACHE: join(systemTemporaryFolder(), "statespec-staticcheck-cache") };
  const [vet, staticcheck] = await Promise.all([
    run("go", ["vet", "./..."], { cwd: module, env }),
    run("go-staticcheck", ["-checks", "all", "./..."], { cwd: module, env }),
  ]);
  return { vet: vet.stdout + vet.stderr, staticcheck: staticcheck.stdout + staticcheck.stderr };
}

/** The lines a program prints for a few behaviour cases of the openstack package. */
const program = `package main

import (
\t"fmt"

\tstates "statespec.invalid/openstackstates"
)

func task(value string) *states.TaskState {
\tstate := states.TaskState(value)
\treturn &state
}

func main() {
\tfmt.Println(states.StatusFromState(states.VMStateActive, nil))
\tfmt.Println(states.StatusFromState(states.VMStateActive, task("rebooting")))
\tfmt.Println(states.StatusFromState(states.VMStateStopped, task("resize_prep")))
\tfmt.Println(states.StatusFromState(states.VMStateStopped, task("no_such_task")))
\tfmt.Println(states.StatusFromState("no_such_vm_state", nil))
\tfor _, status := range []string{"Reboot", "active", "NO_SUCH_STATUS"} {
\t\tfilter, ok := states.StatesForStatus(status)
\t\tfmt.Println(ok, filter.VMStates, filter.AnyTask, filter.TaskStates, filter.NoTask)
\t}
\tfmt.Println(states.PowerStateRunning, states.PowerState(2))
}
`;

/** What the program must print: the TypeScript module's answers in Go's fmt spelling. */
function expectedOutput(): string {
  const lines: string[] = [
    openstack.statusFromState("active", null),
    openstack.statusFromState("active", "rebooting"),
    openstack.statusFromState("stopped", "resize_prep"),
    openstack.statusFromState("stopped", "no_such_task"),
    openstack.statusFromState("no_such_vm_state", null),
  ];
  for (const status of ["Reboot", "active", "NO_SUCH_STATUS"]) {
    const filter = openstack.statesForStatus(status);
    const tasks = filter?.taskStates?.filter((taskState) => taskState !== null) ?? [];
    const noTask = filter?.taskStates?.includes(null) ?? false;
    lines.push(
      [
        filter !== undefined,
        `[${filter?.vmStates.join(" ") ?? ""}]`,
        filter?.taskStates === null,
        `[${tasks.join(" ")}]`,
        noTask,
      ].join(" "),
    );
  }
  lines.push(`${openstack.PowerState[1]} PowerState(2)`);
  return `${lines.join("\n")}\n`;
}

/**
 * The openstack module copied outside the repository, built on its own, then required (with a replace to its
 * folder, as a user vendors it) by a program that is built and run. GOPROXY=off: nothing may be downloaded.
 */
async function buildOutside(): Promise<{ modulePath: string; build: string; output: string }> {
  const root = mkdtempSync(join(tmpdir(), "statespec-go-user-"));
  cpSync(join("out", "openstack", "go", "openstackstates"), join(root, "openstackstates"), { recursive: true });
  const env = goEnvironment();
  const list = await run("go", ["list", "-m"], { cwd: join(root, "openstackstates"), env });
  const own = await run("go", ["build", "./..."], { cwd: join(root, "openstackstates"), env });
  mkdirSync(join(root, "app"));
  writeFileSync(
    join(root, "app", "go.mod"),
    [
      "module statespec.test/app\n\ngo 1.19\n",
      "require statespec.invalid/openstackstates v0.0.0\n",
      "replace statespec.invalid/openstackstates => ../openstackstates\n",
    ].join("\n"),
  );
  writeFileSync(join(root, "app", "main.go"), program);
  const app = await run("go", ["build", "-o", "app", "."], { cwd: join(root, "app"), env });
  const output = app.code === 0 ? await run(join(root, "app", "app"), []) : { stdout: "", stderr: "" };
  return {
    modulePath: list.stdout.trim(),
    build: own.stdout + own.stderr + app.stdout + app.stderr,
    output: output.stdout + output.stderr,
  };
}

let linted: ReturnType<typeof lint>;
let built: ReturnType<typeof buildOutside>;

beforeAll(() => {
  // Both at once: separate go processes sharing one build cache.
  if (missing) return;
  linted = settled(lint());
  built = settled(buildOutside());
});

describe("generated Go under Go's tools", () => {
  it("covers out/ and the golden folders that generate Go", () => {
    expect(packages).toEqual(
      expect.arrayContaining([
        join("out", "openstack", "go", "openstackstates"),
        join("test", "golden", "generate", "empty-sets", "expected", "bare", "go", "barestates"),
      ]),
    );
    expect(packages.length).toBeGreaterThanOrEqual(6);
    for (const folder of packages) expect(readdirSync(folder).sort(), folder).toEqual(["go.mod", "states.go"]);
  });

  it("is gofmt-clean", async (context) => {
    if (missing) return context.skip(missing);
    const gofmt = await run("gofmt", ["-l", ...sources]);
    expect(gofmt.stdout + gofmt.stderr).toBe("");
  });

  it("passes go vet and every staticcheck check, the style checks included", async (context) => {
    if (missing) return context.skip(missing);
    const { vet, staticcheck } = await linted;
    // Only the canary's findings: each tool ran and reported, and nothing of the generated code.
    expect(vet).toMatch(/canary\.go:7:\d+: fmt\.Sprintf format %d has arg "text" of wrong type string/);
    expect(vet.split("\n").filter((line) => /\.go:\d+/.test(line) && !line.includes("canary"))).toEqual([]);
    expect(staticcheck).toContain("var VmId should be VMID (ST1003)");
    expect(staticcheck.split("\n").filter((line) => line !== "" && !line.startsWith("canary/"))).toEqual([]);
  });

  it("keeps lines within 120 columns (a tab as 4) and starts every doc comment with the name it documents", () => {
    for (const file of sources) {
      const lines = readFileSync(file, "utf8").split("\n");
      const long = lines.filter((line) => line.replace(/\t/g, "    ").length > 120);
      expect(long, file).toEqual([]);
      lines.forEach((line, index) => {
        const declared = /^(?:func (?:\([^)]*\) )?|type |const |var |\t)([A-Z]\w*)/.exec(line)?.[1];
        if (declared === undefined || !lines[index - 1]?.trimStart().startsWith("//")) return;
        let first = index - 1;
        while (lines[first - 1]?.trimStart().startsWith("//")) first--;
        expect(lines[first].trimStart(), `${file}:${index + 1}`).toMatch(new RegExp(`^// ${declared} `));
      });
    }
  });

  it("builds outside the repository as a module a program requires, answering as TypeScript does", async (context) => {
    if (missing) return context.skip(missing);
    const { modulePath, build, output } = await built;
    expect(modulePath).toBe("statespec.invalid/openstackstates");
    expect(build).toBe("");
    expect(output).toBe(expectedOutput());
    // Not vacuous: the cases reach a task row, a default, the unknown status, a filter with and without tasks.
    expect(output).toContain("REBOOT\n");
    expect(output).toContain("UNKNOWN\n");
    expect(output).toContain("false [] false [] false\n");
  });
});

/**
 * Key widths that take each branch of gofmt's alignment rule: short keys (one column), keys over 40 wide whose width
 * is within 2.5 times the running geometric mean (still one column) or not (a new column), and values too long for
 * one line (no column, and a new one after them).
 */
function printerSample(): string {
  const key = (width: number) => `"${"k".repeat(width - 2)}"`;
  const widths = [3, 8, 41, 45, 120, 44, 6, 60, 7, 9, 50, 200, 42, 48, 43];
  const entries = widths.map((width, index): KeyValue => {
    const value =
      index % 4 === 3
        ? list(
            "[]int{",
            Array.from({ length: 40 }, (_, item) => String(item)),
          )
        : String(index);
    return { key: key(width), value: index % 5 === 4 ? list("[]int{", [String(index)]) : value };
  });
  return `package sample\n\n${variable(
    [],
    "sample",
    list(
      "map[string][]int{",
      entries.map(({ key, value }) => ({ key, value: typeof value === "string" ? `{${value}}` : value })),
    ),
  )}\n`;
}

describe("the Go printer", () => {
  it("aligns key: value columns exactly as gofmt does, across its section rules", async (context) => {
    if (missing) return context.skip(missing);
    const folder = mkdtempSync(join(tmpdir(), "statespec-go-printer-"));
    writeFileSync(join(folder, "sample.go"), printerSample());
    const gofmt = await run("gofmt", ["-d", join(folder, "sample.go")]);
    expect(gofmt.stdout + gofmt.stderr).toBe("");
    // Not vacuous: the sample has aligned columns, and lines that break.
    expect(printerSample()).toContain('\t"k":      {0},\n\t"kkkkkk": {1},\n');
    // Keys over 40 wide within 2.5 times of their section's mean share a column too.
    const row = (ks: number, value: string) => `\t${`"${"k".repeat(ks)}":`.padEnd(49)} ${value},\n`;
    expect(printerSample()).toContain(row(40, "{12}") + row(46, "{13}") + row(41, "[]int{14}"));
    expect(printerSample().split("\n").length).toBeGreaterThan(40);
  });
});

describe("Go constant names", () => {
  it.each([
    [
      ["SOFT_DELETE", "VM_ID", "HTTP_URL_2"],
      ["VMStateSoftDelete", "VMStateVMID", "VMStateHTTPURL2"],
    ],
    [
      ["V_1_2", "STATE_10"],
      ["VMStateV1_2", "VMStateState10"],
    ],
    // One Go name for two member names: the first keeps it, the later ones get V2, V3, skipping taken names.
    [
      ["STATE_1", "STATE1", "STATE_1_V2"],
      ["VMStateState1", "VMStateState1V3", "VMStateState1V2"],
    ],
    [
      ["V_M", "VM"],
      ["VMStateVM", "VMStateVMV2"],
    ],
  ])("%j -> %j", (members, names) => {
    expect(goConstantNames("vm_state", members)).toEqual(names);
  });
});
