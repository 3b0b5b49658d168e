// Untrusted specs: accepted encodings, size limits, no prototype pollution, and text that must not inject into
// generated TypeScript, JSON, YAML or Markdown.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Validator } from "@seriousme/openapi-schema-validator";
import { lint } from "markdownlint/sync";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { typeCheck } from "./helpers/typecheck.js";
import { runCli, runCliIn } from "./helpers/cli.js";

const baseSpec = readFileSync("test/fixtures/valid-minimal/spec/base.yaml", "utf8");

function specFolder(files: Record<string, string | Buffer>): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-hostile-"));
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(folder, name), contents);
  return folder;
}

describe("encodings", () => {
  it("accepts a byte-order mark and CRLF line endings, with the same positions and output", async () => {
    const crlf = specFolder({
      "base.yaml": Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(baseSpec.replace("stoped", "x").replace(/\n/g, "\r\n")),
      ]),
    });
    const lf = specFolder({ "base.yaml": baseSpec });
    const withBom = await runCli(["export", "--spec", crlf]);
    expect(withBom.code).toBe(0);
    // The same model, origins included; only the folder in each origin's file name differs.
    const folderless = (text: string, folder: string) => text.split(basename(folder)).join("SPEC");
    expect(folderless(withBom.stdout, crlf)).toBe(folderless((await runCli(["export", "--spec", lf])).stdout, lf));
    const broken = specFolder({
      "base.yaml": Buffer.from(
        `\ufeff${baseSpec.replace("      - value: stopped", "      - value: [stopped")}`.replace(/\n/g, "\r\n"),
      ),
    });
    expect((await runCli(["validate", "--spec", broken])).stderr).toMatch(/base\.yaml:19:9: error yaml-syntax/);
  });
});

describe("size", () => {
  it("a multi-megabyte spec is read in bounded time and memory and gives a result", async () => {
    // The limit is on bytes, while parsing costs by YAML node: 10,000 values (a hundred times a real spec's) with
    // descriptions of some 300 bytes make the same megabytes as 40,000 short ones at a quarter of the parsing.
    const values = Array.from(
      { length: 10_000 },
      (_, index) =>
        `      - value: task_${index}\n        description: Task number ${index} of a very long list.` +
        `${" Its description runs on.".repeat(11)}\n`,
    ).join("");
    const big = baseSpec.replace(
      "      - value: rebooting\n        description: Rebooting.\n",
      `      - value: rebooting\n        description: Rebooting.\n${values}`,
    );
    expect(big.length).toBeGreaterThan(3 * 1024 * 1024);
    const result = await runCli(["validate", "--spec", specFolder({ "base.yaml": big })]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1 documents, 1 vendors: valid");
  });

  it("a file over the limit is refused before it is parsed", async () => {
    const result = await runCli([
      "validate",
      "--spec",
      specFolder({ "base.yaml": `${baseSpec}# ${"x".repeat(9 * 1024 * 1024)}\n` }),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/base\.yaml: error yaml-too-large file is \d+ bytes; the limit is 8388608/);
  });
});

describe("prototype pollution", () => {
  it("__proto__ and constructor keys, anywhere, are rejected and pollute nothing", async () => {
    const hostile = baseSpec
      .replace("locale: en", "locale: en\n__proto__:\n  polluted: yes")
      .replace(
        "        description: Running.",
        "        description: Running.\n        __proto__: { polluted: yes }\n        constructor: { prototype: { polluted: yes } }",
      );
    const result = await runCli(["validate", "--spec", specFolder({ "base.yaml": hostile })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown key '__proto__' in the document");
    expect(result.stderr).toContain("unknown key 'constructor' in 'states.vm_state.values.0'");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("values named like Object.prototype members are ordinary values", async () => {
    const spec = baseSpec
      .replace("- value: stopped", "- value: constructor")
      .replace("- vm_state: stopped", "- vm_state: constructor")
      .replace("- value: rebooting", "- value: toString")
      .replace("[rebooting]", "[toString]");
    const out = mkdtempSync(join(tmpdir(), "statespec-proto-"));
    // Only the TypeScript module is read: the lookups are what a value's name could break.
    const project = specFolder({ "statespec.config.yaml": "artifacts: [typescript]\n" });
    const run = await runCliIn(project, ["generate", "--spec", specFolder({ "base.yaml": spec }), "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const module = await import(join(out, "acme", "index.ts"));
    expect(module.statusFromState("constructor", null)).toBe("SHUTOFF");
    expect(module.statusFromState("active", "toString")).toBe("REBOOT");
    expect(module.statusFromState("hasOwnProperty", null)).toBe("UNKNOWN");
    expect(module.statesForStatus("constructor")).toBeUndefined();
  });
});

/** Descriptions that try to break out of every target format. */
const nasty = [
  "ends a comment */ then code(); /* again",
  "backticks ` and ``` fences ``` and ${template}",
  "a | pipe | in a table",
  "<script>alert(1)</script> & <img src=x onerror=alert(1)>",
  "handlebars {{ and }} and {{{raw}}} {{#each x}}",
  "first line\nsecond line\nthird",
  "quotes \" ' and backslash \\ and \\n literal",
  "yaml: key: value # not a comment - [ ] { } & * ! % @",
  "markdown **bold** _it_ [link](http://x) # heading",
  // CR, NUL, U+2028 and bidirectional controls are refused by validation (test/text-safety.test.ts).
  "unicode \u200f right-to-left mark and escapes \\u202E written out",
];

describe("escaping", () => {
  it("text from specs cannot break or inject into TypeScript, JSON, YAML or Markdown", async () => {
    let spec = baseSpec;
    spec = spec.replace(
      "        description: Running.\n      - value: stopped\n        description: Stopped.",
      `        description: ${JSON.stringify(nasty[0])}\n      - value: stopped\n        description: ${JSON.stringify(nasty[1])}`,
    );
    spec = spec.replace(
      "        description: Rebooting.",
      `        description: ${JSON.stringify(nasty.slice(2).join(" // "))}`,
    );
    spec = spec.replace(
      "      - value: ACTIVE",
      `      - value: ACTIVE\n        description: ${JSON.stringify(nasty[5])}`,
    );
    spec = spec.replace(
      "      status: SHUTOFF",
      `      status: SHUTOFF\n      written: ${JSON.stringify(nasty[3] + nasty[2])}`,
    );
    // The project's readings and known facts reach the page too.
    spec = spec.replace(
      "  publisher: Acme\n",
      `  publisher: Acme\n  readings:\n    - field: publisher\n      why: ${JSON.stringify(nasty.join(" "))}\n  known:\n    - ${JSON.stringify(nasty.join(" "))}\n`,
    );
    spec = spec.replace(
      "mapping:\n  section: Table 5\n",
      `mapping:\n  section: Table 5\n  reading: ${JSON.stringify(nasty.join(" "))}\n`,
    );
    spec = spec
      .replace("notes:", "")
      .replace(
        "states:",
        `notes:\n  - section: ${JSON.stringify(nasty[4])}\n    text: ${JSON.stringify(nasty.join(" "))}\nstates:`,
      );
    const folder = specFolder({ "base.yaml": spec });
    expect((await runCli(["validate", "--spec", folder])).code).toBe(0);
    const out = mkdtempSync(join(tmpdir(), "statespec-escape-"));
    // The four kinds below (from this repository's folder its config would add states.json, Python, Go, Rust and
    // Java; test/text-safety.test.ts writes hostile text through every kind's emitter).
    const project = specFolder({
      "statespec.config.yaml": "artifacts: [typescript, json-schema, openapi, markdown]\n",
    });
    const generated = await runCliIn(project, ["generate", "--spec", folder, "--out", out]);
    expect(generated.stderr).not.toContain(": error ");
    expect(generated.code).toBe(0);

    // TypeScript: compiles, and the module still says what the spec says. Without @types or the DOM library (a
    // generated module needs no globals but the language's; test/artifacts.test.ts compiles a consumer with them).
    expect(typeCheck([join(out, "acme", "index.ts")], { types: [], lib: ["lib.es2022.d.ts"] }).text).toBe("");
    const module = await import(join(out, "acme", "index.ts"));
    expect(module.vmStates).toEqual(["active", "stopped"]);
    expect(module.statusFromState("active", "rebooting")).toBe("REBOOT");

    // JSON Schema: parses, is valid, and carries the descriptions unchanged.
    const schema = JSON.parse(readFileSync(join(out, "acme", "schema", "vm-state.schema.json"), "utf8"));
    expect(new Ajv2020({ strict: true }).validateSchema(schema)).toBe(true);
    expect(schema.oneOf.map((branch: { description: string }) => branch.description)).toEqual([nasty[0], nasty[1]]);

    // OpenAPI (YAML): parses to the same strings and validates.
    const openapi = parse(readFileSync(join(out, "acme", "openapi.yaml"), "utf8"));
    expect(openapi.components.schemas.VmState["x-enum-descriptions"]).toEqual([nasty[0], nasty[1]]);
    expect(openapi.components.schemas.ServerStatus["x-enum-descriptions"][0]).toBe(nasty[5]);
    expect((await new Validator().validate(openapi)).valid).toBe(true);

    // Markdown: lint-clean, no raw HTML, no broken table rows, no template syntax evaluated.
    const pages = ["README.md", "acme/README.md"].map((name) => readFileSync(join(out, name), "utf8"));
    const page = pages[1];
    expect(page).not.toContain("<script>");
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;script>alert(1)&lt;/script>");
    expect(page).toContain("handlebars {{ and }} and {{{raw}}} {{#each x}}");
    expect(page).toContain("first line<br>second line<br>third");
    // Every row of every table has as many unescaped pipes as the table's header: nothing split a cell.
    const pipes = (row: string) => row.replace(/\\\|/g, "").split("|").length;
    let header: string | undefined;
    for (const line of page.split("\n")) {
      if (!line.startsWith("|")) header = undefined;
      else if (header === undefined) header = line;
      else expect(pipes(line), line).toBe(pipes(header));
    }
    const config = JSON.parse(readFileSync(".markdownlint.json", "utf8"));
    expect(lint({ strings: { vendor: page, index: pages[0] }, config }).toString()).toBe("");
  });
});
