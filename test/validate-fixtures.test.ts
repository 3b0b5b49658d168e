// One folder per diagnostic: each broken input must give exactly the diagnostics in its expected.txt, and every
// code of the diagnostics table must be produced by at least one of them.
// Most cases are valid-minimal's spec with a `spec.patch`, made whole in a temporary folder (test/helpers/fixtures.ts).
// A folder without an `args` file is run as `statespec validate --spec <folder>/spec`, in-process (a derived case
// from a temporary root that holds it at its path in this checkout, so the diagnostics name that path). A folder
// with an `args` file (one argument per line) is run in a temporary project, so it can hold a config, an out/ and
// templates/: in-process (runCliIn; the diagnostics are what is printed), except a case with templates/, which
// replace the package's own in a copy of the package, run by that copy's built CLI as a real process.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diagnosticCodes } from "../generator/common/diagnostics.js";
import { builtCli, recording, runBuilt, runCli, runCliIn, type RunResult } from "./helpers/cli.js";
import {
  caseInTemp,
  invalidCases as root,
  isDerived,
  materializeCase,
  patchFile,
  validMinimal,
} from "./helpers/fixtures.js";
import { tree } from "./helpers/folders.js";

const cases = readdirSync(root).sort();

/** The case's input in a temporary project; with templates/, the project is also a copy of the package. */
function project(folder: string): { cwd: string; bin: string } {
  const cwd = mkdtempSync(join(tmpdir(), "statespec-fixture-"));
  let bin = builtCli;
  if (existsSync(join(folder, "templates"))) {
    // Not the shipped spec/: the project's spec/ is the fixture's, so only its diagnostics show.
    for (const entry of ["package.json", "dist", "templates"]) cpSync(entry, join(cwd, entry), { recursive: true });
    symlinkSync(resolve("node_modules"), join(cwd, "node_modules"), "dir");
    bin = join(cwd, "dist/generator/cli/bin.cjs");
  }
  materializeCase(folder, cwd);
  return { cwd, bin };
}

// Each derived case is made whole once: validate only reads it, and the patch test reads the same spec/base.yaml.
const made = new Map<string, ReturnType<typeof caseInTemp>>();
function madeCase(name: string): ReturnType<typeof caseInTemp> {
  if (!made.has(name)) made.set(name, caseInTemp(name));
  return made.get(name)!;
}

async function run(name: string): Promise<RunResult & { untouched: boolean }> {
  const folder = join(root, name);
  if (!existsSync(join(folder, "args"))) {
    const spec = ["validate", "--spec", join(folder, "spec")];
    // A case whole in the checkout runs there, as a user's run would (its spec-folder messages name the config the
    // checkout has); a derived one from the temporary root holding it at the same path.
    const result = isDerived(folder) ? await runCliIn(madeCase(name).root, spec) : await runCli(spec);
    return { ...result, untouched: true };
  }
  const { cwd, bin } = project(folder);
  const before = tree(cwd);
  const args = readFileSync(join(folder, "args"), "utf8")
    .split("\n")
    .filter((line) => line !== "");
  const result = bin === builtCli ? await runCliIn(cwd, args) : await runBuilt(args, { cwd, bin });
  // Every fixture is an error: nothing in the project may change.
  return { ...result, untouched: JSON.stringify(tree(cwd)) === JSON.stringify(before) };
}

/** The codes an expected.txt shows, each in the public format `where: severity CODE message`. */
function codesIn(expected: string): string[] {
  return [...expected.matchAll(/^\S[^\n]*?: (?:error|warning) ([a-z0-9-]+) /gm)].map((match) => match[1]);
}

// The real processes start together, before the first test: they are independent, and each mostly waits. Not the
// in-process runs: while one runs, the working folder is its project's, and this file's paths are relative.
const started = new Map<string, ReturnType<typeof run>>();
beforeAll(() => {
  for (const name of cases) if (existsSync(join(root, name, "templates"))) started.set(name, run(name));
});

describe("statespec validate on broken specs", () => {
  it("has a fixture for every code of the diagnostics table", () => {
    const produced = new Set(
      cases.flatMap((name) =>
        existsSync(join(root, name, "expected.txt"))
          ? codesIn(readFileSync(join(root, name, "expected.txt"), "utf8"))
          : [],
      ),
    );
    const withoutFixture = Object.keys(diagnosticCodes).filter((code) => !produced.has(code));
    expect(withoutFixture, "codes no fixture in test/fixtures/invalid produces").toEqual([]);
  });

  for (const name of cases) {
    it(name, async () => {
      const folder = join(root, name);
      const result = await (started.get(name) ?? run(name));
      const actual =
        [`exit ${result.code}`, ...result.stderr.split("\n").filter((line) => line !== "")].join("\n") + "\n";
      const expectedFile = join(folder, "expected.txt");
      if (recording || !existsSync(expectedFile)) {
        if (!recording) throw new Error(`${expectedFile} is missing; run with RECORD=1 and review it`);
        writeFileSync(expectedFile, actual);
      }
      expect(actual).toBe(readFileSync(expectedFile, "utf8"));
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.untouched, "the run changed nothing in the project").toBe(true);
      // Every fixture shows at least one diagnostic in the public format.
      expect(codesIn(actual).length, "diagnostics in the public format").toBeGreaterThan(0);
    });
  }
});

describe("fixtures written as patches of valid-minimal", () => {
  const minimal = readFileSync(join(validMinimal, "spec/base.yaml"));
  const withPatch = cases.filter((name) => existsSync(join(root, name, patchFile)));

  it("no case holds a copy of valid-minimal's spec/base.yaml", () => {
    const copies = cases.filter((name) => {
      const own = join(root, name, "spec/base.yaml");
      return existsSync(own) && readFileSync(own).equals(minimal);
    });
    expect(copies).toEqual([]);
    expect(withPatch.length, "cases derived from valid-minimal").toBeGreaterThan(0);
  });

  // A patch that stopped applying throws; one that applied nothing, or a case that lost its patch, would run the
  // unpatched spec: every non-empty patch must change valid-minimal's base.yaml, and an empty one change nothing.
  it.each(withPatch)("%s: valid-minimal's spec, as spec.patch changes it", (name) => {
    const { folder } = madeCase(name);
    const patched = readFileSync(join(folder, "spec/base.yaml"));
    const patch = readFileSync(join(root, name, patchFile), "utf8");
    if (patch === "") expect(patched.equals(minimal), "an empty patch leaves valid-minimal's spec as it is").toBe(true);
    else {
      expect(patched.equals(minimal), "the patched spec differs from valid-minimal's").toBe(false);
      // Every line the patch adds is in the materialized spec.
      for (const added of patch.split("\n").filter((line) => /^\+(?!\+\+ )/.test(line)))
        expect(patched.toString("utf8").split("\n")).toContain(added.slice(1));
    }
  });

  it("a patch whose context does not match fails, naming the case", () => {
    const folder = join(mkdtempSync(join(tmpdir(), "statespec-patch-")), "stale-case");
    mkdirSync(folder);
    const stale = [
      "--- a/spec/base.yaml",
      "+++ b/spec/base.yaml",
      "@@ -1,2 +1,2 @@",
      "-id: other",
      "+id: 42",
      " vendor:",
    ];
    writeFileSync(join(folder, patchFile), stale.join("\n") + "\n");
    expect(() => materializeCase(folder, join(folder, "..", "made"))).toThrow(
      /stale-case\/spec\.patch does not apply to test\/fixtures\/valid-minimal: .*patch failed: spec\/base\.yaml:1/s,
    );
  });

  it("a case file that would replace valid-minimal's is refused: the change belongs in the patch", () => {
    const folder = join(mkdtempSync(join(tmpdir(), "statespec-patch-")), "copied-case");
    mkdirSync(join(folder, "spec"), { recursive: true });
    writeFileSync(join(folder, patchFile), "");
    writeFileSync(join(folder, "spec/base.yaml"), minimal);
    expect(() => materializeCase(folder, join(folder, "..", "made"))).toThrow(
      /copied-case: spec\/base\.yaml would replace valid-minimal's/,
    );
  });
});
