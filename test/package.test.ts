// End to end, as a downstream repository uses statespec: npm pack, install the tarball into a fresh project
// outside this repository, add a config and an overlay vendor, npm run generate, compile and import the output.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });
const tsc = resolve("node_modules/typescript/bin/tsc");

let project: string;

beforeAll(() => {
  const packs = mkdtempSync(join(tmpdir(), "statespec-pack-"));
  npm(["pack", "--silent", "--pack-destination", packs], process.cwd());
  const tarball = join(packs, readdirSync(packs).find((name) => name.endsWith(".tgz"))!);
  project = mkdtempSync(join(tmpdir(), "statespec-downstream-"));
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "downstream", private: true, type: "module", scripts: { generate: "statespec generate" }, dependencies: { statespec: `file:${tarball}` } }, null, 2),
  );
  writeFileSync(join(project, "statespec.config.yaml"), ["specs:", "  - statespec:builtin", "  - spec", "out: generated", "vendors: [openstack, mycloud]", ""].join("\n"));
  mkdirSync(join(project, "spec"));
  cpSync("test/fixtures/overlay/spec/mycloud.yaml", join(project, "spec", "mycloud.yaml"));
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund"], project);
}, 300_000);

describe("statespec installed from its tarball in a downstream project", () => {
  it("npm run generate writes the shipped vendor and the overlay vendor", () => {
    const output = npm(["run", "--silent", "generate"], project);
    expect(output).toMatch(/wrote \d+ file\(s\)/);
    expect(readdirSync(join(project, "generated")).sort()).toEqual([".statespec-manifest.json", "README.md", "conformance.md", "mycloud", "openstack"]);
  });

  it("the generated module compiles and runs: the overlay keeps Nova's rules and adds its own", () => {
    execFileSync(process.execPath, [tsc, "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--outDir", "build", "generated/mycloud/index.ts"], { cwd: project, encoding: "utf8" });
    writeFileSync(
      join(project, "check.mjs"),
      `import * as mycloud from "./build/index.js";
console.log(JSON.stringify([mycloud.statusFromState("active", "backing_up"), mycloud.statusFromState("active", "rebooting"), mycloud.statusFromState("stopped", "scanning"), mycloud.statusFromState("build", null), mycloud.isTaskState("scanning"), mycloud.statesForStatus("backup")]));
`,
    );
    const result = JSON.parse(execFileSync(process.execPath, ["check.mjs"], { cwd: project, encoding: "utf8" }));
    expect(result).toEqual(["BACKUP", "REBOOT", "SHUTOFF", "UNKNOWN", true, { vmStates: ["active"], taskStates: ["backing_up"] }]);
  });

  it("the package's exports serve the shipped vendor module and its published JSON Schemas", () => {
    writeFileSync(
      join(project, "exports.mjs"),
      `import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { statusFromState } from "statespec/openstack";
const require = createRequire(import.meta.url);
const ajv = new Ajv2020({ strict: true });
for (const kind of ["vm-state", "task-state", "power-state", "status", "server"]) {
  ajv.addSchema(JSON.parse(readFileSync(require.resolve("statespec/openstack/schema/" + kind + ".schema.json"), "utf8")));
}
const server = ajv.getSchema("https://statespec.invalid/schemas/openstack/server.schema.json");
console.log(JSON.stringify([
  statusFromState("paused", "migrating"),
  server({ status: "SHUTOFF", "OS-EXT-STS:vm_state": "stopped", "OS-EXT-STS:task_state": null, "OS-EXT-STS:power_state": 4 }),
  server({ status: "SHUTOFF", "OS-EXT-STS:vm_state": "stopped", "OS-EXT-STS:power_state": 5 }),
  require.resolve("statespec/openstack/openapi.yaml").endsWith("openapi.yaml"),
]));
`,
    );
    const result = JSON.parse(execFileSync(process.execPath, ["exports.mjs"], { cwd: project, encoding: "utf8" }));
    expect(result).toEqual(["MIGRATING", true, false, true]);
  });

  it("npx statespec works in the project, with --help and usage errors", () => {
    expect(execFileSync("npx", ["--no-install", "statespec", "--help"], { cwd: project, encoding: "utf8" })).toContain("Usage: statespec <command>");
    let code = 0;
    try {
      execFileSync("npx", ["--no-install", "statespec", "generate", "--nope"], { cwd: project, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      code = (error as { status: number }).status;
    }
    expect(code).toBe(2);
  });
});
