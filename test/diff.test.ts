// statespec diff on real git history: each kind of change, its exact findings, severities and exit codes, in every format.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { markdownCode } from "../generator/common/text-safety.js";
import { diffJson } from "./helpers/diff-schema.js";
import { runCli, runCliIn, initGitRepo, type RunResult } from "./helpers/cli.js";

const baseSpec = readFileSync("test/fixtures/valid-minimal/spec/base.yaml", "utf8");

/** A repository whose first commit has the minimal spec and whose second has `edit` applied to it. */
function repoWithChange(edit: (spec: string) => string): string {
  const repo = mkdtempSync(join(tmpdir(), "statespec-diff-repo-"));
  const git = initGitRepo(repo);
  cpSync("test/fixtures/valid-minimal/spec", join(repo, "spec"), { recursive: true });
  // Without a config statespec reads its shipped specs; this one's default is spec/ beside it.
  writeFileSync(join(repo, "statespec.config.yaml"), "");
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
  /** Every finding: severity, kind, message. */
  findings: [severity: string, kind: string, message: string][];
  /** Per finding, its consequences as text: each changed pair, then each filter (undefined: none). */
  consequences?: (string[] | undefined)[];
  exit: number;
  exitOnWarning: number;
}

interface Report {
  findings: {
    severity: string;
    kind: string;
    message: string;
    fingerprint: string;
    location?: { file: string; line: number };
    consequences?: { pairs: Pair[]; filters: { status: string }[] };
  }[];
}
interface Pair {
  vmState: string;
  taskState: string | null;
  before: { status: string };
  after: { status: string };
}

/** A finding's consequences as lines: `vm + task: BEFORE -> AFTER` per pair, then `filter STATUS` per filter. */
function consequenceLines(finding: Report["findings"][number]): string[] | undefined {
  if (!finding.consequences) return undefined;
  const task = (taskState: string | null) =>
    taskState === null ? "null" : taskState === "*" ? "any other" : taskState;
  return [
    ...finding.consequences.pairs.map(
      (pair) => `${pair.vmState} + ${task(pair.taskState)}: ${pair.before.status} -> ${pair.after.status}`,
    ),
    ...finding.consequences.filters.map((filter) => `filter ${filter.status}`),
  ];
}

const cases: [string, (spec: string) => string, Expected][] = [
  [
    "remove a value",
    (spec) =>
      spec
        .replace("      - value: stopped\n        description: Stopped.\n", "")
        .replace("    - vm_state: stopped\n      task_states: [null]\n      status: SHUTOFF\n", ""),
    {
      // The row is the cause of the changed pair and filter; the value's removal breaks clients on its own.
      findings: [
        ["error", "row-removed", "row stopped + null -> SHUTOFF was removed (base)"],
        ["error", "value-removed", "vm_state 'stopped' was removed: clients that send or compare it break"],
      ],
      consequences: [["stopped + null: SHUTOFF -> UNKNOWN", "filter SHUTOFF"], undefined],
      exit: 1,
      exitOnWarning: 1,
    },
  ],
  [
    "add a value",
    (spec) =>
      spec.replace(
        "      - value: rebooting\n        description: Rebooting.\n",
        "      - value: rebooting\n        description: Rebooting.\n      - value: pausing\n        description: Pausing.\n",
      ),
    {
      findings: [
        [
          "warning",
          "value-added",
          "task_state 'pausing' was added: exhaustive switches over task_state in clients must handle it",
        ],
      ],
      exit: 0,
      exitOnWarning: 1,
    },
  ],
  [
    "rename a value",
    (spec) =>
      spec
        .replace("      - value: rebooting\n", "      - value: reboot\n")
        .replace("task_states: [rebooting]", "task_states: [reboot]"),
    {
      // One finding: what the rename does to rows, derived statuses and filters is its consequences, not more findings.
      findings: [["error", "value-renamed", "task_state 'rebooting' was renamed to 'reboot'"]],
      consequences: [["active + rebooting: REBOOT -> ACTIVE", "active + reboot: ACTIVE -> REBOOT", "filter REBOOT"]],
      exit: 1,
      exitOnWarning: 1,
    },
  ],
  [
    "change a mapping row's task states",
    (spec) =>
      spec.replace("      task_states: [null]\n      status: SHUTOFF", "      task_states: any\n      status: SHUTOFF"),
    {
      findings: [
        ["error", "row-added", "row stopped + any task -> SHUTOFF was added (base)"],
        ["info", "row-removed", "row stopped + null -> SHUTOFF was removed (base)"],
      ],
      consequences: [
        ["stopped + rebooting: UNKNOWN -> SHUTOFF", "stopped + any other: UNKNOWN -> SHUTOFF", "filter SHUTOFF"],
        undefined,
      ],
      exit: 1,
      exitOnWarning: 1,
    },
  ],
  [
    "change a mapping row's status",
    (spec) =>
      spec.replace(
        "      task_states: [rebooting]\n      status: REBOOT",
        "      task_states: [rebooting]\n      status: ACTIVE",
      ),
    {
      findings: [["error", "row-changed", "row active + rebooting: status REBOOT -> ACTIVE (base)"]],
      consequences: [["active + rebooting: REBOOT -> ACTIVE", "filter REBOOT"]],
      exit: 1,
      exitOnWarning: 1,
    },
  ],
  [
    "change only a description",
    (spec) =>
      spec.replace(
        "        description: Running.\n      - value: stopped",
        "        description: Up and running.\n      - value: stopped",
      ),
    {
      findings: [["info", "description-changed", "vm_state 'active': description changed"]],
      exit: 0,
      exitOnWarning: 0,
    },
  ],
  [
    "renumber a power state",
    (spec) => spec.replace("      - value: 1\n", "      - value: 2\n"),
    { findings: [["error", "power-state-changed", "power_state changed from 1 to 2"]], exit: 1, exitOnWarning: 1 },
  ],
];

/** A head whose spec does not validate: a number where task states are listed. */
const invalidEdit = (spec: string) =>
  spec.replace("    - vm_state: stopped\n      task_states: [null]", "    - vm_state: stopped\n      task_states: 7");

/** Each case's change as its own branch off one base commit: one repository serves every case. */
const heads = cases.map(([name]) => name.replace(/[^a-z]+/g, "-"));
let casesRepo: string | undefined;
function repoWithCases(): string {
  if (casesRepo) return casesRepo;
  const repo = repoWithChange((spec) => spec.replace("Stopped.", "Halted."));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  const branches: [string, (spec: string) => string][] = [
    ...cases.map(([, edit], index): [string, (spec: string) => string] => [heads[index], edit]),
    ["invalid", invalidEdit],
  ];
  for (const [branch, edit] of branches) {
    const edited = edit(baseSpec);
    expect(edited, "the edit changed nothing").not.toBe(baseSpec);
    git("checkout", "-q", "-b", branch, "base");
    writeFileSync(join(repo, "spec", "base.yaml"), edited);
    git("commit", "-qam", branch);
  }
  git("checkout", "-q", "main");
  return (casesRepo = repo);
}

/** A run's result shared by the tests that assert on it: each test still fails on its own. */
function shared(run: () => Promise<RunResult>): () => Promise<RunResult> {
  let result: Promise<RunResult> | undefined;
  return () => (result ??= run());
}

describe("statespec diff between two commits", () => {
  cases.forEach(([name, , expected], index) => {
    describe(name, () => {
      const head = heads[index];
      const diffCase = (...args: string[]) => diffIn(repoWithCases(), ["--base", "base", "--head", head, ...args]);
      // The JSON report is read by the json test and for the markdown test's locations; a second run with
      // --fail-on warning gives the json test its fingerprints again and the --fail-on test its exit code.
      const json = shared(() => diffCase("--format", "json"));
      const jsonOnWarning = shared(() => diffCase("--format", "json", "--fail-on", "warning"));

      it("json: exact findings and consequences, valid against the schema, with stable fingerprints", async () => {
        const result = await json();
        expect(result.stderr).toBe("");
        expect(result.code).toBe(expected.exit);
        const report: Report = diffJson(result.stdout);
        expect(report.findings.map((f) => [f.severity, f.kind, f.message])).toEqual(expected.findings);
        expect(report.findings.map(consequenceLines)).toEqual(
          expected.consequences ?? expected.findings.map(() => undefined),
        );
        const again: Report = diffJson((await jsonOnWarning()).stdout);
        expect(again.findings.map((f) => f.fingerprint)).toEqual(report.findings.map((f) => f.fingerprint));
      });

      it("text: one line per finding and a summary", async () => {
        const result = await diffCase();
        expect(result.code).toBe(expected.exit);
        const lines = result.stdout.split("\n");
        expect(lines[0]).toBe(`statespec diff base -> ${head}`);
        for (const [severity, kind, message] of expected.findings)
          expect(lines.some((line) => line.startsWith(`${severity} ${kind} acme: ${message}`))).toBe(true);
        const count = (severity: string) => expected.findings.filter((f) => f[0] === severity).length;
        const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
        expect(result.stdout).toContain(
          `${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${count("info")} info`,
        );
      });

      it("markdown: a summary and a table row per finding", async () => {
        const result = await diffCase("--format", "markdown");
        expect(result.code).toBe(expected.exit);
        // A head's name is letters and dashes: nothing in it a regular expression reads.
        expect(result.stdout).toMatch(
          new RegExp(
            `^### statespec diff: \`base\` → \`${head}\`\\n\\n\\*\\*\\d+ errors?, \\d+ warnings?, \\d+ info\\*\\*`,
          ),
        );
        for (const [, kind, message] of expected.findings)
          expect(result.stdout).toContain(`| \`acme\` | \`${kind}\` | \`${message.replace(/\|/g, "\\|")}`);
        // Located findings keep their file:line, as in the other formats.
        const report: Report = diffJson((await json()).stdout);
        for (const f of report.findings)
          if (f.location)
            expect(result.stdout).toContain(`| ${markdownCode(`${f.location.file}:${f.location.line}`, "cell")} |`);
      });

      it("github: an annotation per finding at the head YAML file", async () => {
        const result = await diffCase("--format", "github");
        expect(result.code).toBe(expected.exit);
        const lines = result.stdout.trim().split("\n");
        expect(lines).toHaveLength(expected.findings.length);
        expected.findings.forEach(([severity, kind, message], index) => {
          const level = severity === "info" ? "notice" : severity;
          expect(lines[index]).toMatch(
            new RegExp(`^::${level} (file=spec/base\\.yaml,line=\\d+,col=\\d+,)?title=statespec ${kind}::acme: `),
          );
          expect(lines[index]).toContain(message);
        });
      });

      it("--fail-on decides the exit code", async () => {
        expect((await jsonOnWarning()).code).toBe(expected.exitOnWarning);
      });
    });
  });

  it("--fail-on never exits 0 on a diff with errors, and reports them as without it", async () => {
    const index = cases.findIndex(([, , expected]) => expected.exit === 1);
    const args = ["--base", "base", "--head", heads[index]!, "--format", "json"];
    const [gated, never] = [
      await diffIn(repoWithCases(), args),
      await diffIn(repoWithCases(), [...args, "--fail-on", "never"]),
    ];
    expect(gated.code).toBe(1);
    expect(never.code).toBe(0);
    expect(diffJson(never.stdout)).toEqual(diffJson(gated.stdout));
  });

  it("head defaults to the working tree, and an uncommitted change counts", async () => {
    const repo = repoWithChange((spec) => spec.replace("Stopped.", "Halted."));
    const clean = await diffIn(repo, ["--base", "main"]);
    expect(clean.stdout).toContain("No semantic changes.");
    const committed = readFileSync(join(repo, "spec", "base.yaml"), "utf8");
    writeFileSync(
      join(repo, "spec", "base.yaml"),
      committed.replace("      - value: REBOOT\n", "      - value: REBOOT\n      - value: PAUSED\n"),
    );
    const dirty = await diffIn(repo, ["--base", "main", "--format", "json"]);
    expect(diffJson(dirty.stdout).findings.map((f: { kind: string }) => f.kind)).toEqual(["value-added"]);
  });

  it("a side that does not validate is reported, not crashed on", async () => {
    const result = await diffIn(repoWithCases(), ["--base", "base", "--head", "invalid"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the head spec (invalid) is not valid");
    expect(result.stderr).toMatch(/invalid:spec\/base\.yaml:\d+:\d+: error schema-type/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unknown ref is a usage error", async () => {
    const result = await diffIn(repoWithCases(), ["--base", "no-such-ref"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'no-such-ref' is neither a folder nor a git ref of this repository");
    // A remote's branch the clone has not fetched (CI checks out one commit): the message says how to get it.
    const remote = await diffIn(repoWithCases(), ["--base", "origin/main"]);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toBe(
      "statespec diff: 'origin/main' is neither a folder nor a git ref of this repository; if it is a branch of " +
        "remote 'origin', fetch it first (git fetch origin main, or actions/checkout with fetch-depth: 0)\n",
    );
  });
});

describe("statespec diff on the shipped spec", () => {
  it("against itself reports nothing and exits 0", async () => {
    for (const format of ["text", "json", "markdown", "github"]) {
      const result = await runCli([
        "diff",
        "--base",
        "spec",
        "--head",
        "spec",
        "--format",
        format,
        "--fail-on",
        "warning",
      ]);
      expect(result.code).toBe(0);
      if (format === "json") expect(diffJson(result.stdout).findings).toEqual([]);
      if (format === "github") expect(result.stdout).toBe("");
      if (format === "text") expect(result.stdout).toContain("No semantic changes.");
    }
  });
});

describe("statespec diff in a project that uses the shipped specs (statespec:builtin)", () => {
  /** A repository with the overlay vendor committed on main and BACKUP renamed in the working tree. */
  function overlayRepo(specs: string): string {
    const repo = mkdtempSync(join(tmpdir(), "statespec-diff-overlay-"));
    const git = initGitRepo(repo);
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
    // The repository commits no output folder, so nothing records the shipped specs main was generated with.
    expect(result.stderr).toBe(
      "statespec diff: note: main has no record of the shipped specs (statespec-builtin/ in the output folder); both sides read the installed statespec's, so a statespec upgrade is not seen\n",
    );
    expect(result.code).toBe(1);
    const findings = diffJson(result.stdout).findings;
    expect(
      findings.map((f: { kind: string; vendor: string; message: string }) => [f.kind, f.vendor, f.message]),
    ).toEqual([["value-renamed", "mycloud", "status 'BACKUP' was renamed to 'BACKING_UP'"]]);
    expect(consequenceLines(findings[0])).toEqual([
      "active + backing_up: BACKUP -> BACKING_UP",
      "filter BACKUP",
      "filter BACKING_UP",
    ]);
    expect(findings[0].consequences.filters).toEqual([
      { status: "BACKUP", before: { vmStates: ["active"], taskStates: ["backing_up"] }, after: null },
      { status: "BACKING_UP", before: null, after: { vmStates: ["active"], taskStates: ["backing_up"] } },
    ]);
    expect(findings[0].location).toMatchObject({ file: "spec/mycloud.yaml" });
  });

  it("--base DIR stands for the project's folders; the shipped specs still come from the package", async () => {
    const repo = overlayRepo("[statespec:builtin, spec]");
    const before = mkdtempSync(join(tmpdir(), "statespec-diff-dir-"));
    cpSync("test/fixtures/overlay/spec", before, { recursive: true });
    const result = await diffIn(repo, ["--base", before, "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(diffJson(result.stdout).findings.map((f: { kind: string }) => f.kind)).toEqual(["value-renamed"]);
  });

  it("a ref from before the project's spec folder existed is a side without the project's documents", async () => {
    // main has the config, but not yet the folder it names: the overlay is written after.
    const repo = mkdtempSync(join(tmpdir(), "statespec-diff-overlay-"));
    const git = initGitRepo(repo);
    writeFileSync(
      join(repo, "statespec.config.yaml"),
      "specs: [statespec:builtin, spec]\nvendors: [openstack, mycloud]\n",
    );
    git("add", ".");
    git("commit", "-qm", "config first");
    cpSync("test/fixtures/overlay/spec", join(repo, "spec"), { recursive: true });
    const result = await diffIn(repo, ["--base", "main", "--format", "json"]);
    expect(result.stderr).toBe(
      "statespec diff: note: main has no record of the shipped specs (statespec-builtin/ in the output folder); both sides read the installed statespec's, so a statespec upgrade is not seen\n",
    );
    expect(diffJson(result.stdout).findings.map((f: { kind: string; vendor: string }) => [f.kind, f.vendor])).toEqual([
      ["vendor-added", "mycloud"],
      ["document-added", "mycloud"],
    ]);
  });

  it("a spec folder outside the repository is an error against a ref, not silently left out", async () => {
    const outside = mkdtempSync(join(tmpdir(), "statespec-outside-"));
    cpSync("test/fixtures/overlay/spec", outside, { recursive: true });
    const repo = overlayRepo(`[statespec:builtin, ${JSON.stringify(outside)}]`);
    const result = await diffIn(repo, ["--base", "main"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /statespec diff: spec folder .*statespec-outside-\w+ is outside the git repository .*, so it has no version at 'main'/,
    );
  });
});

/** A repository whose first commit has `base` in spec/ and whose second overwrites the files of `head`. */
function repoWithFiles(base: Record<string, string>, head: Record<string, string>): string {
  const repo = mkdtempSync(join(tmpdir(), "statespec-diff-files-"));
  const git = initGitRepo(repo);
  mkdirSync(join(repo, "spec"));
  writeFileSync(join(repo, "statespec.config.yaml"), "");
  for (const [name, text] of Object.entries(base)) writeFileSync(join(repo, "spec", name), text);
  git("add", ".");
  git("commit", "-qm", "base");
  git("tag", "base");
  for (const [name, text] of Object.entries(head)) writeFileSync(join(repo, "spec", name), text);
  git("commit", "-qam", "head");
  return repo;
}

describe("statespec diff names the cause of each changed pair", () => {
  it("a translation that did not follow its original is a warning at the translation's entry", async () => {
    const translation = readFileSync("test/fixtures/invalid/translation-missing/spec/base.zh-CN.yaml", "utf8").replace(
      "      - value: stopped\n",
      "      - value: stopped\n        description: 已停止。\n",
    );
    const addPausing = (spec: string, description: string) =>
      spec.replace("      - value: rebooting\n", `      - value: pausing\n${description}      - value: rebooting\n`);
    const repo = repoWithFiles(
      { "base.yaml": baseSpec, "base.zh-CN.yaml": translation },
      {
        "base.yaml": addPausing(baseSpec.replace("Stopped.", "Halted."), "        description: Pausing.\n"),
        "base.zh-CN.yaml": addPausing(translation, ""),
      },
    );
    const result = await diffIn(repo, ["--base", "base", "--head", "main", "--format", "json", "--fail-on", "warning"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const findings = diffJson(result.stdout).findings;
    expect(
      findings.map((f: { severity: string; kind: string; message: string }) => [f.severity, f.kind, f.message]),
    ).toEqual([
      [
        "warning",
        "value-added",
        "task_state 'pausing' was added: exhaustive switches over task_state in clients must handle it",
      ],
      [
        "warning",
        "translation-behind",
        "vm_state 'stopped' description changed in the original, but its zh-CN translation (base-zh-CN) did not change",
      ],
      [
        "warning",
        "translation-behind",
        "task_state 'pausing' was described in the original, but its zh-CN translation (base-zh-CN) has no description",
      ],
      ["info", "description-changed", "vm_state 'stopped': description changed"],
    ]);
    expect(findings[1]).toMatchObject({
      stateKind: "vm_state",
      value: "stopped",
      locale: "zh-CN",
      document: "base-zh-CN",
      before: "Stopped.",
      after: "Halted.",
      translation: "已停止。",
      location: { file: "spec/base.zh-CN.yaml", line: 16 },
    });
    expect(findings[2]).toMatchObject({
      value: "pausing",
      before: null,
      after: "Pausing.",
      translation: null,
      location: { file: "spec/base.zh-CN.yaml" },
    });
  });

  it("a pair a vendor inherits changes with its fallback's row: the row for the fallback, fallback-changed for the vendor", async () => {
    const excerpt = readFileSync("test/fixtures/diff/replay/openstack-excerpt.yaml", "utf8");
    const repo = repoWithFiles(
      {
        "openstack-excerpt.yaml": excerpt,
        "ecs.yaml": readFileSync("test/fixtures/diff/replay/ecs-before.yaml", "utf8"),
      },
      {
        "openstack-excerpt.yaml": excerpt.replace(
          "      task_states: [resize_prep]\n      status: RESIZE\n    - vm_state: active",
          "      task_states: [resize_prep]\n      status: MIGRATING\n    - vm_state: active",
        ),
      },
    );
    const result = await diffIn(repo, ["--base", "base", "--head", "main", "--format", "json"]);
    expect(result.stderr).toBe("");
    const findings = diffJson(result.stdout).findings;
    expect(
      findings.map((f: { vendor: string; kind: string; message: string }) => [f.vendor, f.kind, f.message]),
    ).toEqual([
      ["ecs", "fallback-changed", "the answers ecs takes from openstack for pairs its documents do not cover changed"],
      ["openstack", "row-changed", "row active + resize_prep: status RESIZE -> MIGRATING (nova-excerpt)"],
    ]);
    for (const finding of findings)
      expect(consequenceLines(finding)!.sort()).toEqual([
        "active + resize_prep: RESIZE -> MIGRATING",
        "filter MIGRATING",
        "filter RESIZE",
      ]);
    expect(findings[0].consequences.pairs[0]).toMatchObject({
      documented: true,
      after: {
        origin: {
          kind: "fallback",
          vendor: "openstack",
          origin: { kind: "row", document: "nova-excerpt", taskState: "resize_prep" },
        },
      },
    });
  });
});
