// The generated Java as Java's tools see it: every package of out/, of the golden folders and of random and hostile
// specs compiled in one javac run (-Xlint:all -Werror) with a harness that answers the behaviour cases of
// test/sdk.test.ts in one JVM, compared case by case with the TypeScript; and checkstyle's Google checks over every
// generated Java file, any WARN or ERROR failing. One generate, one javac, one java, one checkstyle.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import * as openstack from "../out/openstack/index.js";
import * as huawei from "../out/huawei-ecs/index.js";
import * as rackspace from "../out/rackspace/index.js";
import { buildModel } from "../generator/compile/compile.js";
import { javaPackage } from "../generator/emit/names.js";
import { runCli } from "./helpers/cli.js";
import { javaAnswers, javaPackageOf, javaQuick } from "./helpers/java-harness.js";
import { literalsProgram, literalValues, shown } from "./helpers/java-literals.js";
import { modelAnswers } from "./helpers/random-specs.js";
import {
  casesFor,
  findTool,
  run,
  typeScriptAnswers,
  type Answers,
  type Cases,
  type TypeScriptModule,
} from "./helpers/sdk.js";

const missing =
  findTool("javac", ["-version"]) ?? findTool("java", ["-version"]) ?? findTool("checkstyle", ["--version"]);

/** Keywords and reserved names of Java, Rust and Python, and values apart only in case or separator. */
const hostileWords = [
  ..."class enum type match self Self None int default value VALUE values valueOf fromValue code member".split(" "),
  ..."Optional String null true record var yield a-b a_b a.b A-B a--b x1 x.1 Row".split(" "),
];
const hostileText = [
  "*/ end",
  "@param x",
  "{@code x} {@link Y}",
  "\\u000a \\u002a/ back\\slash",
  "<p> <b>bold</b> &amp; &",
  "tab\there",
  "ü 中文 ✓ İ ſ",
  "\u00a0 leading and trailing \u00a0",
  "line\n\nbreak\nhere",
];

const word = fc.oneof(fc.constantFrom(...hostileWords), fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/));
const description = fc.option(fc.oneof(fc.constantFrom(...hostileText), fc.lorem({ maxCount: 12 })), {
  nil: undefined,
});

interface RandomSets {
  vm: string[];
  task: string[];
  power: number[];
  status: string[];
}

const sets: fc.Arbitrary<RandomSets> = fc.record({
  vm: fc.uniqueArray(word, { minLength: 1, maxLength: 6 }),
  task: fc.uniqueArray(word, { maxLength: 6 }),
  power: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 3 }),
  status: fc
    .uniqueArray(
      fc.oneof(
        word.map((value) => value.toUpperCase()),
        word,
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((values) => values.filter((value) => value !== "UNKNOWN")),
});

/** A spec of vendor `id` over random sets: descriptions, power names, rows of any task and of single tasks. */
function randomSpec(id: string, seed: number): Record<string, unknown> {
  const [chosen] = fc.sample(sets, { seed, numRuns: 1 });
  const statuses = [...chosen.status, "UNKNOWN"];
  const [texts] = fc.sample(fc.array(description, { minLength: 40, maxLength: 40 }), { seed, numRuns: 1 });
  const [picks] = fc.sample(fc.array(fc.nat(), { minLength: 80, maxLength: 80 }), { seed, numRuns: 1 });
  let next = 0;
  const pick = <T>(list: readonly T[]) => list[picks[next++ % picks.length] % list.length];
  const values = (list: (string | number)[]) =>
    list.map((value, index) => ({
      value,
      ...(texts[index] !== undefined && { description: texts[(index * 7 + list.length) % texts.length] }),
      ...(typeof value === "number" && index % 2 === 0 && { name: pick(hostileWords) }),
    }));
  const set = (list: (string | number)[]) => ({ section: "Table", values: values(list) });
  const rows = chosen.vm.flatMap((vmState) => [
    ...(pick([true, false]) ? [{ vm_state: vmState, task_states: "any", status: pick(statuses) }] : []),
    ...chosen.task
      .filter(() => pick([true, false, false]))
      .map((task) => ({ vm_state: vmState, task_states: [task], status: pick(statuses) })),
    ...(pick([true, false]) ? [{ vm_state: vmState, task_states: [null], status: pick(statuses) }] : []),
  ]);
  return {
    id,
    vendor: { id, uncovered: { status: "UNKNOWN", why: "random" } },
    locale: "en",
    provenance: { source: `${id}.txt`, title: "Random", publisher: "fast-check" },
    states: {
      vm_state: set(chosen.vm),
      task_state: set(chosen.task),
      power_state: set(chosen.power),
      status: set(statuses),
    },
    mapping: { section: "Rows", rows },
  };
}

/**
 * Hostile but valid, every case at once: keywords of Java, Rust and Python, values apart only in case or separator,
 * power states named like keywords or left to STATE_<n>, and descriptions full of comment and Javadoc syntax.
 */
function hostileSpec(): Record<string, unknown> {
  const documented = (values: (string | number)[]) => ({
    section: "Table",
    values: values.map((value, index) => ({ value, description: hostileText[index % hostileText.length] })),
  });
  const vm = ["class", "Class", "CLASS", "enum", "type", "match", "self", "Self", "None", "a-b", "a_b", "a.b"];
  const task = ["value", "VALUE", "values", "default", "fromValue", "record", "x1", "x.1", "x-1"];
  const statuses = ["ACTIVE", "active", "Active", "CLASS", "class", "a-b", "A_B", "UNKNOWN"];
  const rows = vm.flatMap((vmState, index) => [
    { vm_state: vmState, task_states: "any", status: statuses[index % statuses.length] },
    { vm_state: vmState, task_states: [task[index % task.length]], status: statuses[(index + 3) % statuses.length] },
    ...(index % 3 === 0 ? [{ vm_state: vmState, task_states: [null], status: statuses[(index + 5) % 8] }] : []),
  ]);
  // The longest names docs/output.md promises to fit, at the deepest place each can take (the last row's last task),
  // and a value in no row whose literal must break to fit.
  const [longVm, longTask, longStatus] = [safeNames.vm_state, safeNames.task_state, safeNames.status].map(long);
  vm.push(longVm);
  task.push(longTask, long(safeNames.documented));
  statuses.splice(-1, 0, longStatus);
  rows.push(
    { vm_state: longVm, task_states: "any", status: "ACTIVE" },
    { vm_state: longVm, task_states: [longTask], status: longStatus },
  );
  const spec = randomSpec("hostile", 1);
  return {
    ...spec,
    states: {
      vm_state: documented(vm),
      task_state: { ...documented(task), values: [...documented(task).values, { value: long(safeNames.inNoRow) }] },
      power_state: {
        section: "Table",
        values: [
          { value: 0, name: "class" },
          { value: 1, name: "None" },
          { value: 2, name: "CLASS" },
          { value: 7 },
          { value: 8, name: long(safeNames.inNoRow) },
        ],
      },
      status: documented(statuses),
    },
    mapping: { section: "Rows", rows },
  };
}

/**
 * The longest member names docs/output.md says fit in 100 columns, per role: `inNoRow` a power state or a value no row
 * names, `documented` such a value with a description (its Javadoc holds the value in {@code}).
 */
const safeNames = { vm_state: 68, task_state: 61, status: 55, documented: 93, inNoRow: 97 };

/** A value (and member name) `length` characters long, unique per length. */
function long(length: number): string {
  return `L${length}`.padEnd(length, "x");
}

/** Descriptions of the schema's maximum length: words in many scripts, escapes for Java and Javadoc, astral letters. */
const longText = Array.from('é ü 中文 \\u00e9 \\" " */ {@code x} <b> & tab\t 😀𝐀 İ ſ word '.repeat(500))
  .slice(0, 20000)
  .join("");

/** Every value, name and description at the schema's maximum length: it must compile and answer right. */
function longSpec(): Record<string, unknown> {
  const set = (values: (string | number)[]) => ({
    section: "Table",
    values: values.map((value) => ({
      value,
      description: longText,
      ...(typeof value === "number" && { name: `N${"n".repeat(127)}` }),
    })),
  });
  const [vm, task, status] = ["v", "t", "S"].map((first) => first + `${first}.-_9`.repeat(40).slice(0, 127));
  return {
    ...randomSpec("long", 3),
    states: { vm_state: set([vm]), task_state: set([task]), power_state: set([1]), status: set([status, "UNKNOWN"]) },
    mapping: { section: "Rows", rows: [{ vm_state: vm, task_states: [task], status }] },
  };
}

/** Vendor ids that are Java keywords once the package drops the '-': the package name must stay valid. */
const randomIds = ["class", "enum-1", "int-CN", "random", "self", "match", "none", "record", "type", "var"];

const shipped = [
  { folder: "out/openstack", module: openstack as unknown as TypeScriptModule },
  { folder: "out/huawei-ecs", module: huawei as unknown as TypeScriptModule },
  { folder: "out/rackspace", module: rackspace as unknown as TypeScriptModule },
];

/** Every generated Java source: out/ and each golden folder that generates Java. */
function goldenVendorFolders(): string[] {
  const outputs = [
    "out",
    ...readdirSync("test/golden/generate").map((name) => join("test/golden/generate", name, "expected")),
  ];
  return outputs.flatMap((output) =>
    readdirSync(output, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && readdirSync(join(output, entry.name)).includes("java"))
      .map((entry) => join(output, entry.name)),
  );
}

/**
 * The ```java example of docs/output.md as a program: its imports, then its statements in main. A statement
 * `Type name = ...; // VALUE` must leave `name` printing VALUE; a comment `// prints X` expects X printed.
 */
function docsExample(): { source: string; expected: string[] } {
  const block = /```java\n([\s\S]*?)```/.exec(readFileSync("docs/output.md", "utf8"))![1];
  const lines = block.split("\n").map((line) => line.trim());
  const imports = lines.filter((line) => line.startsWith("import "));
  const statements: string[] = [];
  const expected: string[] = [];
  for (const line of lines.filter((text) => text !== "" && !text.startsWith("import "))) {
    const [code, comment] = line.split(" // ");
    statements.push(`    ${code}`);
    if (comment?.startsWith("prints ")) expected.push(comment.slice("prints ".length));
    else if (comment !== undefined) {
      statements.push(`    System.out.println(${/^\S+ (\w+) =/.exec(code)![1]});`);
      expected.push(comment);
    }
  }
  const source = [...imports, "", "public final class Example {", "  private Example() {}", ""]
    .concat(["  public static void main(String[] args) {", ...statements, "  }", "}", ""])
    .join("\n");
  return { source, expected };
}

interface Target {
  folder: string;
  cases: Cases;
  expected: Answers;
}

let targets: Target[] = [];
let answers: ReturnType<typeof javaAnswers>;
let checkstyle: Promise<{ code: number; output: string; files: number }>;

/** A checkstyle finding the run must report, so a run that checks nothing (or at another severity) cannot pass. */
const canary = `package canary;\n\n/** A canary. */\npublic final class Canary {\n\tprivate Canary() {}\n}\n`;

async function generateRandom(): Promise<Target[]> {
  const specs = mkdtempSync(join(tmpdir(), "statespec-java-specs-"));
  randomIds.forEach((id, index) => writeFileSync(join(specs, `${id}.yaml`), stringify(randomSpec(id, 2026 + index))));
  writeFileSync(join(specs, "hostile.yaml"), stringify(hostileSpec()));
  writeFileSync(join(specs, "long.yaml"), stringify(longSpec()));
  const root = mkdtempSync(join(tmpdir(), "statespec-java-out-"));
  writeFileSync(join(root, "statespec.config.yaml"), "artifacts: [java]\n");
  const out = join(root, "out");
  const generated = await runCli([
    "generate",
    "--config",
    join(root, "statespec.config.yaml"),
    "--spec",
    specs,
    "--out",
    out,
  ]);
  if (generated.code !== 0) throw new Error(`generate failed:\n${generated.stderr}`);
  const model = (await buildModel([specs])).model!;
  return model.vendors.map((vendor) => {
    const module = modelAnswers(vendor);
    const cases = casesFor(module);
    return { folder: join(out, vendor.id), cases, expected: typeScriptAnswers(module, cases) };
  });
}

async function goldenTargets(): Promise<Target[]> {
  const folders = goldenVendorFolders().filter((folder) => folder.startsWith("test"));
  const specFolders = [...new Set(folders.map((folder) => join(folder, "..", "..", "spec")))];
  const vendors = (
    await Promise.all(specFolders.map(async (spec) => (await buildModel([spec])).model!.vendors))
  ).flat();
  return folders.map((folder) => {
    const vendor = vendors.find((candidate) => folder.endsWith(`/${candidate.id}`))!;
    const module = modelAnswers(vendor);
    const cases = casesFor(module);
    return { folder, cases, expected: typeScriptAnswers(module, cases) };
  });
}

beforeAll(async () => {
  if (missing) return;
  const shippedTargets = shipped.map((target) => {
    const cases = casesFor(target.module);
    return { folder: target.folder, cases, expected: typeScriptAnswers(target.module, cases) };
  });
  targets = [...shippedTargets, ...(await goldenTargets()), ...(await generateRandom())];
  const example = mkdtempSync(join(tmpdir(), "statespec-java-example-"));
  writeFileSync(join(example, "Example.java"), docsExample().source);
  writeFileSync(join(example, "Literals.java"), literalsProgram());
  answers = javaAnswers(targets, [join(example, "Example.java"), join(example, "Literals.java")]);
  answers.catch(() => undefined);
  const canaryFolder = mkdtempSync(join(tmpdir(), "statespec-java-canary-"));
  writeFileSync(join(canaryFolder, "Canary.java"), canary);
  const files = [
    ...targets.flatMap((target) => javaPackageOf(target.folder).files),
    join(example, "Literals.java"),
    join(canaryFolder, "Canary.java"),
  ];
  // Debian's checkstyle script passes JAVA_ARGS to its JVM: the same quick options as javac and java.
  const quick = { JAVA_ARGS: javaQuick.join(" ") };
  const args = ["-c", "/usr/share/checkstyle/google_checks.xml", ...files];
  checkstyle = run("checkstyle", args, { env: quick }).then((result) => ({
    code: result.code,
    output: result.stdout + result.stderr,
    files: files.length,
  }));
}, 120_000);

describe("generated Java under Java's tools", () => {
  it("covers out/, the golden folders that generate Java, and hostile random specs", (context) => {
    if (missing) return context.skip(missing);
    const folders = targets.map((target) => target.folder);
    expect(folders).toEqual(
      expect.arrayContaining([
        "out/openstack",
        join("test", "golden", "generate", "name-collisions", "expected", "clash"),
        join("test", "golden", "generate", "empty-sets", "expected", "bare"),
      ]),
    );
    expect(targets.length).toBe(3 + 3 + randomIds.length + 2);
    // Not vacuous: the hostile spec's values are there, apart only in case, as distinct members.
    const hostile = targets.find((target) => target.folder.endsWith("hostile"))!;
    expect(hostile.expected.vmStates).toEqual(expect.arrayContaining(["class", "Class", "CLASS", "Self", "None"]));
    expect(hostile.expected.powerStates).toEqual([
      ["CLASS", 0],
      ["NONE", 1],
      ["CLASS_2", 2],
      ["STATE_7", 7],
      [long(safeNames.inNoRow).toUpperCase(), 8],
    ]);
    for (const target of targets)
      expect(
        readdirSync(join(javaPackageOf(target.folder).root, ...javaPackageOf(target.folder).name.split("."))).sort(),
      ).toEqual([
        "PowerState.java",
        "ServerStates.java",
        "ServerStatus.java",
        "StatusFilter.java",
        "TaskState.java",
        "VmState.java",
        "package-info.java",
      ]);
  });

  it("compiles with javac -Xlint:all -Werror and answers every case as the TypeScript does", async (context) => {
    if (missing) return context.skip(missing);
    const { javac, answers: java } = await answers;
    expect(javac).toEqual({ code: 0, output: "" });
    targets.forEach((target, index) => expect(java[index], target.folder).toEqual(target.expected));
    // Not vacuous: the cases reach filters that select something, with and without task states, and many statuses.
    const filters = targets.flatMap((target) => target.expected.filters);
    expect(filters.some((filter) => filter?.taskStates === null)).toBe(true);
    expect(filters.some((filter) => filter?.taskStates?.includes(null))).toBe(true);
    expect(filters.some((filter) => (filter?.taskStates?.length ?? 0) > 1)).toBe(true);
    expect(new Set(targets[0].expected.pairs).size).toBe(20);
  }, 300_000);

  it("runs the example of docs/output.md as written", async (context) => {
    if (missing) return context.skip(missing);
    const { classes } = await answers;
    const result = await run("java", [...javaQuick, "-cp", classes, "Example"]);
    expect(result.stderr).toBe("");
    expect(result.stdout.trimEnd().split("\n")).toEqual(docsExample().expected);
    expect(docsExample().expected.length).toBeGreaterThanOrEqual(2);
  }, 300_000);

  it("breaks long string literals into pieces that keep escapes and surrogate pairs whole", async (context) => {
    if (missing) return context.skip(missing);
    const { classes } = await answers;
    const result = await run("java", [...javaQuick, "-cp", classes, "Literals"]);
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n").slice(0, -1)).toEqual(
      literalValues.flatMap((value) => [shown(value), shown(value)]),
    );
    const lines = literalsProgram().split("\n");
    // Not vacuous: the literals do break, the + leads each continuation, and no piece starts inside a pair.
    expect(lines.filter((line) => /^ {10,12}\+ "/.test(line)).length).toBeGreaterThanOrEqual(4 * literalValues.length);
    expect(lines.filter((line) => /"[\udc00-\udfff]/.test(line))).toEqual([]);
    expect(Math.max(...lines.map((line) => line.length))).toBe(100);
  }, 300_000);

  it("passes checkstyle's Google checks: no WARN or ERROR line but the canary's", async (context) => {
    if (missing) return context.skip(missing);
    const { code, output, files } = await checkstyle;
    const findings = output.split("\n").filter((line) => /^\[(WARN|ERROR)\]/.test(line));
    const isLong = (line: string) => line.includes(`${sep}long${sep}java${sep}`);
    expect(findings.filter((line) => !line.includes("Canary.java") && !isLong(line))).toEqual([]);
    // At the schema's maximum length only what no break can shorten is over 100 columns: a member name, or a value
    // in its Javadoc {@code}; never a string literal (docs/output.md states the lengths that fit).
    const long = findings.filter(isLong);
    expect(long.length).toBeGreaterThan(0);
    for (const finding of long) {
      const [, file, line] = /^\[WARN\] (.+?):(\d+):/.exec(finding)!;
      const text = readFileSync(file, "utf8").split("\n")[Number(line) - 1];
      expect(finding).toMatch(/Line is longer than 100 characters \(found \d+\)\. \[LineLength\]$/);
      expect(text).not.toContain('"');
      // One token on its line (a break could go nowhere else), with the closing punctuation google-java-format
      // keeps on it.
      expect(text.trim()).toMatch(/^(\* )?[A-Za-z0-9_.-]{60,}[(){},;.]*$/);
    }
    expect(findings.join("\n")).toMatch(/Canary\.java:5:1: Line contains a tab character\. \[FileTabCharacter\]/);
    expect(output).toContain("Audit done.");
    expect(code).toBe(0);
    expect(files).toBeGreaterThan(40);
  }, 300_000);

  it("names each vendor's package statespec.<vendor id in lower-case letters and digits>states", () => {
    expect(javaPackage("huawei-ecs")).toBe("statespec.huaweiecsstates");
    expect(javaPackage("int-CN")).toBe("statespec.intcnstates");
    expect(javaPackageOf("out/openstack").name).toBe("statespec.openstackstates");
  });
});
