// Command-line usage, help and the config file.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { diagnosticCodes } from "../generator/common/diagnostics.js";
import { initGitRepo, runBuilt, runCli, runCliIn } from "./helpers/cli.js";
import { caseInTemp } from "./helpers/fixtures.js";
import { tree } from "./helpers/folders.js";

const diagnosticsSchema = JSON.parse(readFileSync("generator/validate/diagnostics.schema.json", "utf8"));

describe("usage", () => {
  it("--help lists every command; each command's --help lists its options", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["validate", "generate", "export", "diff"]) expect(help.stdout).toContain(`  ${command}`);
    const generateHelp = await runCli(["generate", "--help"]);
    for (const option of ["--check", "--watch", "--out DIR", "--enum-style", "--config FILE", "--spec DIR", "--format"])
      expect(generateHelp.stdout).toContain(option);
  });

  it("help columns line up: every description starts in one column, two spaces after the longest entry", async () => {
    for (const args of [["--help"], ["diff", "--help"], ["generate", "--help"]]) {
      const help = (await runCli(args)).stdout;
      const rows = help.split("\n").filter((line) => /^ {2}\S/.test(line));
      expect(rows.length).toBeGreaterThan(3);
      const starts = new Set(rows.map((line) => /^ {2}\S.*?\S {2,}(?=\S)/.exec(line)?.[0].length));
      expect([...starts], help).toHaveLength(1);
    }
  });

  it.each([
    [["frobnicate"], "unknown command 'frobnicate'"],
    [["genrate"], "unknown command 'genrate'; did you mean 'generate'?"],
    [["generate", "--chek"], "unknown option '--chek'; did you mean '--check'?"],
    [["diff", "--base", "main", "--fail-onn", "never"], "unknown option '--fail-onn'; did you mean '--fail-on'?"],
    [["validate", "--bogus"], "unknown option '--bogus'"],
    [["validate", "extra"], "unexpected argument 'extra'"],
    [["generate", "--enum-style", "class"], "--enum-style must be one of enum, const, not 'class'"],
    [["generate", "--check", "--watch"], "--check and --watch cannot be combined"],
    [["validate", "--format", "xml"], "--format must be one of text, json, github"],
    [["validate", "--spec", "spec", "--spec", ""], "--spec is empty; give it a value"],
    [["generate", "--config", ""], "--config is empty; give it a value"],
    [["check", "--vendor", "", "x.json"], "--vendor is empty; give it a value"],
    [[], "Usage: statespec <command>"],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toContain(message);
  });
});

describe("diagnostic formats", () => {
  // Run from a temporary root holding the case at its path in this checkout: the diagnostics name that path.
  const broken = "test/fixtures/invalid/undeclared-value/spec";

  it("--format json prints every diagnostic as data, in the published shape (statespec/diagnostics.schema.json)", async () => {
    const result = await runCliIn(caseInTemp("undeclared-value").root, [
      "validate",
      "--spec",
      broken,
      "--format",
      "json",
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stderr);
    const validateReport = new Ajv2020({ strict: true, allErrors: true }).compile(diagnosticsSchema);
    expect(validateReport(report) ? [] : validateReport.errors).toEqual([]);
    expect(validateReport({ ...report, summary: { errors: -1, warnings: 2 } })).toBe(false);
    expect(report.schemaVersion).toBe(1);
    expect(report.summary).toEqual({ errors: 0, warnings: 2 });
    expect(report.diagnostics).toEqual([
      {
        code: "unreachable-value",
        severity: "warning",
        message: "vm_state 'stopped' is declared, but no mapping row of the vendor uses it",
        file: `${broken}/base.yaml`,
        line: 18,
        column: 9,
      },
      {
        code: "undeclared-value",
        severity: "warning",
        message:
          "mapping row uses vm_state 'stoped', which the document's vm_state list does not declare; did you mean 'stopped'?",
        file: `${broken}/base.yaml`,
        line: 46,
        column: 17,
      },
    ]);
  });

  it("the schema lists every diagnostic code, and is published", () => {
    expect(diagnosticsSchema.$defs.diagnostic.properties.code.enum).toEqual(Object.keys(diagnosticCodes));
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.exports["./diagnostics.schema.json"]).toBe("./generator/validate/diagnostics.schema.json");
    expect(pkg.files).toContain("generator/validate/diagnostics.schema.json");
  });

  it("--format github prints workflow annotations at the spec line", async () => {
    const result = await runCliIn(caseInTemp("conflicting-rows").root, [
      "validate",
      "--spec",
      "test/fixtures/invalid/conflicting-rows/spec",
      "--format",
      "github",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "::error file=test/fixtures/invalid/conflicting-rows/spec/base.yaml,line=50,col=32,title=conflicting-rows::vm_state 'stopped' with no task (null) is mapped to ACTIVE here and to SHUTOFF on line 47\n",
    );
  });

  it("--version prints the generator version", async () => {
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${JSON.parse(readFileSync("package.json", "utf8")).version}\n`);
  });
});

describe("statespec.config.yaml", () => {
  it("chooses spec folders (shipped specs plus the user's), output, vendors, artifacts and enum style", async () => {
    const project = mkdtempSync(join(tmpdir(), "statespec-config-"));
    cpSync("test/fixtures/overlay/spec", join(project, "spec"), { recursive: true });
    writeFileSync(
      join(project, "statespec.config.yaml"),
      [
        "specs:",
        "  - statespec:builtin",
        "  - spec",
        "out: generated",
        "vendors: [mycloud, openstack]",
        "artifacts: [typescript, json-schema]",
        "enumStyle: const",
        "",
      ].join("\n"),
    );
    const result = await runCliIn(project, ["generate"]);
    expect(result.stderr).not.toContain(": error ");
    // The shipped specs' warnings are about statespec's sources, not this project: shown only when asked.
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const all = await runCliIn(project, ["validate", "--all-warnings"]);
    expect(all.stderr).toContain("statespec:builtin/rackspace.yaml:62:9: warning unreachable-value");
    expect(readdirSync(join(project, "generated")).sort()).toEqual([
      ".statespec-manifest.json",
      "mycloud",
      "openstack",
      "statespec-builtin",
    ]);
    expect(readdirSync(join(project, "generated", "mycloud")).sort()).toEqual(["index.ts", "schema"]);
    const mycloud = readFileSync(join(project, "generated", "mycloud", "index.ts"), "utf8");
    expect(mycloud).toContain("export const TaskState = {");
    expect(mycloud).toContain('BACKING_UP: "backing_up"');
    // Extends openstack: all of Nova's values, without copying them.
    expect(mycloud).toContain('SHELVING_OFFLOADING: "shelving_offloading"');
    expect(existsSync(join(project, "generated", "README.md"))).toBe(false);
  });

  it.each([
    [
      "unknown key",
      "spec: [spec]\n",
      "statespec.config.yaml:1:1: error schema-unknown-key unknown key 'spec' in the document; expected one of: specs, out, vendors, artifacts, enumStyle, schemaBaseUri, failOn; did you mean 'specs'?",
    ],
    [
      "misspelt key",
      "vendor: [openstack]\n",
      "statespec.config.yaml:1:1: error schema-unknown-key unknown key 'vendor' in the document; expected one of: specs, out, vendors, artifacts, enumStyle, schemaBaseUri, failOn; did you mean 'vendors'?",
    ],
    [
      "bad artifact",
      "artifacts:\n  - typescript\n  - pdf\n",
      'statespec.config.yaml:3:5: error schema-invalid-value \'artifacts.1\' must be one of "typescript", "json-schema", "openapi", "markdown", "states", "python", "go", "rust", "java"',
    ],
    [
      "bad enum style",
      "enumStyle: class\n",
      'statespec.config.yaml:1:12: error schema-invalid-value \'enumStyle\' must be one of "enum", "const"',
    ],
    ["yaml error", "specs: [spec\n", "statespec.config.yaml:2:1: error yaml-syntax"],
  ])("an invalid config (%s) is a located diagnostic and exit 1", async (_name, text, expected) => {
    const project = mkdtempSync(join(tmpdir(), "statespec-config-"));
    writeFileSync(join(project, "statespec.config.yaml"), text);
    const result = await runCliIn(project, ["generate"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(project, "out"))).toBe(false);
  });

  it("an empty spec file, or one of comments only, is said to be empty, not 'null'", async () => {
    const project = mkdtempSync(join(tmpdir(), "statespec-config-"));
    mkdirSync(join(project, "spec"));
    writeFileSync(join(project, "spec", "empty.yaml"), "");
    writeFileSync(join(project, "spec", "comments.yaml"), "# to be written\n");
    const result = await runCliIn(project, ["validate", "--spec", "spec"]);
    expect(result.code).toBe(1);
    for (const name of ["comments", "empty"])
      expect(result.stderr).toContain(
        `spec/${name}.yaml:1:1: error schema-type the document must be an object, not an empty file (no YAML in it, ` +
          "or only comments)",
      );
  });

  it("an unknown vendor in extends: is reported at that value, worded as extends", async () => {
    const project = mkdtempSync(join(tmpdir(), "statespec-config-"));
    cpSync("test/fixtures/overlay/spec", join(project, "spec"), { recursive: true });
    const file = join(project, "spec", "mycloud.yaml");
    const text = readFileSync(file, "utf8");
    expect(text).toContain("  extends: openstack\n");
    writeFileSync(file, text.replace("  extends: openstack\n", "  extends: opnstack\n"));
    writeFileSync(join(project, "statespec.config.yaml"), "specs: [statespec:builtin, spec]\n");
    const line = text.split("\n").findIndex((row) => row === "  extends: openstack") + 1;
    const result = await runCliIn(project, ["validate"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `spec/mycloud.yaml:${line}:12: error unknown-vendor extends vendor 'opnstack', which no document defines; ` +
        "did you mean 'openstack'?",
    );
  });

  it("a config's diagnostics are in the file's order, whichever check found each", async () => {
    // A value the schema's enum refuses (line 3), and a key it does not know (line 4): found in the other order.
    const project = mkdtempSync(join(tmpdir(), "statespec-config-"));
    writeFileSync(
      join(project, "statespec.config.yaml"),
      "specs: [spec]\nout: out\nartifacts: [pyhton]\nenumstyle: const\n",
    );
    const result = await runCliIn(project, ["validate"]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").filter((line) => line.startsWith("statespec.config.yaml:"))).toEqual([
      expect.stringMatching(/^statespec\.config\.yaml:3:13: error schema-invalid-value /),
      expect.stringMatching(/^statespec\.config\.yaml:4:1: error schema-unknown-key /),
    ]);
  });

  it("a vendor that extends another may map the values it inherits without declaring them", async () => {
    const project = mkdtempSync(join(tmpdir(), "statespec-config-"));
    cpSync("test/fixtures/overlay/spec", join(project, "spec"), { recursive: true });
    const overlay = readFileSync(join(project, "spec", "mycloud.yaml"), "utf8");
    // Its own status list names only its new status; SHUTOFF comes from openstack.
    writeFileSync(
      join(project, "spec", "mycloud.yaml"),
      overlay
        .replace(
          "mapping:\n",
          "  status:\n    section: Extra statuses\n    values:\n      - value: BACKUP\n      - value: MYSTERY\nmapping:\n",
        )
        .replace(
          "status: BACKUP",
          "status: BACKUP\n    - vm_state: stopped\n      task_states: [backing_up]\n      status: MYSTERYY",
        ),
    );
    writeFileSync(join(project, "statespec.config.yaml"), "specs: [statespec:builtin, spec]\nvendors: [mycloud]\n");
    const result = await runCliIn(project, ["validate"]);
    expect(result.code).toBe(0);
    // Only the status the overlay neither declares nor inherits is reported.
    expect(result.stderr.match(/undeclared-value.*/g)).toEqual([
      "undeclared-value mapping row produces status 'MYSTERYY', which the document's status list does not declare; did you mean 'MYSTERY'?",
    ]);
  });

  it("an unknown vendor in the config is reported", async () => {
    const project = mkdtempSync(join(tmpdir(), "statespec-config-"));
    writeFileSync(
      join(project, "statespec.config.yaml"),
      `specs: [${JSON.stringify(resolve("spec"))}]\nvendors: [openstak]\n`,
    );
    const result = await runCliIn(project, ["generate"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "statespec.config.yaml:2:11: error config-invalid unknown vendor 'openstak'; the specs define huawei-ecs, openstack, rackspace; did you mean 'openstack'?",
    );
  });
});

// The message is the subject: in-process (runCliIn). The executable reads the config first (its no-op path,
// up-to-date.ts), which can only hand over to main() here (no out/ yet): one case's generate runs as the built CLI,
// a real process, to show a config it cannot use reaches main() and its message unchanged.
const viaExecutable = "a Windows out";
describe("config messages located at the config's own lines (the built CLI)", () => {
  /** A project with the overlay spec and `config`; the built CLI run in `sub` of it. */
  function projectWith(config: string): string {
    const project = mkdtempSync(join(tmpdir(), "statespec-config-lines-"));
    cpSync("test/fixtures/overlay/spec", join(project, "spec"), { recursive: true });
    writeFileSync(join(project, "statespec.config.yaml"), config);
    return project;
  }

  it.each([
    [
      "one spec folder twice",
      "specs: [spec, ./spec/../spec]\n",
      "statespec.config.yaml:1:15: error config-invalid spec folder './spec/../spec' is the same folder as 'spec' (line 1): list each folder once",
    ],
    [
      "a Windows out",
      'out: "C:\\\\gen"\n',
      "statespec.config.yaml:1:6: error config-invalid out 'C:\\gen' contains a backslash, which is no folder separator here: it would make one folder named 'C:\\gen'; write paths with / (they work on every system)",
    ],
    [
      "a drive letter",
      "specs: [statespec:builtin, spec]\nout: C:/gen\n",
      "statespec.config.yaml:2:6: error config-invalid out 'C:/gen' starts with a drive letter, which this system does not have: it would make a folder named 'C:'",
    ],
    [
      "a misspelt artifact",
      "artifacts: [typescript, pyhton]\n",
      `statespec.config.yaml:1:25: error schema-invalid-value 'artifacts.1' must be one of "typescript", "json-schema", "openapi", "markdown", "states", "python", "go", "rust", "java"; did you mean 'python'?`,
    ],
    [
      "a schema base URI with a fragment (ajv refuses such an $id)",
      "schemaBaseUri: 'https://e.com/#frag/'\n",
      `statespec.config.yaml:1:16: error schema-invalid-value 'schemaBaseUri' is "https://e.com/#frag/"; it must be an http or https URI ending in '/', without a fragment, a query or white space`,
    ],
    [
      "a misspelt enum style",
      "enumStyle: cnost\n",
      `statespec.config.yaml:1:12: error schema-invalid-value 'enumStyle' must be one of "enum", "const"; did you mean 'const'?`,
    ],
    [
      "a misspelt vendor",
      "specs: [statespec:builtin, spec]\nvendors:\n  - mycloud\n  - openstak\n",
      "statespec.config.yaml:4:5: error config-invalid unknown vendor 'openstak'; the specs define huawei-ecs, openstack, rackspace, mycloud; did you mean 'openstack'?",
    ],
  ])("%s: exit 1, the message at the line, nothing written (generate, validate)", async (name, config, expected) => {
    const project = projectWith(config);
    const before = tree(project);
    const generate =
      name === viaExecutable ? runBuilt(["generate"], { cwd: project }) : runCliIn(project, ["generate"]);
    const results = await Promise.all([generate, runCliIn(project, ["validate"])]);
    for (const result of results) {
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr.split("\n").filter((line) => line.includes(": error "))).toEqual([expected]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(tree(project)).toEqual(before);
  });

  it("the no-op path reads the same config from a subfolder as the full one, and leaves a refused path to it", async () => {
    const project = projectWith(
      "specs: [statespec:builtin, spec]\nout: generated\nvendors: [mycloud]\nartifacts: [json-schema]\n",
    );
    const sub = join(project, "src");
    mkdirSync(sub);
    initGitRepo(project);
    const first = await runBuilt(["generate"], { cwd: sub });
    expect(first, first.stderr).toMatchObject({ code: 0, stderr: "" });
    // Answered by the no-op path (config read without yaml) from the subfolder: the same file, out relative to it.
    const again = await runBuilt(["generate"], { cwd: sub });
    expect(again).toMatchObject({ code: 0, stderr: "" });
    expect(again.stdout).toMatch(/^wrote 0 file\(s\), \d+ unchanged, removed 0 in \.\.\/generated\n$/);
    writeFileSync(
      join(project, "statespec.config.yaml"),
      "specs: [statespec:builtin, spec]\nout: 'generated\\x'\nvendors: [mycloud]\nartifacts: [json-schema]\n",
    );
    const refused = await runBuilt(["generate"], { cwd: sub });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "../statespec.config.yaml:2:6: error config-invalid out 'generated\\x' contains a backslash",
    );
  });
});
