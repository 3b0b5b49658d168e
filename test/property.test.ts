// Property tests: random valid specs always give artifacts that pass the real validators; random mutations of
// valid specs always end in diagnostics or success, never an uncaught exception.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Validator } from "@seriousme/openapi-schema-validator";
import fc from "fast-check";
import { lint } from "markdownlint/sync";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { typeCheck } from "./helpers/typecheck.js";
import { runCli } from "./helpers/cli.js";
import { checkVendor, type ExportedVendor } from "./helpers/one-truth.js";
import { buildModel } from "../generator/compile/compile.js";
import { casesFor, findTool, goAnswers, pythonAnswers, typeScriptAnswers } from "./helpers/sdk.js";
import type { Answers, Cases } from "./helpers/sdk.js";
import { modelAnswers, validSpec, vendorChain, writeSpec } from "./helpers/random-specs.js";

/**
 * A config of the four kinds the properties below read (TypeScript, JSON Schema, OpenAPI, Markdown): without one, an
 * in-process run reads this repository's config, all nine kinds. The other kinds over random specs: states.json in
 * test/states-json.test.ts, Python and Go in this file's next test and python-tools, Rust and Java in their -tools
 * tests.
 */
function fourKinds(folder: string): string {
  const config = join(folder, "statespec.config.yaml");
  writeFileSync(config, "artifacts: [typescript, json-schema, openapi, markdown]\n");
  return config;
}

describe("random valid specs", () => {
  it("generate artifacts that pass tsc, ajv, the OpenAPI validator and markdownlint", async () => {
    const root = mkdtempSync(join(tmpdir(), "statespec-prop-out-"));
    const kinds = fourKinds(root);
    const outs: string[] = [];
    // One validator for every run: building one compiles the OpenAPI meta-schema, most of a run's time. One ajv too:
    // validateSchema adds nothing to it, and each new one compiled the 2020-12 meta-schema again.
    const validator = new Validator();
    const ajv = new Ajv2020({ strict: true });
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        const out = join(root, String(outs.length));
        const result = await runCli([
          "generate",
          "--config",
          kinds,
          "--spec",
          writeSpec(stringify(spec)),
          "--out",
          out,
        ]);
        expect(result.stderr).not.toContain(": error ");
        expect(result.code).toBe(0);
        outs.push(out);
        const schemas = readdirSync(join(out, "random", "schema")).map((name) =>
          JSON.parse(readFileSync(join(out, "random", "schema", name), "utf8")),
        );
        for (const schema of schemas) expect(ajv.validateSchema(schema), ajv.errorsText()).toBe(true);
        expect((await validator.validate(parse(readFileSync(join(out, "random", "openapi.yaml"), "utf8")))).valid).toBe(
          true,
        );
      }),
      { numRuns: 12, seed: 20261123 },
    );
    // One markdownlint call over every run's pages (each call starts at about the cost of linting two pages): its
    // report names each file, <run>/README.md or <run>/random/README.md.
    const config = JSON.parse(readFileSync(".markdownlint.json", "utf8"));
    const pages = outs.flatMap((out) => [join(out, "README.md"), join(out, "random", "README.md")]);
    expect(lint({ files: pages, config }).toString()).toBe("");
    // One tsc run over every generated module: each must compile on its own terms. No @types package (types: []):
    // a generated module must not lean on Node's or any other package's globals, and parsing node_modules/@types
    // (Node, d3, lodash, ...) was half of this run's cost. Nor the DOM library (lib es2022 alone), for the same reason.
    const files = outs.map((out) => join(out, "random", "index.ts"));
    expect(typeCheck(files, { types: [], lib: ["lib.es2022.d.ts"] }).text).toBe("");
  });
});

describe("random valid specs in Python and Go", () => {
  // pyright --strict, mypy --strict and black over random specs: test/python-tools.test.ts, in its one run of each.
  it("give packages that answer every case as the model does, the Go clean under gofmt and go vet", async (context) => {
    const root = mkdtempSync(join(tmpdir(), "statespec-prop-sdk-"));
    const config = join(root, "statespec.config.yaml");
    writeFileSync(config, "artifacts: [python, go]\n");
    const targets: { folder: string; cases: Cases; expected: Answers; server: string }[] = [];
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        // Descriptions end in spaces too: gofmt trims them from comments, so the emitter must as well.
        for (const set of Object.values(spec.states))
          for (const entry of set.values as { description?: string }[])
            if (entry.description !== undefined) entry.description += "\u00a0 ";
        const folder = writeSpec(stringify(spec));
        const out = join(root, String(targets.length));
        const result = await runCli(["generate", "--config", config, "--spec", folder, "--out", out]);
        expect(result.code).toBe(0);
        const vendor = (await buildModel([folder])).model!.vendors[0];
        const module = modelAnswers(vendor);
        const cases = casesFor(module);
        const server = JSON.stringify({
          status: module.statusFromState(module.vmStates[0], null),
          "OS-EXT-STS:task_state": null,
        });
        targets.push({ folder: join(out, "random"), cases, expected: typeScriptAnswers(module, cases), server });
      }),
      // The same specs as the TypeScript property above.
      { numRuns: 12, seed: 20261123 },
    );
    // One run of each tool over every generated vendor, all at once.
    const pythonMissing = findTool("python3", ["--version"]);
    const goMissing = findTool("go", ["version"]) ?? findTool("gofmt", ["-l"], "package p\n");
    const python = pythonMissing ? undefined : pythonAnswers(targets);
    const go = goMissing ? undefined : goAnswers(targets);
    await Promise.allSettled([python, go]);
    const comparable = ({ pairs, filters, vmStates, taskStates, powerStates, serverStatuses }: Answers): Answers => ({
      pairs,
      filters,
      vmStates,
      taskStates,
      powerStates,
      serverStatuses,
    });
    if (python)
      (await python).forEach((answers, index) =>
        expect(comparable(answers), targets[index].folder).toEqual(targets[index].expected),
      );
    if (go) {
      const { answers, gofmt, vet } = await go;
      expect(gofmt).toBe("");
      expect(vet).toEqual({ code: 0, output: "" });
      answers.forEach((answers, index) =>
        expect(comparable(answers as Answers), targets[index].folder).toEqual(targets[index].expected),
      );
    }
    // Not vacuous: the specs reach filters that select something, and member names that needed the collision rules.
    expect(targets.some((target) => target.expected.filters.some((filter) => filter !== null))).toBe(true);
    const missing = pythonMissing ?? goMissing;
    if (missing) context.skip(missing);
  });
});

describe("one truth", () => {
  it("every shipped vendor's artifacts state the same answer for every pair", async () => {
    const exported = JSON.parse((await runCli(["export"])).stdout) as { vendors: ExportedVendor[] };
    let pairs = 0;
    for (const vendor of exported.vendors) pairs += await checkVendor("out", vendor);
    // openstack alone: 12 vm_states x (42 task states + null).
    expect(pairs).toBeGreaterThan(12 * 43);
  });

  it("random vendors with fallback and extends chains: every artifact states the same answer for every pair", async () => {
    const root = mkdtempSync(join(tmpdir(), "statespec-truth-"));
    const kinds = fourKinds(root);
    let run = 0;
    let inherited = 0;
    await fc.assert(
      fc.asyncProperty(vendorChain, async (documents) => {
        const folder = mkdtempSync(join(tmpdir(), "statespec-truth-spec-"));
        for (const document of documents) writeFileSync(join(folder, `${document.id}.yaml`), stringify(document));
        const out = join(root, String(run++));
        const result = await runCli(["generate", "--config", kinds, "--spec", folder, "--out", out]);
        expect(result.stderr).not.toContain(": error ");
        expect(result.code).toBe(0);
        const exported = JSON.parse((await runCli(["export", "--spec", folder])).stdout) as {
          vendors: ExportedVendor[];
        };
        expect(exported.vendors.map((vendor) => vendor.id)).toEqual(["base", "middle", "top"]);
        for (const vendor of exported.vendors) await checkVendor(out, vendor);
        inherited += (
          JSON.stringify(exported.vendors.slice(1)).match(
            /"kind":"fallback","vendor":"middle","origin":\{"kind":"fallback","vendor":"base","origin":\{"kind":"row"/g,
          ) ?? []
        ).length;
      }),
      // Three chains: with this seed the second and third already reach answers inherited through both links from a
      // base row (two each; of the five run before, the fourth added two more of that kind, the fifth none). A run is
      // a generate, an export and three vendors' checks (about a second); the check below fails if none is reached.
      { numRuns: 3, seed: 20261125 },
    );
    // The runs reach answers inherited through both links of the chain from a base row, so the property is not vacuous.
    expect(inherited).toBeGreaterThan(0);
  });
});

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "!!str",
        "|",
        ">",
        "\t",
        "\n  ",
        "'",
        '"',
        "#",
        "~",
        "null",
        "any",
        "__proto__: 1\n",
        "\ufeff",
      ),
    ),
  }),
  fc.record({ kind: fc.constant("duplicate-line" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap-lines" as const), at: fc.nat() }),
);

function mutate(text: string, change: { kind: string; at: number; length?: number; text?: string }): string {
  const at = change.at % (text.length + 1);
  const lines = text.split("\n");
  const line = change.at % lines.length;
  switch (change.kind) {
    case "delete":
      return text.slice(0, at) + text.slice(at + (change.length ?? 1));
    case "insert":
      return text.slice(0, at) + (change.text ?? "") + text.slice(at);
    case "duplicate-line":
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join("\n");
    default:
      return line + 1 < lines.length
        ? [...lines.slice(0, line), lines[line + 1], lines[line], ...lines.slice(line + 2)].join("\n")
        : text;
  }
}

describe("random mutations of valid specs", () => {
  it("end in diagnostics or success, never an uncaught exception", async () => {
    const outcomes = { valid: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(validSpec, fc.array(mutation, { minLength: 1, maxLength: 3 }), async (spec, changes) => {
        const text = changes.reduce((current, change) => mutate(current, change), stringify(spec));
        const folder = writeSpec(text);
        for (const command of ["validate", "export"]) {
          const result = await runCli([command, "--spec", folder]);
          expect([0, 1]).toContain(result.code);
          expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
          if (result.code === 1) expect(result.stderr).toMatch(/: error [a-z0-9-]+ /);
          outcomes[result.code === 0 ? "valid" : "invalid"]++;
        }
      }),
      // 150 runs: with this seed the 300 run before reached all seven error codes they reached at all (yaml-syntax,
      // yaml-duplicate-key, schema-missing-key, -unknown-key, -invalid-value, -type, duplicate-value) by the 68th
      // run; these 150 give 26 valid and 274 invalid outcomes, well over the bounds below.
      { numRuns: 150, seed: 42 },
    );
    // The mutations reach both outcomes, so the property is not vacuous.
    expect(outcomes.invalid).toBeGreaterThan(50);
    expect(outcomes.valid).toBeGreaterThan(10);
  });
});
