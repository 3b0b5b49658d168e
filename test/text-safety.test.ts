// Output that cannot lie or be forged: control and bidirectional characters are refused or escaped, GitHub
// annotations cannot be forged by a file name, YAML reads back the same under 1.1 and 1.2, member names never collide.
// What is printed and written is the subject: the CLI runs in-process (runCliIn), except one `validate` whose
// annotation is read from what the built CLI, a real process, writes to its streams.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { Validator } from "@seriousme/openapi-schema-validator";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runCli, runCliIn } from "./helpers/cli.js";
import { typeCheck } from "./helpers/typecheck.js";
import { buildModel } from "../generator/compile/compile.js";
import { emitAll, artifactKinds, isGeneratedFile } from "../generator/emit/index.js";
import { loadTemplates } from "../generator/load/templates.js";
import { templatesFolder } from "../generator/common/package-root.js";
import {
  escapeForTerminal,
  escapeLine,
  githubCommand as writeCommand,
  jsonText,
  markdownCode,
} from "../generator/common/text-safety.js";

const baseSpec = readFileSync("test/fixtures/valid-minimal/spec/base.yaml", "utf8");
const bin = resolve("dist/generator/cli/bin.cjs");

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-text-"));
  // Without a config statespec reads its shipped specs; an empty one's default is spec/ beside it.
  for (const [name, contents] of Object.entries({ "statespec.config.yaml": "", ...files })) {
    mkdirSync(join(folder, name, ".."), { recursive: true });
    writeFileSync(join(folder, name), contents);
  }
  return folder;
}

/** The built CLI as a real process. */
async function statespec(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd, encoding: "utf8" });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** GitHub's reading of a log line: `::command key=value,...::data`, with its %-decoding. */
function githubCommand(
  line: string,
): { command: string; properties: Record<string, string>; data: string } | undefined {
  const match = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) return undefined;
  const decode = (text: string) =>
    text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const properties = Object.fromEntries(
    (match[2] ?? "")
      .split(",")
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf("=")), decode(pair.slice(pair.indexOf("=") + 1))]),
  );
  return { command: match[1], properties, data: decode(match[3]) };
}

describe("GitHub annotations", () => {
  // A real file whose name tries to end the annotation and start a forged one.
  const evilName = "evil\n::error file=forged.yaml,line=1::FORGED 100%\r.yaml";

  it("a spec file name with a newline and '::' cannot forge an annotation (validate, generate, diff)", async () => {
    const project = folderWith({
      "spec/base.yaml": baseSpec,
      [`spec/${evilName}`]: baseSpec,
      "base/base.yaml": baseSpec,
      "statespec.config.yaml": "artifacts: [json-schema, openapi]\n",
    });
    const runs = await Promise.all([
      statespec(["validate", "--format", "github"], project),
      runCliIn(project, ["generate", "--format", "github"]),
      runCliIn(project, ["diff", "--base", "base", "--format", "github"]),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      const lines = `${run.stdout}${run.stderr}`.split("\n").filter((line) => line !== "");
      const commands = lines.map(githubCommand).filter((command) => command !== undefined);
      // Exactly one annotation, and it names the real file; nothing else in the log is a command.
      expect(commands).toHaveLength(1);
      expect(commands[0]!.command).toBe("error");
      expect(commands[0]!.properties.file).toBe(`spec/${evilName}`);
      expect(commands[0]!.properties.title).toBe("unsafe-character");
      expect(commands[0]!.data).toBe("the file name contains U+000A LINE FEED, a control character; rename the file");
      expect(lines.filter((line) => line.startsWith("::"))).toHaveLength(1);
      expect(`${run.stdout}${run.stderr}`).not.toContain("\r");
    }
    expect(existsSync(join(project, "out"))).toBe(false);
  });

  it("diff findings escape ',' ':' and '%' in the file property, so the annotation points at the real file", async () => {
    const changed = baseSpec.replace("      - value: stopped", "      - value: paused\n      - value: stopped");
    const project = folderWith({ "base/a.yaml": baseSpec, "head/odd,name:100%.yaml": changed });
    const args = ["--base", "base", "--head", "head", "--format", "github", "--fail-on", "never"];
    const run = await runCliIn(project, ["diff", ...args]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "::warning file=head/odd%2Cname%3A100%25.yaml,line=18,col=9,title=statespec value-added::acme: vm_state 'paused' was added: exhaustive switches over vm_state in clients must handle it\n",
    );
    expect(githubCommand(run.stdout.trimEnd())!.properties.file).toBe("head/odd,name:100%.yaml");
  });
});

describe("control and bidirectional characters", () => {
  it("a description with CR, NUL or U+202E stops generate with located errors; nothing is written", async () => {
    const spec = baseSpec
      .replace("description: Running.", 'description: "Running.\\r"')
      .replace("description: Stopped.", 'description: "Stopped.\\0"')
      .replace("description: Rebooting.", "description: Rebooting \u202egnitoober.");
    const out = join(mkdtempSync(join(tmpdir(), "statespec-text-out-")), "out");
    const result = await runCli(["generate", "--spec", folderWith({ "base.yaml": spec }), "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /base\.yaml:17:22: error unsafe-character 'description' contains U\+000D CARRIAGE RETURN/,
    );
    expect(result.stderr).toMatch(/base\.yaml:19:22: error unsafe-character 'description' contains U\+0000 NULL/);
    expect(result.stderr).toMatch(
      /base\.yaml:24:32: error unsafe-character 'description' contains U\+202E RIGHT-TO-LEFT OVERRIDE/,
    );
    expect(result.stderr).not.toMatch(/[\r\u0000\u202e]/);
    expect(existsSync(out)).toBe(false);
  });

  it("spec file names and config values with such characters are refused, and messages stay one line each", async () => {
    const names = await runCli([
      "validate",
      "--spec",
      folderWith({ "base.yaml": baseSpec, "other\u202e.yaml": baseSpec, "tab\there.yaml": baseSpec }),
    ]);
    expect(names.code).toBe(1);
    expect(names.stderr).toMatch(
      /^\S*other\\u202E\.yaml: error unsafe-character the file name contains U\+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control; rename the file$/m,
    );
    expect(names.stderr).toMatch(
      /^\S*tab\\u0009here\.yaml: error unsafe-character the file name contains U\+0009 CHARACTER TABULATION/m,
    );
    expect(names.stderr).not.toMatch(/[\t\u202e]/);

    const project = folderWith({
      "spec/base.yaml": baseSpec,
      "statespec.config.yaml": 'out: "gen\\u202Erated"\nvendors: ["acme\\nx"]\n',
    });
    const config = await runCliIn(project, ["validate"]);
    expect(config.code).toBe(1);
    expect(config.stderr).toBe(
      "statespec.config.yaml:1:6: error unsafe-character 'out' contains U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control; remove it\n" +
        "statespec.config.yaml:2:11: error unsafe-character 'vendors' contains U+000A LINE FEED, a control character; remove it\n" +
        "2 errors, 0 warnings\n",
    );
  });

  it("whatever reaches an emitter is written escaped: no artifact holds a raw control or bidirectional character", async () => {
    // Validation refuses these; this is the second line of defence, so the model is altered after validation.
    const built = await buildModel(["test/fixtures/valid-minimal/spec"]);
    const hostile = "ok */ \u202e\u2066evil()\u2069 \r\u0000\u001b[31m\u0085\u2028";
    const vendor = built.model!.vendors[0];
    vendor.states.vm_state[0].description = hostile;
    vendor.states.vm_state[0].translations = { "zh-CN": hostile };
    const options = {
      enumStyle: "enum" as const,
      schemaBaseUri: "https://statespec.invalid/schemas/",
      templates: await loadTemplates(templatesFolder()),
    };
    const files = new Map<string, string>();
    for await (const item of emitAll(built.model!, artifactKinds, options))
      if (isGeneratedFile(item)) files.set(item.path, item.contents);
    // Every artifact kind was emitted, so the check below covers each of them.
    expect([...files.keys()].sort()).toEqual([
      "README.md",
      "acme/README.md",
      "acme/go/acmestates/go.mod",
      "acme/go/acmestates/states.go",
      "acme/index.ts",
      ...["PowerState", "ServerStates", "ServerStatus", "StatusFilter", "TaskState", "VmState", "package-info"].map(
        (name) => `acme/java/src/main/java/statespec/acmestates/${name}.java`,
      ),
      "acme/openapi.yaml",
      "acme/python/acme_states/__init__.py",
      "acme/python/acme_states/py.typed",
      "acme/python/pyproject.toml",
      "acme/rust/Cargo.toml",
      "acme/rust/src/lib.rs",
      ...["power-state", "server", "status", "task-state", "vm-state"].map((kind) => `acme/schema/${kind}.schema.json`),
      "acme/states.json",
    ]);
    for (const [path, contents] of files)
      expect(contents, path).not.toMatch(
        /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
      );
    // Inside strings the escape means the same character: JSON and YAML read back the original text.
    const schema = JSON.parse(files.get("acme/schema/vm-state.schema.json")!);
    // A value's one description carries its translation after it (README, "JSON Schema layout").
    const documented = `${hostile}\n\nzh-CN: ${hostile}`;
    expect(schema.oneOf[0].description).toBe(documented);
    const openapi = parse(files.get("acme/openapi.yaml")!);
    expect(openapi.components.schemas.VmState["x-enum-descriptions"][0]).toBe(documented);
    expect(files.get("acme/index.ts")).toContain("\\u202E\\u2066evil()\\u2069");
  });
});

describe("YAML output", () => {
  // Strings a YAML 1.1 (or 1.2 core) parser would read as a boolean, null, number or date if left plain.
  const ambiguousValues = [
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Y",
    "N",
    "Yes",
    "OFF",
    "true",
    "False",
    "null",
    "Null",
    "NULL",
  ];
  const ambiguousTexts = [
    "~",
    "null",
    "yes",
    "off",
    "1_000",
    "0x1F",
    "1:20",
    ".inf",
    "-.Inf",
    ".NaN",
    "2001-12-14",
    "1e3",
    "0o17",
    "0b101",
    "012",
    "+12",
    "1.5",
    "<<",
    "=",
    ".",
  ];

  it("quotes every scalar a YAML 1.1 parser would not read as a string; both parsers read back the same strings", async () => {
    const values = ambiguousValues
      .map(
        (value, index) =>
          `      - value: "${value}"\n        description: ${JSON.stringify(ambiguousTexts[index % ambiguousTexts.length])}\n`,
      )
      .join("");
    const notes = `notes:\n${ambiguousTexts.map((text) => `  - section: ${JSON.stringify(text)}\n    text: ${JSON.stringify(text)}\n`).join("")}`;
    const spec = baseSpec
      .replace(
        "      - value: rebooting\n        description: Rebooting.\n",
        `      - value: rebooting\n        description: Rebooting.\n${values}`,
      )
      .replace("states:", `${notes}states:`);
    // Only the OpenAPI document is read: it is the YAML output this test is about.
    const project = folderWith({ "spec/base.yaml": spec, "statespec.config.yaml": "artifacts: [openapi]\n" });
    const run = await runCliIn(project, ["generate", "--out", "out"]);
    expect(run.stderr).not.toContain(": error ");
    expect(run.code).toBe(0);
    const text = readFileSync(join(project, "out", "acme", "openapi.yaml"), "utf8");
    for (const version of ["1.1", "1.2"] as const) {
      const openapi = parse(text, { version });
      const taskState = openapi.components.schemas.TaskState;
      expect(taskState.enum, version).toEqual(["rebooting", ...ambiguousValues]);
      expect(taskState["x-enum-descriptions"], version).toEqual([
        "Rebooting.",
        ...ambiguousValues.map((_, index) => ambiguousTexts[index % ambiguousTexts.length]),
      ]);
      // The member names too read back as strings (`Y`, `NULL`), not booleans or null.
      expect(
        taskState["x-enum-varnames"].every((name: unknown) => typeof name === "string"),
        version,
      ).toBe(true);
    }
    expect((await new Validator().validate(parse(text))).valid).toBe(true);
  });
});

describe("enum member names", () => {
  // Values whose names collide at every step of the naming rules, and values named like Object.prototype members.
  const values = [
    "active",
    "Active",
    "active_2",
    "ACTIVE",
    "a-b",
    "a_b",
    "a_hyphen_b",
    "x",
    "X",
    "x_2",
    "X_2",
    "x_3",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "delete",
    "new",
    "enum",
  ];

  it("never collide: both enum styles compile with tsc --strict, run, and agree with the OpenAPI names", async () => {
    const list = values.map((value) => `      - value: ${value}\n`).join("");
    const spec = baseSpec.replace(
      "      - value: rebooting\n        description: Rebooting.\n",
      `      - value: rebooting\n        description: Rebooting.\n${list}`,
    );
    // The modules and the OpenAPI names are what is compared: those two kinds.
    const project = folderWith({
      "spec/base.yaml": spec,
      "statespec.config.yaml": "artifacts: [typescript, openapi]\n",
    });
    const runs = await Promise.all(
      ["enum", "const"].map((style) => runCliIn(project, ["generate", "--out", style, "--enum-style", style])),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const files = ["enum", "const"].map((style) => join(project, style, "acme", "index.ts"));
    // tsc --strict --lib es2022 --module nodenext, in-process (test/helpers/typecheck.ts): a tsc process spends
    // seconds loading the compiler and every @types package before a line of these two files. No @types (types: []):
    // a generated module must compile without Node's or any package's globals.
    expect(typeCheck(files, { lib: ["lib.es2022.d.ts"], types: [] }).text).toBe("");
    const openapi = parse(readFileSync(join(project, "enum", "acme", "openapi.yaml"), "utf8"));
    const names: string[] = openapi.components.schemas.TaskState["x-enum-varnames"];
    expect(new Set(names).size).toBe(values.length + 1);
    expect(names.slice(0, 5)).toEqual(["REBOOTING", "ACTIVE", "ACTIVE_3", "ACTIVE_2", "ACTIVE_4"]);
    for (const file of files) {
      const module = await import(file);
      expect(module.taskStates).toEqual(["rebooting", ...values]);
      // Each name stands for its own value, in both styles.
      names.forEach((name, index) => expect(module.TaskState[name], name).toBe(["rebooting", ...values][index]));
    }
  });
});

describe("the one escaper per output kind, by example", () => {
  it("terminal text shows every control, format and separator character as \\uXXXX, astral ones as their UTF-16 pair", () => {
    expect(escapeForTerminal("a\tb\nc\u001b[2J\u0085\u00AD\u200B\u202E\u2028\uFEFF\u{E0041}\uD800z")).toBe(
      "a\\u0009b\\u000Ac\\u001B[2J\\u0085\\u00AD\\u200B\\u202E\\u2028\\uFEFF\\uDB40\\uDC41\\uD800z",
    );
  });

  it("a line never starts a workflow command: a leading '::' (after white space) and any '##[' are shown escaped", () => {
    expect(escapeLine("  ::error::x")).toBe("  \\u003A:error::x");
    expect(escapeLine("\u00A0::warning::x")).toBe("\u00A0\\u003A:warning::x");
    expect(escapeLine("a ##[error]b :: c")).toBe("a ##\\u005Berror]b :: c");
    expect(escapeLine(":x")).toBe(":x");
  });

  it("a workflow command escapes its properties and its message, and leaves out absent properties", () => {
    expect(
      writeCommand("error", { file: "a,b:c%.json", line: 3, col: undefined, title: "t" }, "50%\r\nnext \u202E"),
    ).toBe("::error file=a%2Cb%3Ac%25.json,line=3,title=t::50%25%0D%0Anext \\u202E");
  });

  it("Markdown code fences any backtick run, pads where CommonMark would eat a space, and escapes pipes in cells", () => {
    expect(markdownCode("a`b")).toBe("``a`b``");
    expect(markdownCode("`x")).toBe("`` `x ``");
    expect(markdownCode(" x ")).toBe("`  x  `");
    expect(markdownCode("   ")).toBe("`   `");
    expect(markdownCode("a|b", "cell")).toBe("`a\\|b`");
    expect(markdownCode("a|b")).toBe("`a|b`");
    expect(markdownCode("x\n@y")).toBe("`x\\u000A@y`");
    expect(markdownCode("")).toBe("*(empty)*");
  });

  it("JSON is valid, \\u-escapes what a terminal would act on, and parses back", () => {
    const text = "a\u202E\u2028\u001b\uD800";
    const json = jsonText({ text }, 2);
    expect(json).toBe('{\n  "text": "a\\u202E\\u2028\\u001b\\ud800"\n}');
    expect(JSON.parse(json).text).toBe(text);
  });
});
