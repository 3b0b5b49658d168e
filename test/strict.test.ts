// Strict when asked (issue 25): --fail-on for validate and generate, did-you-mean at the value itself drawn from
// the vendor's whole space, suggestions for option values, short usage errors. And (issue 24) did-you-mean whose
// work and cache are bounded by length, whatever the input holds. In-process (runCliIn) where the test is about what
// is printed and written; the built CLI as a real process for an exit code of the executable (one per kind), a
// current out/ (the executable answers a no-op generate before the CLI loads) and a heap limit.
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { runBuilt, runCliIn } from "./helpers/cli.js";
import { tree } from "./helpers/folders.js";

// A team's overlay vendor with two typos: PAUSD (openstack's PAUSED) and migrate (openstack's migrating). The
// document lists task states of its own but no statuses, as a small overlay does.
const overlay = `id: acmecloud
vendor:
  id: acmecloud
  extends: openstack
locale: en
provenance:
  source: acme.md
  title: Acme server states
  publisher: Acme
states:
  task_state:
    section: Extra task states
    values:
      - value: backing_up
        description: A backup is running.
mapping:
  section: Extra rows
  rows:
    - vm_state: active
      task_states: [backing_up]
      status: PAUSD
    - vm_state: stopped
      task_states: [migrate]
      status: SHUTOFF
`;

/** A project with the overlay beside the shipped specs; `config` is added to its statespec.config.yaml. */
function overlayProject(config = ""): string {
  const project = join(mkdtempSync(join(tmpdir(), "statespec-strict-")), "project");
  mkdirSync(join(project, "spec"), { recursive: true });
  writeFileSync(join(project, "spec", "acmecloud.yaml"), overlay);
  writeFileSync(join(project, "statespec.config.yaml"), `specs: [statespec:builtin, spec]\n${config}`);
  return project;
}

const typoWarnings = [
  "spec/acmecloud.yaml:21:15: warning undeclared-value mapping row produces status 'PAUSD', which neither vendor 'acmecloud' nor vendor 'openstack' (which it extends) declares; did you mean 'PAUSED'?",
  "spec/acmecloud.yaml:23:21: warning undeclared-value mapping row uses task_state 'migrate', which the document's task_state list does not declare; did you mean 'migrating'?",
];

const diagnosticLines = (stderr: string) => stderr.split("\n").filter((line) => / (error|warning) [a-z-]+ /.test(line));

describe("strict when asked (issue 25)", () => {
  it("a row's value its fallback vendor declares is not 'corrected' to the document's own typo", async () => {
    const project = overlayProject();
    const fallingBack = overlay
      .replace("  extends: openstack\n", "  uncovered:\n    fallback: openstack\n    why: test\n")
      .replace(
        "states:\n",
        "states:\n  vm_state:\n    section: VM states\n    values:\n      - value: stoped\n        description: A typo.\n",
      );
    writeFileSync(join(project, "spec", "acmecloud.yaml"), fallingBack);
    const result = await runCliIn(project, ["validate"]);
    const stopped = diagnosticLines(result.stderr).find((line) => line.includes("vm_state 'stopped'"));
    expect(stopped).toContain(
      "mapping row uses vm_state 'stopped', which the document's vm_state list does not declare; vendor 'openstack' " +
        "(which it falls back to) declares it: if the list's 'stoped' means the same, use one spelling",
    );
    expect(stopped).not.toContain("did you mean 'stoped'");
  });

  it("a typo in an overlay row is a warning at the value, with the value of the extended vendor it meant", async () => {
    const project = overlayProject();
    const result = await runCliIn(project, ["validate"]);
    expect(diagnosticLines(result.stderr)).toEqual(typoWarnings);
    expect(result.stdout).toContain("valid");
    expect(result.code).toBe(0);
  });

  it("validate --fail-on warning exits 1 with those warnings", async () => {
    const result = await runBuilt(["validate", "--fail-on", "warning"], { cwd: overlayProject() });
    expect(diagnosticLines(result.stderr)).toEqual(typoWarnings);
    expect(result.stderr).toContain("the warnings fail this run (fail-on warning)");
    expect(result.stdout).not.toContain("valid");
    expect(result.code).toBe(1);
  });

  it("generate --fail-on warning writes nothing and exits 1, as on an error", async () => {
    const project = overlayProject();
    const before = tree(project);
    const result = await runCliIn(project, ["generate", "--fail-on", "warning"]);
    expect(diagnosticLines(result.stderr)).toEqual(typoWarnings);
    expect(result.stderr).toContain("nothing was written");
    expect(result.code).toBe(1);
    expect(tree(project)).toEqual(before);
  });

  it("the config's failOn is the default; the option wins over it; a current out/ is still validated", async () => {
    // No TypeScript output: this is about failOn, and its compiler would be most of the test's time.
    const project = overlayProject("failOn: warning\nartifacts: [json-schema, markdown]\n");
    const strict = await runCliIn(project, ["generate"]);
    expect(strict.code).toBe(1);
    expect(existsSync(join(project, "out"))).toBe(false);
    const relaxed = await runCliIn(project, ["generate", "--fail-on", "error"]);
    expect(relaxed.code, relaxed.stderr).toBe(0);
    expect(existsSync(join(project, "out", "acmecloud"))).toBe(true);
    // out/ is current now, yet the warnings still fail a strict run: it must not answer from the manifest alone.
    const before = tree(project);
    // generate as the executable, which answers a current out/ itself when it may; --check in-process: the
    // executable's no-op path turns both away on the same test (the config's failOn: warning, up-to-date.ts).
    for (const args of [["generate"], ["generate", "--check"], ["validate"]]) {
      const asExecutable = args.join(" ") === "generate";
      const again = asExecutable ? await runBuilt(args, { cwd: project }) : await runCliIn(project, args);
      expect(again.code, args.join(" ")).toBe(1);
      expect(diagnosticLines(again.stderr), args.join(" ")).toEqual(typoWarnings);
    }
    expect(tree(project)).toEqual(before);
  });

  it("--fail-on never reports errors and exits 0 in validate; generate still stops on an error", async () => {
    const project = overlayProject();
    writeFileSync(join(project, "spec", "acmecloud.yaml"), overlay.replace("extends: openstack", "extends: opnstack"));
    const validate = await runCliIn(project, ["validate", "--fail-on", "never"]);
    expect(validate.stderr).toContain(
      "error unknown-vendor extends vendor 'opnstack', which no document defines; did you mean 'openstack'?",
    );
    expect(validate.code).toBe(0);
    const generate = await runCliIn(project, ["generate", "--fail-on", "never"]);
    expect(generate.code).toBe(1);
    expect(existsSync(join(project, "out"))).toBe(false);
  });

  it("check takes the config's failOn as its default too: one word, one meaning", async () => {
    const project = overlayProject("failOn: never\n");
    writeFileSync(
      join(project, "servers.json"),
      '{"server": {"id": "a", "status": "BOGUS", "OS-EXT-STS:vm_state": "active"}}\n',
    );
    const relaxed = await runCliIn(project, ["check", "servers.json"]);
    expect(relaxed.stdout).toContain("error unknown-status");
    expect(relaxed.code).toBe(0);
    expect((await runCliIn(project, ["check", "--fail-on", "error", "servers.json"])).code).toBe(1);
  });
});

// The first as the executable (its exit code 2), the others in-process.
const usageErrors: [args: string[], message: string, asProcess?: "the executable"][] = [
  [
    ["validate", "--format", "txt"],
    "statespec validate: --format must be one of text, json, github, not 'txt'; did you mean 'text'?",
    "the executable",
  ],
  [
    ["validate", "--fail-on", "warn"],
    "statespec validate: --fail-on must be one of error, warning, never, not 'warn'; did you mean 'warning'?",
  ],
  [
    ["generate", "--fail-on", "warn"],
    "statespec generate: --fail-on must be one of error, warning, never, not 'warn'; did you mean 'warning'?",
  ],
  [
    ["check", "--fail-on", "warn", "-"],
    "statespec check: --fail-on must be one of error, warning, never, not 'warn'; did you mean 'warning'?",
  ],
  [
    ["check", "--vendor", "opnstack", "-"],
    "statespec check: unknown vendor 'opnstack'; did you mean 'openstack'? (known: huawei-ecs, openstack, rackspace, acmecloud)",
  ],
  [
    ["export", "--vendor", "opnstack"],
    "statespec export: unknown vendor 'opnstack'; did you mean 'openstack'? (known: huawei-ecs, openstack, rackspace, acmecloud)",
  ],
  [
    ["validate", "--spec", "--all-warnings"],
    "statespec validate: --spec needs a value, and '--all-warnings' looks like an option; if it is the value, write --spec=--all-warnings",
  ],
  [["validate", "--format"], "statespec validate: --format needs a value"],
  [["validate", "--all-warnings=yes"], "statespec validate: --all-warnings takes no value"],
  [["validate", "--formt", "json"], "statespec validate: unknown option '--formt'; did you mean '--format'?"],
  [["validate", "extra"], "statespec validate: unexpected argument 'extra': this command takes options only"],
  [["generate", "--watch", "--fail-on", "warning"], "statespec generate: --fail-on and --watch cannot be combined"],
];

describe("usage errors (issue 25, item 9)", () => {
  it.each(usageErrors)("%j: one line in our words, a pointer to --help, exit 2", async (args, message, asProcess) => {
    const result = asProcess ? await runBuilt(args, { cwd: overlayProject() }) : await runCliIn(overlayProject(), args);
    expect(result.code).toBe(2);
    const lines = result.stderr.split("\n").filter((line) => line !== "");
    expect(lines[0]).toBe(message);
    // Not the whole help, and none of Node's parser wording.
    expect(lines.length).toBeLessThanOrEqual(2);
    if (lines.length === 2) expect(lines[1]).toBe(`Run 'statespec ${args[0]} --help' for its usage and options.`);
    expect(result.stderr).not.toMatch(
      /Options:|ambiguous|Did you forget|ERR_PARSE_ARGS|Unknown option|Unexpected argument/,
    );
  });
});

/** A response file of `count` servers, each with its own unknown status of `size` characters, written as a stream. */
async function hugeStatuses(count: number, size: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "statespec-huge-")), "servers.json");
  const out = createWriteStream(file);
  const chunk = "X".repeat(64 * 1024);
  out.write('{"servers": [');
  for (let index = 0; index < count; index++) {
    // Distinct from the first characters on, so no two values share a cache entry or a summary row.
    out.write(`${index === 0 ? "" : ","}{"id": "s${index}", "status": "S${index}-`);
    for (let written = 0; written < size; written += chunk.length) if (!out.write(chunk)) await once(out, "drain");
    out.write('", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null, "OS-EXT-STS:power_state": 1}');
  }
  out.end("]}\n");
  await once(out, "finish");
  return file;
}

describe("did-you-mean on huge values (issue 24)", () => {
  it("check on 36 servers with distinct 1 MB unknown statuses ends with findings in a 100 MB heap", async () => {
    const file = await hugeStatuses(36, 1024 * 1024);
    // Before the caps, 36 such statuses exhausted a 100 MB heap (an uncapped edit distance, whole values cached).
    const result = await runBuilt(["check", "--spec", "statespec:builtin", file], {
      env: { NODE_OPTIONS: "--max-old-space-size=100" },
      timeoutMs: 60_000,
    });
    expect(result.signal, result.stderr.slice(0, 2000)).toBeNull();
    expect(result.stderr).not.toMatch(/heap|\n\s+at /);
    expect(result.code).toBe(1);
    const unknown = result.stdout.split("\n").filter((line) => / error unknown-status /.test(line));
    expect(unknown).toHaveLength(36);
    // No suggestion for a value that long, and no line carries the whole value.
    expect(unknown.join("\n")).not.toMatch(/did you mean/);
    expect(Math.max(...result.stdout.split("\n").map((line) => line.length))).toBeLessThan(1000);
  }, 90_000);
});
