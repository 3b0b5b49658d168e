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
import { forbiddenInText } from "../generator/common/text-safety.js";
import { statesForStatus, statusFromState as deriveStatus } from "../generator/model/derive.js";
import { memberNames } from "../generator/emit/names.js";
import type { Vendor } from "../generator/model/model.js";
import { buildModel } from "../generator/compile/compile.js";
import { casesFor, findTool, goAnswers, pyrightDiagnostics, pythonAnswers } from "./helpers/sdk.js";
import { pythonPackageFolder, run, typeScriptAnswers } from "./helpers/sdk.js";
import type { Answers, Cases, TypeScriptModule } from "./helpers/sdk.js";

const tricky = [
  "*/ code",
  "`tick` ${x}",
  "a | b",
  "<script>x</script>",
  "{{x}} {{{y}}}",
  "line\nbreak",
  "quote \" '",
  "# heading",
  "[l](http://x)",
  "ü 中文 ✓",
];
// Printable graphemes include U+2028 and U+2029, which validation refuses (unsafe-character): not a valid spec.
const text = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).filter((value) => !forbiddenInText.test(value)),
  fc.constantFrom(...tricky),
);
const lowerValue = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,10}$/);
const upperValue = fc.stringMatching(/^[A-Z][A-Z_]{0,10}$/).filter((value) => value !== "UNKNOWN");
const entries = <T>(values: fc.Arbitrary<T[]>) =>
  values.chain((list) =>
    fc.tuple(
      ...list.map((value) =>
        fc.record({ value: fc.constant(value), description: fc.option(text, { nil: undefined }) }),
      ),
    ),
  );

const validSpec = fc
  .record({
    vmStates: fc.uniqueArray(lowerValue, { minLength: 1, maxLength: 4 }),
    taskStates: fc.uniqueArray(lowerValue, { maxLength: 4 }),
    powerStates: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 3 }),
    statuses: fc.uniqueArray(upperValue, { minLength: 1, maxLength: 4 }),
    note: text,
  })
  .chain((sets) =>
    fc.record({
      sets: fc.constant(sets),
      vm: entries(fc.constant(sets.vmStates)),
      task: entries(fc.constant(sets.taskStates)),
      power: entries(fc.constant(sets.powerStates)),
      status: entries(fc.constant(sets.statuses)),
      // Per vm_state: an any-task row or not, and a status for each task key it names.
      rows: fc.tuple(
        ...sets.vmStates.map((vmState) =>
          fc.record({
            vmState: fc.constant(vmState),
            any: fc.option(fc.constantFrom(...sets.statuses), { nil: undefined }),
            tasks: fc
              .subarray([null, ...sets.taskStates])
              .chain((tasks) =>
                fc.tuple(...tasks.map((task) => fc.tuple(fc.constant(task), fc.constantFrom(...sets.statuses)))),
              ),
          }),
        ),
      ),
    }),
  )
  .map(({ sets, vm, task, power, status, rows }) => {
    const set = (list: { value: unknown; description?: string }[]) => ({
      section: "Table",
      values: list.map((entry) => (entry.description === undefined ? { value: entry.value } : entry)),
    });
    return {
      id: "random",
      vendor: { id: "random", uncovered: { status: "UNKNOWN", why: "random" } },
      locale: "en",
      provenance: { source: "random.txt", title: "Random", publisher: "fast-check" },
      notes: [{ section: "Notes", text: sets.note }],
      states: {
        vm_state: set(vm),
        task_state: set(task),
        power_state: set(power),
        status: set([...status, { value: "UNKNOWN" }]),
      },
      mapping: {
        section: "Rows",
        rows: rows.flatMap((row) => [
          ...(row.any ? [{ vm_state: row.vmState, task_states: "any", status: row.any }] : []),
          ...row.tasks.map(([taskState, rowStatus]) => ({
            vm_state: row.vmState,
            task_states: [taskState],
            status: rowStatus,
          })),
        ]),
      },
    };
  });

function writeSpec(text: string): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-prop-"));
  writeFileSync(join(folder, "random.yaml"), text);
  return folder;
}

describe("random valid specs", () => {
  it("generate artifacts that pass tsc, ajv, the OpenAPI validator and markdownlint", async () => {
    const root = mkdtempSync(join(tmpdir(), "statespec-prop-out-"));
    const outs: string[] = [];
    // One validator for every run: building one compiles the OpenAPI meta-schema, most of a run's time.
    const validator = new Validator();
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        const out = join(root, String(outs.length));
        const result = await runCli(["generate", "--spec", writeSpec(stringify(spec)), "--out", out]);
        expect(result.stderr).not.toContain(": error ");
        expect(result.code).toBe(0);
        outs.push(out);
        const schemas = readdirSync(join(out, "random", "schema")).map((name) =>
          JSON.parse(readFileSync(join(out, "random", "schema", name), "utf8")),
        );
        const ajv = new Ajv2020({ strict: true });
        for (const schema of schemas) expect(ajv.validateSchema(schema), ajv.errorsText()).toBe(true);
        expect((await validator.validate(parse(readFileSync(join(out, "random", "openapi.yaml"), "utf8")))).valid).toBe(
          true,
        );
        const config = JSON.parse(readFileSync(".markdownlint.json", "utf8"));
        expect(lint({ files: [join(out, "README.md"), join(out, "random", "README.md")], config }).toString()).toBe("");
      }),
      { numRuns: 12, seed: 20261123 },
    );
    // One tsc run over every generated module: each must compile on its own terms.
    const files = outs.map((out) => join(out, "random", "index.ts"));
    expect(typeCheck(files).text).toBe("");
  });
});

describe("random valid specs in Python and Go", () => {
  it("give packages clean under pyright --strict, gofmt and go vet that answer every case as the model does", async (context) => {
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
    const blackMissing = findTool("black", ["--version"]);
    const initFiles = targets.map((target) => join(pythonPackageFolder(target.folder), "__init__.py"));
    const pyright = pyrightDiagnostics(initFiles);
    // Random descriptions become docstrings: black must find nothing to change in them either.
    const black = blackMissing ? undefined : run("black", ["--check", "--diff", "--quiet", ...initFiles]);
    const go = goMissing ? undefined : goAnswers(targets);
    await Promise.allSettled([python, pyright, black, go]);
    for (const [file, diagnostics] of await pyright) expect(diagnostics, file).toEqual([]);
    if (black) expect(await black).toMatchObject({ code: 0, stdout: "", stderr: "" });
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
    const missing = pythonMissing ?? blackMissing ?? goMissing;
    if (missing) context.skip(missing);
  });
});

/** The model's answers (derive.ts, what every generated module is printed from) in the shape of a generated module. */
function modelAnswers(vendor: Vendor): TypeScriptModule {
  const values = <T>(kind: "vm_state" | "task_state" | "power_state" | "status") =>
    vendor.states[kind].map((entry) => entry.value as T);
  const powerNames = memberNames(vendor.states.power_state);
  return {
    vmStates: values<string>("vm_state"),
    taskStates: values<string>("task_state"),
    powerStates: values<number>("power_state"),
    serverStatuses: values<string>("status"),
    PowerState: Object.fromEntries(vendor.states.power_state.map((entry, index) => [entry.value, powerNames[index]])),
    statusFromState: (vmState, taskState) => deriveStatus(vendor, vmState, taskState),
    statesForStatus: (status) => statesForStatus(vendor, status),
  };
}

// Three vendors over one pool of values, so their sets overlap: a fixed-status base, a vendor that falls back to
// it, and one that extends that one (a chain of two fallbacks).
const pool = fc.record({
  vmStates: fc.uniqueArray(lowerValue, { minLength: 2, maxLength: 5 }),
  taskStates: fc.uniqueArray(lowerValue, { maxLength: 5 }),
  statuses: fc.uniqueArray(upperValue, { minLength: 1, maxLength: 4 }),
});

function documentOf(
  sets: { vmStates: string[]; taskStates: string[]; statuses: string[] },
  id: string,
  vendor: object,
) {
  return fc
    .record({
      vmStates: fc.subarray(sets.vmStates, { minLength: 1 }),
      taskStates: fc.subarray(sets.taskStates),
      statuses: fc.subarray(sets.statuses, { minLength: 1 }),
    })
    .chain((own) =>
      fc.record({
        own: fc.constant(own),
        rows: fc.tuple(
          ...own.vmStates.map((vmState) =>
            fc.record({
              vmState: fc.constant(vmState),
              any: fc.option(fc.constantFrom(...own.statuses), { nil: undefined }),
              tasks: fc
                .subarray([null, ...own.taskStates])
                .chain((tasks) =>
                  fc.tuple(...tasks.map((task) => fc.tuple(fc.constant(task), fc.constantFrom(...own.statuses)))),
                ),
            }),
          ),
        ),
      }),
    )
    .map(({ own, rows }) => {
      const set = (values: unknown[]) => ({ section: "Table", values: values.map((value) => ({ value })) });
      return {
        id,
        vendor,
        locale: "en",
        provenance: { source: `${id}.txt`, title: id, publisher: "fast-check" },
        states: {
          vm_state: set(own.vmStates),
          task_state: set(own.taskStates),
          power_state: set([]),
          status: set(id === "base" ? [...own.statuses, "UNKNOWN"] : own.statuses),
        },
        mapping: {
          section: "Rows",
          rows: rows.flatMap((row) => [
            ...(row.any ? [{ vm_state: row.vmState, task_states: "any", status: row.any }] : []),
            ...row.tasks.map(([taskState, rowStatus]) => ({
              vm_state: row.vmState,
              task_states: [taskState],
              status: rowStatus,
            })),
          ]),
        },
      };
    });
}

const vendorChain = pool.chain((sets) =>
  fc.tuple(
    documentOf(sets, "base", { id: "base", uncovered: { status: "UNKNOWN", why: "random" } }),
    documentOf(sets, "middle", { id: "middle", uncovered: { fallback: "base", why: "random" } }),
    documentOf(sets, "top", { id: "top", extends: "middle" }),
  ),
);

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
    let run = 0;
    let inherited = 0;
    await fc.assert(
      fc.asyncProperty(vendorChain, async (documents) => {
        const folder = mkdtempSync(join(tmpdir(), "statespec-truth-spec-"));
        for (const document of documents) writeFileSync(join(folder, `${document.id}.yaml`), stringify(document));
        const out = join(root, String(run++));
        const result = await runCli(["generate", "--spec", folder, "--out", out]);
        expect(result.stderr).not.toContain(": error ");
        expect(result.code).toBe(0);
        const exported = JSON.parse((await runCli(["export", "--spec", folder])).stdout) as {
          vendors: ExportedVendor[];
        };
        expect(exported.vendors.map((vendor) => vendor.id)).toEqual(["base", "middle", "top"]);
        for (const vendor of exported.vendors) await checkVendor(out, vendor);
        inherited += (
          JSON.stringify(exported.vendors.slice(1)).match(
            /"fallback":"middle","origin":\{"fallback":"base","origin":\{"row"/g,
          ) ?? []
        ).length;
      }),
      { numRuns: 5, seed: 20261125 },
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
      { numRuns: 300, seed: 42 },
    );
    // The mutations reach both outcomes, so the property is not vacuous.
    expect(outcomes.invalid).toBeGreaterThan(50);
    expect(outcomes.valid).toBeGreaterThan(10);
  });
});
