// The generated Rust under Rust's tools: every crate of out/, of the golden folders, of a spec of hostile-but-valid
// values and of random specs as members of one cargo workspace in a temporary folder, with one harness binary that
// uses them as path dependencies. One build with clippy's lints under -D warnings (clippy-driver as the compiler of
// every member, as `cargo clippy` runs it), one run of the harness answering the behaviour cases of test/sdk.test.ts,
// compared with the TypeScript answers; rustfmt --check on every generated .rs file.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import * as openstack from "../out/openstack/index.js";
import * as huawei from "../out/huawei-ecs/index.js";
import * as rackspace from "../out/rackspace/index.js";
import { buildModel } from "../generator/compile/compile.js";
import { rustVariantNames } from "../generator/emit/names.js";
import { artifactKinds, defaultArtifactKinds } from "../generator/emit/index.js";
import { runCli } from "./helpers/cli.js";
import { modelAnswers, randomVendorSpecs } from "./helpers/random-specs.js";
import { rustHarness, rustInput, type RustAnswers } from "./helpers/rust-harness.js";
import { casesFor, findTool, run, typeScriptAnswers, type Answers, type Cases } from "./helpers/sdk.js";
import type { TypeScriptModule } from "./helpers/sdk.js";

/** Every generated crate folder: out/<vendor>/rust and test/golden/generate/<case>/expected/<vendor>/rust. */
function committedCrates(): string[] {
  const outputs = [
    "out",
    ...readdirSync("test/golden/generate").map((name) => join("test/golden/generate", name, "expected")),
  ];
  return outputs.flatMap((output) =>
    readdirSync(output, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(output, entry.name, "rust", "Cargo.toml")))
      .map((entry) => join(output, entry.name, "rust")),
  );
}

/** Long enough that rustfmt cannot fit some lines in 100 columns: it must leave them as the printer wrote them. */
const long = { vmState: `long_${"v".repeat(115)}`, taskState: `long_${"t".repeat(100)}` };

/**
 * Values that are keywords of Rust or Java, differ only in case or separator, hold digits or are long, or name an
 * associated item the generated impls use (`Err`, FromStr's error type, in every case); prose in Markdown.
 */
const hostileSpec = {
  id: "hostile",
  vendor: { id: "hostile", uncovered: { status: "UNKNOWN", why: "Nothing falls back." } },
  locale: "en",
  provenance: { source: "hostile.txt", title: "Hostile names", publisher: "Hostile" },
  states: {
    vm_state: {
      section: "Table 1",
      values: [
        { value: "class", description: "- a list?\n1. numbered\n=====\n    code\ttab ``` [l](http://x) <b>b</b> *e*" },
        { value: "enum", description: "Überall naïve café 中文 ✓ Ωμέγα" },
        ...[
          "type",
          "match",
          "self",
          "Self",
          "None",
          "Err",
          "a",
          "all",
          "ALL",
          "x-1-2",
          "x1.2",
          "x12",
          long.vmState,
        ].map((value) => ({
          value,
        })),
      ],
    },
    task_state: {
      section: "Table 2",
      values: [
        "powering-off",
        "powering_off",
        "Powering.Off",
        "None",
        "Some",
        "Err",
        "Ok",
        "fn",
        "impl",
        "dyn",
        "int",
        long.taskState,
      ].map((value) => ({ value })),
    },
    power_state: {
      section: "Table 3",
      values: [{ value: 0, name: "Self" }, { value: 1, name: "self" }, { value: 65535 }],
    },
    status: {
      section: "Table 4",
      values: ["ACTIVE", "active", "Self", "NONE", "Err", "ERR", "err", "Ok", "UNKNOWN"].map((value) => ({ value })),
    },
  },
  mapping: {
    section: "Table 5",
    rows: [
      { vm_state: "class", task_states: "any", status: "ACTIVE" },
      { vm_state: "Self", task_states: "any", status: "active" },
      { vm_state: "self", task_states: ["None", "Some", long.taskState], status: "Self" },
      { vm_state: long.vmState, task_states: "any", status: "ACTIVE" },
      { vm_state: long.vmState, task_states: [long.taskState], status: "NONE" },
      { vm_state: "None", task_states: [null], status: "NONE" },
      { vm_state: "match", task_states: ["powering-off", "powering_off"], status: "ACTIVE" },
      { vm_state: "x-1-2", task_states: "any", status: "Self" },
      { vm_state: "Err", task_states: "any", status: "Err" },
      { vm_state: "Err", task_states: ["Err"], status: "ERR" },
      { vm_state: "Err", task_states: ["Ok"], status: "err" },
      { vm_state: "Err", task_states: [null], status: "Ok" },
    ],
  },
};

interface Target {
  crate: string;
  cases: Cases;
  expected: Answers;
}

const shipped = [
  ["openstack", openstack],
  ["huawei-ecs", huawei],
  ["rackspace", rackspace],
].map(([id, module]): Target => {
  const cases = casesFor(module as unknown as TypeScriptModule);
  return { crate: join("out", id as string, "rust"), cases, expected: typeScriptAnswers(module as never, cases) };
});

/** Specs generated together into a temporary folder with only the Rust artifact: each crate and its model answers. */
async function generated(specs: { id: string; vendor: { id: string } }[], config: string): Promise<Target[]> {
  const folder = mkdtempSync(join(tmpdir(), "statespec-rust-spec-"));
  for (const spec of specs) writeFileSync(join(folder, `${spec.id}.yaml`), stringify(spec));
  const out = mkdtempSync(join(tmpdir(), "statespec-rust-out-"));
  const result = await runCli(["generate", "--config", config, "--spec", folder, "--out", out]);
  if (result.code !== 0) throw new Error(`generate failed:\n${result.stderr}`);
  const vendors = (await buildModel([folder])).model!.vendors;
  return specs.map((spec) => {
    const module = modelAnswers(vendors.find((vendor) => vendor.id === spec.vendor.id)!);
    const cases = casesFor(module);
    return { crate: join(out, spec.vendor.id, "rust"), cases, expected: typeScriptAnswers(module, cases) };
  });
}

/** The golden folders' committed crates (their specs in `spec/`), each with the answers of the model it is made from. */
async function goldenTargets(): Promise<Target[]> {
  const targets: Target[] = [];
  for (const name of readdirSync("test/golden/generate")) {
    const expected = join("test/golden/generate", name, "expected");
    const crates = committedCrates().filter((crate) => crate.startsWith(`${expected}/`));
    if (crates.length === 0) continue;
    const vendors = (await buildModel([join("test/golden/generate", name, "spec")])).model!.vendors;
    for (const crate of crates) {
      const vendor = vendors.find((candidate) => join(expected, candidate.id, "rust") === crate)!;
      const module = modelAnswers(vendor);
      const cases = casesFor(module);
      targets.push({ crate, cases, expected: typeScriptAnswers(module, cases) });
    }
  }
  return targets;
}

const missing =
  findTool("cargo", ["--version"]) ?? findTool("clippy-driver", ["--version"]) ?? findTool("rustfmt", ["--version"]);

interface Workspace {
  targets: Target[];
  clippy: { code: number; output: string };
  /** The harness's answers, or what it or its build printed when it failed. */
  harness: RustAnswers[] | string;
  rustfmt: { code: number; output: string };
}

/**
 * Copies every crate into one workspace (a later crate of an already-used package name is renamed, as a workspace
 * needs), adds the harness, then runs the build (clippy's lints included) and the harness once each.
 */
async function workspace(): Promise<Workspace> {
  const root = mkdtempSync(join(tmpdir(), "statespec-rust-"));
  const config = join(root, "statespec.config.yaml");
  writeFileSync(config, "artifacts: [rust]\n");
  // The property tests' random specs, each its own vendor (random-0, ...), so one generate run writes them all.
  const randomSpecs = randomVendorSpecs(12, 20261123);
  // The hostile spec's crate right after the shipped ones: the answers test finds it there.
  const targets = [...shipped, ...(await generated([hostileSpec, ...randomSpecs], config)), ...(await goldenTargets())];
  const used = new Set<string>();
  const members = targets.map((target, index) => {
    const member = `c${index}`;
    cpSync(target.crate, join(root, member), { recursive: true });
    const manifest = readFileSync(join(root, member, "Cargo.toml"), "utf8");
    let name = /^name = "([^"]+)"$/m.exec(manifest)![1];
    if (used.has(name)) {
      name = `${member}_${name}`;
      writeFileSync(join(root, member, "Cargo.toml"), manifest.replace(/^name = "[^"]+"$/m, `name = "${name}"`));
    }
    used.add(name);
    return { member, name };
  });
  // The example of docs/output.md, which uses the openstack crate (the first member) by its name.
  const example = /```rust\n([\s\S]*?)```/.exec(readFileSync("docs/output.md", "utf8"))![1];
  const harness = rustHarness(members, example);
  mkdirSync(join(root, "harness", "src"), { recursive: true });
  writeFileSync(join(root, "harness", "Cargo.toml"), harness.manifest);
  writeFileSync(join(root, "harness", "src", "main.rs"), harness.main);
  const names = [...members.map(({ member }) => member), "harness"].map((name) => JSON.stringify(name));
  // No debug info and no incremental state: the build is run once and thrown away. One codegen unit per crate:
  // small crates split in 256 spend more CPU on the splitting than they save (about 2 s of 9 here).
  const profile = "[profile.dev]\ndebug = false\nincremental = false\ncodegen-units = 1\n";
  writeFileSync(join(root, "Cargo.toml"), `[workspace]\nresolver = "2"\nmembers = [${names.join(", ")}]\n\n${profile}`);
  // One build that is also the clippy run: clippy-driver (rustc with clippy's lints, what `cargo clippy` runs) as
  // the compiler of every workspace member, -D warnings for all of them. A separate `cargo clippy` would compile
  // every crate a second time without code, the build then again with it.
  const env = {
    CARGO_TARGET_DIR: join(root, "target"),
    CARGO_TERM_COLOR: "never",
    RUSTC_WORKSPACE_WRAPPER: "clippy-driver",
    RUSTFLAGS: "-D warnings",
  };
  const sources = [...committedCrates(), ...targets.map((target) => target.crate)].map((crate) =>
    join(crate, "src", "lib.rs"),
  );
  const [build, rustfmt] = await Promise.all([
    run("cargo", ["build", "--offline", "-p", "harness"], { cwd: root, env }),
    run("rustfmt", ["--check", "--edition", "2021", ...new Set(sources)]),
  ]);
  const answered =
    build.code === 0
      ? await run(join(root, "target", "debug", "harness"), [], {
          input: rustInput(targets.map((target) => target.cases)),
        })
      : { code: build.code, stdout: "", stderr: `cargo build failed:\n${build.stderr}` };
  return {
    targets,
    clippy: { code: build.code, output: build.stderr + build.stdout },
    // A failed build or a panic (an assertion of the harness or of the docs example) fails the answers test only.
    harness: answered.code === 0 ? (JSON.parse(answered.stdout) as RustAnswers[]) : answered.stderr,
    rustfmt: { code: rustfmt.code, output: rustfmt.stdout + rustfmt.stderr },
  };
}

let result: Promise<Workspace>;

beforeAll(() => {
  if (missing) return;
  result = workspace();
  // Marked handled at once: a failure is reported by the test that awaits it, not as an unhandled rejection.
  result.catch(() => undefined);
}, 20_000);

describe("generated Rust under Rust's tools", () => {
  it("covers out/ and the golden folders that generate Rust, each crate a Cargo.toml and src/lib.rs", () => {
    const crates = committedCrates();
    expect(crates).toEqual(
      expect.arrayContaining([
        join("out", "openstack", "rust"),
        join("test", "golden", "generate", "empty-sets", "expected", "bare", "rust"),
        join("test", "golden", "generate", "name-collisions", "expected", "clash", "rust"),
      ]),
    );
    for (const crate of crates) {
      expect(readdirSync(crate).sort(), crate).toEqual(["Cargo.toml", "src"]);
      expect(readdirSync(join(crate, "src")), crate).toEqual(["lib.rs"]);
      expect(readFileSync(join(crate, "Cargo.toml"), "utf8"), crate).toMatch(/\[dependencies\]\n$/);
    }
  });

  it("is rustfmt-clean (edition 2021), committed crates and generated ones alike", async (context) => {
    if (missing) return context.skip(missing);
    expect((await result).rustfmt).toEqual({ code: 0, output: "" });
  }, 300_000);

  it("passes cargo clippy -D warnings, every crate checked", async (context) => {
    if (missing) return context.skip(missing);
    const { clippy, targets } = await result;
    expect(clippy.output).not.toMatch(/^(warning|error)/m);
    expect(clippy.code).toBe(0);
    // Not vacuous: clippy-driver compiled every member and the harness (a crate's name is printed as it compiles).
    expect(clippy.output.match(/^\s*Compiling /gm)?.length).toBe(targets.length + 1);
  }, 300_000);

  it("answers every case as the TypeScript does: shipped vendors, hostile values and random specs", async (context) => {
    if (missing) return context.skip(missing);
    const { harness: answers, targets } = await result;
    if (typeof answers === "string") throw new Error(answers);
    expect(answers).toHaveLength(targets.length);
    targets.forEach((target, index) => {
      const { unknown, ...comparable } = answers[index];
      expect(comparable, target.crate).toEqual(target.expected);
      expect(unknown, target.crate).toBe(
        target.expected.pairs[target.cases.pairs.findIndex(([vmState]) => vmState === null)],
      );
    });
    // Not vacuous: the hostile spec's keywords reached the crate, and its answers differ by case.
    const hostile = answers[shipped.length];
    expect(hostile.vmStates).toEqual(expect.arrayContaining(["class", "self", "Self", "None", "match", "Err"]));
    expect(new Set(hostile.pairs)).toEqual(
      new Set(["ACTIVE", "active", "Self", "NONE", "Err", "ERR", "err", "Ok", "UNKNOWN"]),
    );
    expect(answers.some((item) => item.filters.some((filter) => filter !== null && filter.taskStates !== null))).toBe(
      true,
    );
  }, 300_000);
});

describe("the rust artifact kind", () => {
  it("is opt-in like python and go: a config names it to get it, and then gets only what it names", async (context) => {
    expect(artifactKinds).toContain("rust");
    expect(defaultArtifactKinds).not.toContain("rust");
    if (missing) return context.skip(missing);
    // The hostile spec was generated with artifacts: [rust]: its vendor folder holds the crate and nothing else.
    const { targets } = await result;
    expect(readdirSync(join(targets[shipped.length].crate, ".."))).toEqual(["rust"]);
  }, 300_000);
});

describe("Rust variant names", () => {
  it.each([
    [
      ["SOFT_DELETE", "VM_ID", "V_1_2", "STATE_10"],
      ["SoftDelete", "VmId", "V1_2", "State10"],
    ],
    // Self is a keyword no raw identifier can spell; self, class, match are lower-case keywords only.
    [
      ["SELF", "SELF_2", "CLASS", "MATCH", "NONE"],
      ["Self_", "Self2", "Class", "Match", "None"],
    ],
    [
      ["STATE_1", "STATE1", "STATE_1_V2"],
      ["State1", "State1V3", "State1V2"],
    ],
  ])("%j -> %j", (members, names) => {
    expect(rustVariantNames(members)).toEqual(names);
  });
});
