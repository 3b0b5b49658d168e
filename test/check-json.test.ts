// check --format json as a typed contract: schemaVersion, the facts of each finding as fields, diff's origin shape,
// fingerprints a baseline file accepts. Every report against the schema. In-process (runCliIn): what is printed and
// main()'s exit code; a refused baseline also runs as the built CLI, a real process, for the executable's exit code.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { checkJson, checkSchemaAccepts } from "./helpers/check-schema.js";
import { runBuilt, runCliIn } from "./helpers/cli.js";

const checkSchema = JSON.parse(readFileSync("generator/check/check.schema.json", "utf8"));
const diffSchema = JSON.parse(readFileSync("generator/diff/diff.schema.json", "utf8"));

function server(fields: Record<string, unknown>): string {
  const base = { status: "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null };
  return JSON.stringify({ ...base, "OS-EXT-STS:power_state": 1, ...fields });
}

/** A folder with input files and no config: the shipped specs, and a baseline (if any) read from this folder. */
function project(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-check-json-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const builtin = ["--spec", "statespec:builtin"];
// Two servers wrong the same way (other names, ids, files, positions), one wrong another way, one shelved one
// that rackspace answers through its fallback, and a list row (no vm_state).
const mismatch = server({ id: "a", name: "web-1", "OS-EXT-STS:vm_state": "stopped" });
const sameWrong = server({ id: "b", name: "other", "OS-EXT-STS:vm_state": "stopped" });
const otherWrong = server({ id: "c", "OS-EXT-STS:vm_state": "stopped", status: "PAUSED" });
const shelved = server({ id: "d", "OS-EXT-STS:vm_state": "shelved" });
const listRow = JSON.stringify({ ID: "e", Name: "row", Status: "HARD_REBOOT", "Task State": null, "Power State": 1 });

async function check(args: string[], cwd: string) {
  const result = await runCliIn(cwd, ["check", ...builtin, "--format", "json", ...args]);
  expect(result.stderr).toBe("");
  return { code: result.code, report: checkJson(result.stdout) };
}

describe("check.schema.json", () => {
  it("is a strict-ajv-clean 2020-12 schema whose origin and task state are diff's", () => {
    expect(checkSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(() => new Ajv2020({ strict: true }).compile(checkSchema)).not.toThrow();
    // One shape for a state answer's origin across commands (DESIGN.md, "One vocabulary").
    expect(checkSchema.$defs.origin).toEqual(diffSchema.$defs.origin);
    expect(checkSchema.$defs.taskState).toEqual(diffSchema.$defs.taskState);
  });

  it("is published as statespec/check.schema.json", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.exports["./check.schema.json"]).toBe("./generator/check/check.schema.json");
    expect(pkg.files).toContain("generator/check/check.schema.json");
  });

  it("rejects what the format is not (the validation can fail)", async () => {
    const { report } = await check(["servers.ndjson"], project({ "servers.ndjson": `${mismatch}\n` }));
    expect(checkSchemaAccepts(report)).toBe(true);
    const { schemaVersion, ...unversioned } = report;
    expect(schemaVersion).toBe(1);
    expect(checkSchemaAccepts(unversioned)).toBe(false);
    expect(checkSchemaAccepts({ ...report, findings: [{ ...report.findings[0], fingerprint: "XYZ" }] })).toBe(false);
    const { origin, ...noOrigin } = report.findings[0];
    expect(origin).toBeDefined();
    expect(checkSchemaAccepts({ ...report, findings: [noOrigin] })).toBe(false);
  });
});

describe("check --format json findings", () => {
  const folder = project({
    "one.ndjson": `${mismatch}\n${otherWrong}\n`,
    "two.ndjson": `${shelved}\n${sameWrong}\n`,
    "list.json": `[${listRow}]\n`,
  });

  it("carries the pair, the status, the derived status and the deriving row as fields", async () => {
    const { code, report } = await check(["one.ndjson"], folder);
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({
      code: "status-mismatch",
      server: { index: 1, id: "a", name: "web-1" },
      vmState: "stopped",
      taskState: null,
      status: "ACTIVE",
      derived: "SHUTOFF",
      origin: { kind: "row", document: "nova-upstream", vmState: "stopped", taskState: "*" },
    });
    const { origin } = report.findings[0];
    expect(origin.file).toBe("statespec:builtin/openstack-nova-upstream.yaml");
    expect(readFileSync("spec/openstack-nova-upstream.yaml", "utf8").split("\n")[origin.line - 1]).toMatch(/stopped/);
  });

  it("gives an answer through a fallback as diff does: the fallback vendor around its own origin", async () => {
    const { report } = await check(["--vendor", "rackspace", "two.ndjson"], folder);
    const shelvedFinding = report.findings.find((f: { server: { id: string } }) => f.server.id === "d");
    expect(shelvedFinding).toMatchObject({ derived: "SHELVED", origin: { kind: "fallback", vendor: "openstack" } });
    expect(shelvedFinding.origin.origin).toMatchObject({ kind: "row", document: "nova-upstream", vmState: "shelved" });
  });

  it("gives a list row's mismatch the statuses its task state can derive, and no vm_state", async () => {
    const { report } = await check(["list.json"], folder);
    const [found] = report.findings;
    expect(found).toMatchObject({ code: "status-mismatch", taskState: null, status: "HARD_REBOOT" });
    expect(found.vmState).toBeUndefined();
    expect(found.derived).toBeUndefined();
    expect(found.derivable).toContain("ACTIVE");
  });

  it("fingerprints what is wrong, not which server: sha256 of code, vendor, pair and status", async () => {
    const { report } = await check(["one.ndjson", "two.ndjson"], folder);
    const byId = new Map(report.findings.map((f: { server: { id: string } }) => [f.server.id, f]));
    const [a, b, c] = ["a", "b", "c"].map((id) => byId.get(id) as { fingerprint: string });
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    const key = { code: "status-mismatch", vendor: "openstack", vmState: "stopped", taskState: null, status: "ACTIVE" };
    expect(a.fingerprint).toBe(createHash("sha256").update(JSON.stringify(key)).digest("hex").slice(0, 16));
    // Another vendor is another finding.
    const rackspace = await check(["--vendor", "rackspace", "two.ndjson"], folder);
    const rb = rackspace.report.findings.find((f: { server: { id: string } }) => f.server.id === "b");
    expect(rb.fingerprint).not.toBe(a.fingerprint);
  });
});

describe("check --baseline", () => {
  const reason = "known: our cloud reports stopped servers as ACTIVE\n::error::forged \u001b[2J";

  it("accepts a finding by fingerprint: reported with the reason, counted apart, exit 0", async () => {
    const folder = project({ "servers.ndjson": `${mismatch}\n${sameWrong}\n` });
    const first = await check(["servers.ndjson"], folder);
    expect(first.code).toBe(1);
    const { fingerprint } = first.report.findings[0];
    const baseline = `accepted:\n  - fingerprint: "${fingerprint}"\n    reason: ${JSON.stringify(reason)}\n`;
    writeFileSync(join(folder, "accepted.yaml"), baseline);
    const { code, report } = await check(["--baseline", "accepted.yaml", "servers.ndjson"], folder);
    expect(code).toBe(0);
    expect(report.findings.map((f: { accepted?: { reason: string } }) => f.accepted)).toEqual([{ reason }, { reason }]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, accepted: 2, findings: [] });
    // The default file: statespec.baseline.yaml beside the config, here the working folder (no config).
    writeFileSync(join(folder, "statespec.baseline.yaml"), baseline);
    expect((await check(["servers.ndjson"], folder)).report.summary.accepted).toBe(2);
    // Every format says so, escaped: the reason comes from the repository.
    const text = await runCliIn(folder, ["check", ...builtin, "servers.ndjson"]);
    expect(text.code).toBe(0);
    const escapedReason = "known: our cloud reports stopped servers as ACTIVE\\u000A";
    expect(text.stdout).toContain(`(accepted by the baseline: ${escapedReason}`);
    expect(text.stdout).toContain("0 errors, 0 warnings, 2 accepted by the baseline");
    expect(text.stdout).not.toMatch(/\u001b|^::error/m);
    const github = await runCliIn(folder, ["check", ...builtin, "--format", "github", "servers.ndjson"]);
    expect(github.stdout.split("\n").filter((line) => line.startsWith("::"))).toHaveLength(2);
    for (const line of github.stdout.split("\n").filter((l) => l.startsWith("::"))) expect(line).toMatch(/^::notice /);
  });

  it("accepts only what it lists: a new finding still fails, and input it cannot read always does", async () => {
    const folder = project({ "servers.ndjson": `${mismatch}\n${otherWrong}\n`, "broken.json": "{" });
    const first = await check(["servers.ndjson", "broken.json"], folder);
    const fingerprints = first.report.findings.map((f: { fingerprint: string }) => f.fingerprint);
    const listed = [fingerprints[0], fingerprints[2]].map((fp) => `  - fingerprint: "${fp}"\n    reason: known\n`);
    writeFileSync(join(folder, "statespec.baseline.yaml"), `accepted:\n${listed.join("")}`);
    const { code, report } = await check(["--fail-on", "never", "servers.ndjson", "broken.json"], folder);
    const verdicts = report.findings.map((f: { code: string; accepted?: object }) => [f.code, Boolean(f.accepted)]);
    expect(verdicts).toEqual([
      ["status-mismatch", true],
      ["status-mismatch", false],
      ["json-syntax", false],
    ]);
    expect(code).toBe(1);
    expect(report.summary).toMatchObject({ errors: 2, accepted: 1 });
  });

  it("refuses a baseline it cannot read, located, before checking anything", async () => {
    const baseline = "accepted:\n  - fingerprint: nope\n";
    const folder = project({ "servers.ndjson": `${mismatch}\n`, "statespec.baseline.yaml": baseline });
    const result = await runBuilt(["check", ...builtin, "servers.ndjson"], { cwd: folder });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/statespec\.baseline\.yaml:2:\d+: error baseline-invalid/);
  });
});

describe("a server list without --long", () => {
  it("says which flag brings the columns check needs", async () => {
    const folder = mkdtempSync(join(tmpdir(), "statespec-check-long-"));
    const row = { ID: "a1", Name: "web-1", Status: "ACTIVE", Networks: {}, Image: "x", Flavor: "m1" };
    writeFileSync(join(folder, "list.json"), JSON.stringify([row]));
    const result = await runCliIn(folder, ["check", "--spec", "statespec:builtin", "--format", "json", "list.json"]);
    const report = checkJson(result.stdout);
    const messages = report.findings.map(
      (found: { code: string; message: string }) => `${found.code}: ${found.message}`,
    );
    expect(messages).toEqual([
      "missing-extended-status: has no Task State: the task_state cannot be checked and the status cannot be derived; add --long to openstack server list",
      "missing-extended-status: has no Power State; add --long to openstack server list",
    ]);
    expect(result.code).toBe(0);
  });
});
