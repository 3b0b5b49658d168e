// Golden output of `statespec diff` (in a temp git repository) for one change of each cause a reviewer meets: a
// vendor's policy change (the replayed ECS revision), a row change, a rename and a note change; markdown and JSON for
// each, the JSON held against the published schema. RECORD=1 rewrites the goldens. The policy change's markdown runs
// the built CLI as a real process (its exit code, its streams); the rest is about the text: in-process (runCliIn).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lint } from "markdownlint/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { diffJson } from "./helpers/diff-schema.js";
import { recording, runBuilt, runCliIn, type RunResult, initGitRepo } from "./helpers/cli.js";

const goldens = "test/golden/diff";
const minimal = "test/fixtures/valid-minimal/spec";
const replay = "test/fixtures/diff/replay";

interface Case {
  /** The spec files of the base commit, by name in spec/. */
  base: Record<string, string>;
  /** The head commit's edit: file name in spec/ -> new text. */
  head: Record<string, string>;
}

const minimalSpec = readFileSync(join(minimal, "base.yaml"), "utf8");
const edited = (edit: (spec: string) => string) => {
  const text = edit(minimalSpec);
  if (text === minimalSpec) throw new Error("the edit changed nothing");
  return { "base.yaml": text };
};

const cases: Record<string, Case> = {
  // The vendor's own revision: adds shelving, and answers UNKNOWN instead of Nova's answer for what it does not list.
  "policy-change": {
    base: {
      "openstack-excerpt.yaml": readFileSync(join(replay, "openstack-excerpt.yaml"), "utf8"),
      "ecs.yaml": readFileSync(join(replay, "ecs-before.yaml"), "utf8"),
    },
    head: { "ecs.yaml": readFileSync(join(replay, "ecs-after.yaml"), "utf8") },
  },
  "row-change": {
    base: { "base.yaml": minimalSpec },
    head: edited((spec) =>
      spec.replace("      task_states: [null]\n      status: SHUTOFF", "      task_states: any\n      status: SHUTOFF"),
    ),
  },
  rename: {
    base: { "base.yaml": minimalSpec },
    head: edited((spec) =>
      spec
        .replace("      - value: rebooting\n", "      - value: reboot\n")
        .replace("task_states: [rebooting]", "task_states: [reboot]"),
    ),
  },
  "note-change": {
    base: {
      "base.yaml": minimalSpec.replace(
        "states:\n",
        'notes:\n  - section: Base document\n    text: "Servers are listed by status."\n  - section: Table 5\n    text: "Other pairs are UNKNOWN."\nstates:\n',
      ),
    },
    head: {
      "base.yaml": minimalSpec
        .replace("publisher: Acme\n", "publisher: Acme\n  revision: r2\n")
        .replace(
          "states:\n",
          'notes:\n  - section: Base document\n    text: "Servers are listed by their status."\n  - section: Table 4\n    text: "Statuses are upper case."\nstates:\n',
        ),
    },
  },
};

const formats = { markdown: "md", json: "json" } as const;

function repository(spec: Case): string {
  const repo = mkdtempSync(join(tmpdir(), "statespec-diff-golden-"));
  const git = initGitRepo(repo);
  mkdirSync(join(repo, "spec"));
  // Without a config statespec reads its shipped specs; this one's default is spec/ beside it.
  writeFileSync(join(repo, "statespec.config.yaml"), "");
  for (const [name, text] of Object.entries(spec.base)) writeFileSync(join(repo, "spec", name), text);
  git("add", ".");
  git("commit", "-qm", "base");
  git("tag", "base");
  for (const [name, text] of Object.entries(spec.head)) writeFileSync(join(repo, "spec", name), text);
  git("commit", "-qam", "head");
  return repo;
}

describe("statespec diff golden output", () => {
  const outputs = new Map<string, RunResult>();

  beforeAll(async () => {
    const runs = Object.entries(cases).flatMap(([name, spec]) => {
      const repo = repository(spec);
      return Object.entries(formats).map(async ([format, extension]) => {
        const args = ["diff", "--base", "base", "--head", "main", "--format", format, "--fail-on", "never"];
        // One real process is enough for the executable's exit code and streams: the JSON is about the text.
        const real = name === "policy-change" && format === "markdown";
        const result = real ? await runBuilt(args, { cwd: repo }) : await runCliIn(repo, args);
        outputs.set(`${name}.${extension}`, result);
      });
    });
    await Promise.all(runs);
  }, 60_000);

  for (const name of Object.keys(cases)) {
    for (const extension of Object.values(formats)) {
      it(`${name}.${extension}`, () => {
        const result = outputs.get(`${name}.${extension}`)!;
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        if (extension === "json") diffJson(result.stdout);
        // A pull-request comment, not a file: it opens with an h3, so MD041 (first line h1) is off, and it folds the
        // long lists of consequences in <details>, which GitHub renders.
        const config = {
          ...JSON.parse(readFileSync(".markdownlint.json", "utf8")),
          MD041: false,
          MD033: { allowed_elements: ["br", "details", "summary"] },
        };
        if (extension === "md") expect(lint({ strings: { [name]: result.stdout }, config }).toString()).toBe("");
        const file = join(goldens, `${name}.${extension}`);
        if (recording) {
          mkdirSync(goldens, { recursive: true });
          writeFileSync(file, result.stdout);
        }
        if (!existsSync(file)) throw new Error(`${file} is missing; run with RECORD=1 and review it`);
        expect(result.stdout).toBe(readFileSync(file, "utf8"));
      });
    }
  }

  it("has no golden file that no case produces", () => {
    const expected = Object.keys(cases).flatMap((name) =>
      Object.values(formats).map((extension) => `${name}.${extension}`),
    );
    expect(readdirSync(goldens).sort()).toEqual(expected.sort());
  });

  it("the policy change is one finding with the note that says the new rule, its consequences ranked", () => {
    const report = diffJson(outputs.get("policy-change.json")!.stdout);
    const policies = report.findings.filter((f: { kind: string }) => f.kind === "policy-changed");
    expect(policies).toHaveLength(1);
    const [policy] = policies;
    expect(policy).toMatchObject({
      severity: "error",
      vendor: "ecs",
      cause: "policy",
      before: { fallback: "openstack" },
      after: { status: "UNKNOWN" },
    });
    expect(policy.notes).toEqual([
      {
        section: "ECS Statuses",
        before: null,
        after: "If the status of an ECS is not listed in Table 4, the status is displayed as UNKNOWN.",
      },
    ]);
    const pairs = policy.consequences.pairs as {
      vmState: string;
      taskState: string | null;
      documented: boolean;
      before: { status: string; origin: { kind: string } };
      after: { status: string; origin: { kind: string } };
    }[];
    // Documented pairs first: active + shelving (a pair real servers pass through) among them, Nova's answer before.
    const firstUndocumented = pairs.findIndex((pair) => !pair.documented);
    expect(firstUndocumented).toBe(policy.consequences.documentedPairs);
    expect(pairs.slice(firstUndocumented).every((pair) => !pair.documented)).toBe(true);
    expect(pairs.find((pair) => pair.vmState === "active" && pair.taskState === "shelving")).toMatchObject({
      documented: true,
      before: { status: "ACTIVE", origin: { kind: "fallback" } },
      after: { status: "UNKNOWN", origin: { kind: "policy" } },
    });
    // No other finding repeats a pair the policy explains, and the other added note stays with the document.
    expect(
      report.findings.filter((f: { consequences?: unknown }) => f !== policy && f.consequences !== undefined),
    ).toEqual([]);
    expect(report.findings.find((f: { kind: string }) => f.kind === "notes-changed").notes).toEqual([
      {
        section: "Table 2 OS-EXT-STS:vm_state statuses",
        before: null,
        after: "A shelved ECS keeps its disks, and its compute resources are released after it is offloaded.",
      },
    ]);
  });

  it("the markdown shows the documented pairs and collapses the rest", () => {
    const comment = outputs.get("policy-change.md")!.stdout;
    const table = comment.indexOf("| `active` | `shelving` | `ACTIVE (openstack: row nova-excerpt:");
    expect(table).toBeGreaterThan(0);
    expect(table).toBeLessThan(comment.indexOf("<details>"));
    expect(comment).toMatch(
      /<summary>\d+ pair\(s\) whose vm_state or task state no document of the vendor lists<\/summary>/,
    );
  });

  it("the schema rejects a finding whose typed fields are missing", () => {
    const report = JSON.parse(outputs.get("rename.json")!.stdout);
    delete report.findings[0].before;
    expect(() => diffJson(JSON.stringify(report))).toThrow();
  });
});
