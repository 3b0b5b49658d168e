// A "bump statespec" pull request, as a downstream team meets it: two packed versions of statespec, the second
// with one shipped row changed (error + rebuilding: REBUILD -> ERROR). The project's overlay vendor extends
// openstack, so the upgrade changes it too; `diff --base main` must say so, name the upgrade as the cause, fail
// under --fail-on error, and pass once the team's baseline accepts the upgrade.
// Every run is the installed package's CLI: the versions and shipped specs compared are the installed packages', not
// this checkout's (this checkout's main() would be 0.1.0 with its own specs). The first generate and the gated JSON
// diff run its executable as a process (the exit code a CI step sees); the other runs call the same installed
// bundle in this process (runUnpackedIn), which saves a Node start and a cold parse of both sides' YAML per run.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffJson } from "./helpers/diff-schema.js";
import { initGitRepo } from "./helpers/cli.js";
import { npmEnv, packedTarball } from "./helpers/packed.js";
import { linkPackage, runUnpackedIn, unpackPackage, type Unpacked } from "./helpers/unpacked.js";

const env = npmEnv;
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env });

let project: string;
/** The installed package. */
let installed: Unpacked;
/** The project's installed executable, as npx runs it. */
const statespec = (...args: string[]) => {
  const bin = join(project, "node_modules", ".bin", "statespec");
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: "utf8", env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
/** The installed package's CLI in this process: the bundle its executable loads, in the project, with its env. */
const statespecIn = (...args: string[]) => runUnpackedIn(installed, project, args, env);

/** The second version: the first's tarball with one row and one description of the shipped Nova spec changed and the
 * version bumped. */
function nextVersion(first: string, folder: string): string {
  const unpacked = join(folder, "unpacked");
  mkdirSync(unpacked);
  run("tar", ["-xzf", first, "-C", unpacked], folder);
  const spec = join(unpacked, "package", "spec", "openstack-nova-upstream.yaml");
  const row = "    - vm_state: error\n      task_states: [rebuilding]\n      status: REBUILD\n";
  const text = readFileSync(spec, "utf8");
  expect(text).toContain(row);
  // And a description the overlay vendor inherits: the upgrade is its cause there too.
  const described = 'value: active\n        description: "VM is running"';
  expect(text).toContain(described);
  writeFileSync(
    spec,
    text.replace(row, row.replace("REBUILD", "ERROR")).replace(described, described.replace("running", "up")),
  );
  const manifest = join(unpacked, "package", "package.json");
  writeFileSync(manifest, readFileSync(manifest, "utf8").replace('"version": "0.1.0"', '"version": "0.1.1"'));
  const second = join(folder, "statespec-0.1.1.tgz");
  run("tar", ["-czf", second, "-C", unpacked, "package"], folder);
  return second;
}

beforeAll(async () => {
  const first = await packedTarball();
  const packs = mkdtempSync(join(tmpdir(), "statespec-upgrade-pack-"));
  const second = nextVersion(first, packs);
  project = mkdtempSync(join(tmpdir(), "statespec-upgrade-"));
  const git = initGitRepo(project);
  const install = (tarball: string) => {
    rmSync(join(project, "node_modules"), { recursive: true, force: true });
    installed = unpackPackage(tarball);
    linkPackage(project, installed);
    const manifest = { name: "acme", private: true, devDependencies: { statespec: `file:${tarball}` } };
    writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  };
  install(first);
  // One artifact kind: the diff reads the specs and generated/'s record of the shipped ones, which every run writes;
  // TypeScript's emitter would be most of each generate's time.
  const config =
    "specs: [statespec:builtin, spec]\nout: generated\nvendors: [openstack, mycloud]\nartifacts: [json-schema]\n";
  writeFileSync(join(project, "statespec.config.yaml"), config);
  mkdirSync(join(project, "spec"));
  cpSync("test/fixtures/overlay/spec/mycloud.yaml", join(project, "spec", "mycloud.yaml"));
  writeFileSync(join(project, ".gitignore"), "node_modules\n");
  expect(statespec("generate").code).toBe(0);
  git("add", ".");
  git("commit", "-qm", "statespec 0.1.0");
  // The bump: the new version installed, out/ regenerated, as the pull request would hold it.
  install(second);
  const regenerated = await statespecIn("generate");
  expect(regenerated.code, regenerated.output).toBe(0);
}, 300_000);

/** The JSON diff under the gate, run once: the first test asserts on it, the last takes the upgrade's fingerprint. */
let gated: ReturnType<typeof statespec> | undefined;
const gatedJson = () => (gated ??= statespec("diff", "--base", "main", "--format", "json", "--fail-on", "error"));

/** What every format shows of the upgrade: its cause and the changed pairs of both vendors. */
function expectUpgradeShown(stdout: string, format: string): void {
  expect(stdout, format).toContain("statespec 0.1.0 -> 0.1.1 changed vendor openstack, which mycloud extends");
  expect(stdout, format).toContain("mycloud");
  expect(stdout.match(/error \+ rebuilding/g)?.length ?? 0, format).toBeGreaterThanOrEqual(2);
}

describe("a statespec upgrade in a downstream project's pull request", () => {
  it("json: the upgrade is the cause of openstack's row change and of the overlay's, and fails the gate", () => {
    const result = gatedJson();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const { findings } = diffJson(result.stdout);
    const upgrade = findings.find((f: { kind: string }) => f.kind === "statespec-upgraded");
    expect(upgrade).toMatchObject({
      vendor: "openstack",
      severity: "error",
      before: "0.1.0",
      after: "0.1.1",
      affected: ["mycloud"],
      message: "statespec 0.1.0 -> 0.1.1 changed vendor openstack, which mycloud extends",
    });
    const caused = findings.filter((f: { causedBy?: string }) => f.causedBy === upgrade.fingerprint);
    const pairs = (vendor: string) =>
      caused
        .filter((f: { vendor: string }) => f.vendor === vendor)
        .flatMap(
          (f: {
            consequences?: {
              pairs: { vmState: string; taskState: string; before: { status: string }; after: { status: string } }[];
            };
          }) => f.consequences?.pairs ?? [],
        )
        .map(
          (pair: { vmState: string; taskState: string; before: { status: string }; after: { status: string } }) =>
            `${pair.vmState} + ${pair.taskState}: ${pair.before.status} -> ${pair.after.status}`,
        );
    expect(pairs("openstack")).toEqual(["error + rebuilding: REBUILD -> ERROR"]);
    expect(pairs("mycloud")).toEqual(["error + rebuilding: REBUILD -> ERROR"]);
    // The inherited description's change, in both vendors, is the upgrade's too: nothing is left unattributed.
    const described = caused.filter((f: { kind: string }) => f.kind === "description-changed");
    expect(described.map((f: { vendor: string }) => f.vendor).sort()).toEqual(["mycloud", "openstack"]);
    expect(
      findings.filter((f: { kind: string; causedBy?: string }) => f.kind !== "statespec-upgraded" && !f.causedBy),
    ).toEqual([]);
  });

  it("markdown and github name the upgrade and both vendors' changed pairs (text: with the baseline, below)", async () => {
    // Text shows the same once the baseline accepts them, each finding with its acceptance: one text run (below)
    // holds both. The exit code does not depend on the format (json above, markdown and github here fail the gate).
    for (const format of ["markdown", "github"]) {
      const result = await statespecIn("diff", "--base", "main", "--format", format);
      expect(result.code, format).toBe(1);
      expectUpgradeShown(result.stdout, format);
    }
  });

  it("a pull request that also renames the output folder still shows the upgrade: main is read by its own config", async () => {
    // Read by the pull request's config, main's record of the shipped specs would be looked for in generated2/,
    // which main does not have: the upgrade would go unseen, and the gate pass.
    const configFile = join(project, "statespec.config.yaml");
    const config = readFileSync(configFile, "utf8");
    writeFileSync(configFile, config.replace("out: generated\n", "out: generated2\n"));
    try {
      const result = await statespecIn("diff", "--base", "main", "--format", "markdown");
      expect(result.stderr).toBe("");
      expect(result.code).toBe(1);
      expectUpgradeShown(result.stdout, "markdown");
    } finally {
      writeFileSync(configFile, config);
    }
  });

  it("a baseline entry for the upgrade accepts it and what it caused: exit 0, listed as accepted (text too)", async () => {
    // Before the baseline exists: the same findings as without the gate.
    const before = diffJson(gatedJson().stdout);
    const fingerprint = before.findings.find((f: { kind: string }) => f.kind === "statespec-upgraded").fingerprint;
    const reason = "Nova answers ERROR for a failed rebuild; our dashboards follow.";
    writeFileSync(
      join(project, "statespec.baseline.yaml"),
      `accepted:\n  - fingerprint: ${fingerprint}\n    reason: ${reason}\n`,
    );
    const json = await statespecIn("diff", "--base", "main", "--format", "json", "--fail-on", "error");
    expect(json.code).toBe(0);
    const report = diffJson(json.stdout);
    expect(report.findings.every((f: { accepted?: { reason: string } }) => f.accepted?.reason === reason)).toBe(true);
    expect(report.summary).toMatchObject({ error: 0, accepted: report.findings.length });
    const text = await statespecIn("diff", "--base", "main", "--fail-on", "error");
    expect(text.code).toBe(0);
    expectUpgradeShown(text.stdout, "text");
    expect(text.stdout).toContain(`accepted by the baseline: ${reason}`);
    expect(text.stdout).toContain(`${report.findings.length} accepted by the baseline`);
  });

  it("a vendor the pull request stops generating is its own removal, never the upgrade's, though the upgrade changed it", async () => {
    // openstack's documents differ between the sides (the upgrade), and the pull request also drops it from vendors:.
    // Were the removal the upgrade's, a baseline entry for the upgrade would accept it and the gate would pass.
    const configFile = join(project, "statespec.config.yaml");
    const baselineFile = join(project, "statespec.baseline.yaml");
    const config = readFileSync(configFile, "utf8");
    writeFileSync(configFile, config.replace("vendors: [openstack, mycloud]", "vendors: [mycloud]"));
    try {
      const unaccepted = diffJson((await statespecIn("diff", "--base", "main", "--format", "json")).stdout);
      const upgrade = unaccepted.findings.find((f: { kind: string }) => f.kind === "statespec-upgraded");
      expect(upgrade).toMatchObject({ vendor: "openstack", affected: ["mycloud"] });
      writeFileSync(baselineFile, `accepted:\n  - fingerprint: ${upgrade.fingerprint}\n    reason: the upgrade\n`);
      const result = await statespecIn("diff", "--base", "main", "--format", "json", "--fail-on", "error");
      expect(result.code).toBe(1);
      const { findings } = diffJson(result.stdout);
      const removed = findings.filter((f: { kind: string }) => f.kind === "vendor-removed");
      expect(removed).toMatchObject([{ vendor: "openstack", severity: "error" }]);
      expect(removed[0].causedBy).toBeUndefined();
      expect(removed[0].accepted).toBeUndefined();
      // The upgrade's own finding and mycloud's changes it caused are still accepted.
      expect(findings.find((f: { kind: string }) => f.kind === "statespec-upgraded").accepted).toBeDefined();
    } finally {
      writeFileSync(configFile, config);
      rmSync(baselineFile, { force: true });
    }
  });
});
