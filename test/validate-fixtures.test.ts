// One folder per diagnostic: each broken input must give exactly the diagnostics in its expected.txt, and every
// code of the diagnostics table must be produced by at least one of them.
// A folder with only spec/ is run as `statespec validate --spec <folder>/spec`, in-process. A folder with an `args`
// file (one argument per line) is run by the built CLI as a real process in a temporary copy of the folder, so it
// can hold a config, an out/ and templates/ (which replace the package's own in a copy of the package).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diagnosticCodes } from "../generator/common/diagnostics.js";
import { recording, runBuilt, runCli, type RunResult } from "./helpers/cli.js";
import { tree } from "./helpers/folders.js";

const root = "test/fixtures/invalid";
const cases = readdirSync(root).sort();
const fixtureFiles = ["args", "expected.txt"];

/** The fixture's own files in a temporary project; with templates/, the project is also a copy of the package. */
function project(folder: string): { cwd: string; bin: string } {
  const cwd = mkdtempSync(join(tmpdir(), "statespec-fixture-"));
  let bin = resolve("dist/generator/cli/bin.cjs");
  if (existsSync(join(folder, "templates"))) {
    // Not the shipped spec/: the project's spec/ is the fixture's, so only its diagnostics show.
    for (const entry of ["package.json", "dist", "templates"]) cpSync(entry, join(cwd, entry), { recursive: true });
    symlinkSync(resolve("node_modules"), join(cwd, "node_modules"), "dir");
    bin = join(cwd, "dist/generator/cli/bin.cjs");
  }
  for (const entry of readdirSync(folder).filter((name) => !fixtureFiles.includes(name)))
    cpSync(join(folder, entry), join(cwd, entry), { recursive: true, verbatimSymlinks: true });
  return { cwd, bin };
}

async function run(folder: string): Promise<RunResult & { untouched: boolean }> {
  if (!existsSync(join(folder, "args")))
    return { ...(await runCli(["validate", "--spec", join(folder, "spec")])), untouched: true };
  const { cwd, bin } = project(folder);
  const before = tree(cwd);
  const args = readFileSync(join(folder, "args"), "utf8")
    .split("\n")
    .filter((line) => line !== "");
  const result = await runBuilt(args, { cwd, bin });
  // Every fixture is an error: nothing in the project may change.
  return { ...result, untouched: JSON.stringify(tree(cwd)) === JSON.stringify(before) };
}

/** The codes an expected.txt shows, each in the public format `where: severity CODE message`. */
function codesIn(expected: string): string[] {
  return [...expected.matchAll(/^\S[^\n]*?: (?:error|warning) ([a-z0-9-]+) /gm)].map((match) => match[1]);
}

// The real processes start together, before the first test: they are independent, and each mostly waits.
const started = new Map<string, ReturnType<typeof run>>();
beforeAll(() => {
  for (const name of cases) if (existsSync(join(root, name, "args"))) started.set(name, run(join(root, name)));
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
      const result = await (started.get(name) ?? run(folder));
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
