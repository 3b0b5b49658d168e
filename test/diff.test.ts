// statespec diff on real git history: each kind of change, its exact findings, severities and exit codes, in every format.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, runCliIn } from "./helpers.js";

const baseSpec = readFileSync("test/fixtures/valid-minimal/spec/base.yaml", "utf8");

/** A repository whose first commit has the minimal spec and whose second has `edit` applied to it. */
function repoWithChange(edit: (spec: string) => string): string {
  const repo = mkdtempSync(join(tmpdir(), "statespec-diff-repo-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "test@example.invalid");
  git("config", "user.name", "test");
  cpSync("test/fixtures/valid-minimal/spec", join(repo, "spec"), { recursive: true });
  git("add", ".");
  git("commit", "-qm", "base");
  git("tag", "base");
  const edited = edit(baseSpec);
  expect(edited, "the edit changed nothing").not.toBe(baseSpec);
  writeFileSync(join(repo, "spec", "base.yaml"), edited);
  git("commit", "-qam", "head");
  return repo;
}

const diffIn = (repo: string, args: string[]) => runCliIn(repo, ["diff", ...args]);

interface Expected {
  findings: [severity: string, code: string, message: string][];
  /** The details of each finding, where the case says them. */
  details?: (string[] | undefined)[];
  exit: number;
  exitOnWarning: number;
}

const cases: [string, (spec: string) => string, Expected][] = [
  [
    "remove a value",
    (spec) => spec.replace("      - value: stopped\n        description: Stopped.\n", "").replace("    - vm_state: stopped\n      task_states: [null]\n      status: SHUTOFF\n", ""),
    {
      findings: [
        ["error", "value-removed", "vm_state 'stopped' was removed: clients that send or compare it break"],
        ["error", "derivation-changed", "stopped + null: status SHUTOFF -> UNKNOWN"],
        ["error", "status-filter-changed", "GET /servers?status=SHUTOFF is rejected (Nova answers 400); before, it selected vm_state stopped; task_state null"],
      ],
      exit: 1,
      exitOnWarning: 1,
    },
  ],
  [
    "add a value",
    (spec) => spec.replace("      - value: rebooting\n        description: Rebooting.\n", "      - value: rebooting\n        description: Rebooting.\n      - value: pausing\n        description: Pausing.\n"),
    { findings: [["warning", "value-added", "task_state 'pausing' was added: exhaustive switches over task_state in clients must handle it"]], exit: 0, exitOnWarning: 1 },
  ],
  [
    "rename a value",
    (spec) => spec.replace("      - value: rebooting\n", "      - value: reboot\n").replace("task_states: [rebooting]", "task_states: [reboot]"),
    {
      // One finding: what the rename does to derived statuses and filters is its details, not more findings.
      findings: [["error", "value-renamed", "task_state 'rebooting' was renamed to 'reboot'"]],
      details: [["active + rebooting: status REBOOT -> ACTIVE", "active + reboot: status ACTIVE -> REBOOT", "GET /servers?status=REBOOT selects vm_state active; task_state reboot (before: vm_state active; task_state rebooting)"]],
      exit: 1,
      exitOnWarning: 1,
    },
  ],
  [
    "change a mapping row",
    (spec) => spec.replace("      task_states: [null]\n      status: SHUTOFF", "      task_states: any\n      status: SHUTOFF"),
    {
      findings: [
        ["error", "derivation-changed", "stopped + rebooting, any other: status UNKNOWN -> SHUTOFF"],
        ["error", "status-filter-changed", "GET /servers?status=SHUTOFF selects other servers"],
      ],
      exit: 1,
      exitOnWarning: 1,
    },
  ],
  [
    "change only a description",
    (spec) => spec.replace("        description: Running.\n      - value: stopped", "        description: Up and running.\n      - value: stopped"),
    { findings: [["info", "description-changed", "vm_state 'active': description changed"]], exit: 0, exitOnWarning: 0 },
  ],
  [
    "renumber a power state",
    (spec) => spec.replace("      - value: 1\n", "      - value: 2\n"),
    { findings: [["error", "power-state-changed", "power_state changed from 1 to 2"]], exit: 1, exitOnWarning: 1 },
  ],
];

describe("statespec diff between two commits", () => {
  for (const [name, edit, expected] of cases) {
    describe(name, () => {
      const repo = repoWithChange(edit);

      it("json: exact findings, with stable fingerprints", async () => {
        const result = await diffIn(repo, ["--base", "base", "--head", "main", "--format", "json"]);
        expect(result.stderr).toBe("");
        expect(result.code).toBe(expected.exit);
        const report = JSON.parse(result.stdout);
        expect(report.findings.map((f: { severity: string; code: string; message: string }) => [f.severity, f.code, f.message])).toEqual(expected.findings);
        if (expected.details) expect(report.findings.map((f: { details?: string[] }) => f.details)).toEqual(expected.details);
        for (const f of report.findings) expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
        const again = JSON.parse((await diffIn(repo, ["--base", "base", "--head", "main", "--format", "json"])).stdout);
        expect(again.findings.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(report.findings.map((f: { fingerprint: string }) => f.fingerprint));
      });

      it("text: one line per finding and a summary", async () => {
        const result = await diffIn(repo, ["--base", "base", "--head", "main"]);
        expect(result.code).toBe(expected.exit);
        const lines = result.stdout.split("\n");
        expect(lines[0]).toBe("statespec diff base -> main");
        for (const [severity, code, message] of expected.findings) expect(lines.some((line) => line.startsWith(`${severity} ${code} acme: ${message}`))).toBe(true);
        const count = (severity: string) => expected.findings.filter((f) => f[0] === severity).length;
        expect(result.stdout).toContain(`${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info`);
      });

      it("markdown: a summary and a table row per finding", async () => {
        const result = await diffIn(repo, ["--base", "base", "--head", "main", "--format", "markdown"]);
        expect(result.code).toBe(expected.exit);
        expect(result.stdout).toMatch(/^### statespec diff: `base` → `main`\n\n\*\*\d+ error\(s\), \d+ warning\(s\), \d+ info\*\*/);
        for (const [, code, message] of expected.findings) expect(result.stdout).toContain(`| acme | \`${code}\` | ${message.replace(/\|/g, "\\|")} |`);
        // Located findings keep their file:line, as in the other formats.
        const json = JSON.parse((await diffIn(repo, ["--base", "base", "--head", "main", "--format", "json"])).stdout);
        for (const f of json.findings) if (f.location) expect(result.stdout).toContain(`| \`${f.location.file}:${f.location.line}\` |`);
      });

      it("github: an annotation per finding at the head YAML file", async () => {
        const result = await diffIn(repo, ["--base", "base", "--head", "main", "--format", "github"]);
        expect(result.code).toBe(expected.exit);
        const lines = result.stdout.trim().split("\n");
        expect(lines).toHaveLength(expected.findings.length);
        expected.findings.forEach(([severity, code, message], index) => {
          const level = severity === "info" ? "notice" : severity;
          expect(lines[index]).toMatch(new RegExp(`^::${level} (file=spec/base\\.yaml,line=\\d+,col=\\d+,)?title=statespec ${code}::acme: `));
          expect(lines[index]).toContain(message);
        });
      });

      it("--fail-on decides the exit code", async () => {
        expect((await diffIn(repo, ["--base", "base", "--head", "main", "--fail-on", "warning"])).code).toBe(expected.exitOnWarning);
        expect((await diffIn(repo, ["--base", "base", "--head", "main", "--fail-on", "never"])).code).toBe(0);
      });
    });
  }

  it("head defaults to the working tree, and an uncommitted change counts", async () => {
    const repo = repoWithChange((spec) => spec.replace("Stopped.", "Halted."));
    const clean = await diffIn(repo, ["--base", "main"]);
    expect(clean.stdout).toContain("No semantic changes.");
    const committed = readFileSync(join(repo, "spec", "base.yaml"), "utf8");
    writeFileSync(join(repo, "spec", "base.yaml"), committed.replace("      - value: REBOOT\n", "      - value: REBOOT\n      - value: PAUSED\n"));
    const dirty = await diffIn(repo, ["--base", "main", "--format", "json"]);
    expect(JSON.parse(dirty.stdout).findings.map((f: { code: string }) => f.code)).toEqual(["value-added"]);
  });

  it("a side that does not validate is reported, not crashed on", async () => {
    const repo = repoWithChange((spec) => spec.replace("    - vm_state: stopped\n      task_states: [null]", "    - vm_state: stopped\n      task_states: 7"));
    const result = await diffIn(repo, ["--base", "base", "--head", "main"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the head spec (main) is not valid");
    expect(result.stderr).toMatch(/main:spec\/base\.yaml:\d+:\d+: error schema-type/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unknown ref is a usage error", async () => {
    const repo = repoWithChange((spec) => spec.replace("Stopped.", "Halted."));
    const result = await diffIn(repo, ["--base", "no-such-ref"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'no-such-ref' is neither a folder nor a git ref of this repository");
  });
});

describe("statespec diff on the shipped spec", () => {
  it("against itself reports nothing and exits 0", async () => {
    for (const format of ["text", "json", "markdown", "github"]) {
      const result = await runCli(["diff", "--base", "spec", "--head", "spec", "--format", format, "--fail-on", "warning"]);
      expect(result.code).toBe(0);
      if (format === "json") expect(JSON.parse(result.stdout).findings).toEqual([]);
      if (format === "github") expect(result.stdout).toBe("");
      if (format === "text") expect(result.stdout).toContain("No semantic changes.");
    }
  });
});

describe("statespec diff in a project that uses the shipped specs (statespec:builtin)", () => {
  /** A repository with the overlay vendor committed on main and BACKUP renamed in the working tree. */
  function overlayRepo(specs: string): string {
    const repo = mkdtempSync(join(tmpdir(), "statespec-diff-overlay-"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
    git("init", "-q", "-b", "main");
    git("config", "user.email", "test@example.invalid");
    git("config", "user.name", "test");
    cpSync("test/fixtures/overlay/spec", join(repo, "spec"), { recursive: true });
    writeFileSync(join(repo, "statespec.config.yaml"), `specs: ${specs}\nvendors: [openstack, mycloud]\n`);
    git("add", ".");
    git("commit", "-qm", "base");
    const overlay = join(repo, "spec", "mycloud.yaml");
    writeFileSync(overlay, readFileSync(overlay, "utf8").replace("status: BACKUP", "status: BACKING_UP"));
    return repo;
  }

  it("reads the shipped specs from the package on both sides and the project's folder from the ref", async () => {
    const repo = overlayRepo("[statespec:builtin, spec]");
    const result = await diffIn(repo, ["--base", "main", "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).findings;
    expect(findings.map((f: { code: string; vendor: string; message: string }) => [f.code, f.vendor, f.message])).toEqual([["value-renamed", "mycloud", "status 'BACKUP' was renamed to 'BACKING_UP'"]]);
    expect(findings[0].details).toEqual([
      "active + backing_up: status BACKUP -> BACKING_UP",
      "GET /servers?status=BACKUP is rejected (Nova answers 400); before, it selected vm_state active; task_state backing_up",
      "GET /servers?status=BACKING_UP now selects vm_state active; task_state backing_up (Nova answered 400 before)",
    ]);
    expect(findings[0].location).toMatchObject({ file: "spec/mycloud.yaml" });
  });

  it("--base DIR stands for the project's folders; the shipped specs still come from the package", async () => {
    const repo = overlayRepo("[statespec:builtin, spec]");
    const before = mkdtempSync(join(tmpdir(), "statespec-diff-dir-"));
    cpSync("test/fixtures/overlay/spec", before, { recursive: true });
    const result = await diffIn(repo, ["--base", before, "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout).findings.map((f: { code: string }) => f.code)).toEqual(["value-renamed"]);
  });

  it("a ref from before the project's spec folder existed is a side without the project's documents", async () => {
    const repo = overlayRepo("[statespec:builtin, spec]");
    execFileSync("git", ["mv", "spec", "specs"], { cwd: repo });
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: [statespec:builtin, specs]\nvendors: [openstack, mycloud]\n");
    const result = await diffIn(repo, ["--base", "main", "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout).findings.map((f: { code: string; vendor: string }) => [f.code, f.vendor])).toEqual([["vendor-added", "mycloud"], ["document-added", "mycloud"]]);
  });

  it("a spec folder outside the repository is an error against a ref, not silently left out", async () => {
    const outside = mkdtempSync(join(tmpdir(), "statespec-outside-"));
    cpSync("test/fixtures/overlay/spec", outside, { recursive: true });
    const repo = overlayRepo(`[statespec:builtin, ${JSON.stringify(outside)}]`);
    const result = await diffIn(repo, ["--base", "main"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/statespec diff: spec folder .*statespec-outside-\w+ is outside the git repository .*, so it has no version at 'main'/);
  });
});
