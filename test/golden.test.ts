// Golden fixture folders: each test/golden/generate/<case>/ holds spec/ (and an optional statespec.config.yaml) in, and
// expected/ out: the whole output folder the built CLI writes for it. Every file is compared both ways, so a file
// the run writes without a golden fails, and so does a golden the run no longer writes. `npm run golden` (RECORD=1)
// rewrites every expected/ folder; review the diff like code. One case, with every artifact kind, is written by the
// built CLI as a real process (dist/: precompiled templates, TypeScript emitted in a worker thread); the others
// in-process (runCliIn, from the sources), where only the output is compared.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { recording, runBuilt, runCliIn, type RunResult } from "./helpers/cli.js";
import { files } from "./helpers/folders.js";

const root = "test/golden/generate";
const cases = readdirSync(root)
  .filter((name) => statSync(join(root, name)).isDirectory())
  .sort();
const manifestName = ".statespec-manifest.json";
/** The case the built CLI writes: it has every artifact kind. */
const builtCase = "empty-sets";

/**
 * The manifest's `generatorHash` is a hash of the generator's code: it changes with every edit of generator/, even
 * one that changes no output. The goldens hold a fixed word in its place, so they fail only when output changes.
 */
const masked = (path: string, contents: string) =>
  path === manifestName ? contents.replace(/("generatorHash": )"[0-9a-f]+"/, '$1"(the generator\'s code)"') : contents;

const runs = new Map<string, { run: RunResult; out: string }>();

beforeAll(async () => {
  // All at once: the cases are independent (the in-process runs take turns), and the process mostly waits.
  await Promise.all(
    cases.map(async (name) => {
      const project = mkdtempSync(join(tmpdir(), `statespec-golden-${name}-`));
      cpSync(join(root, name), project, {
        recursive: true,
        filter: (source) => !source.startsWith(join(root, name, "expected")),
      });
      const args = ["generate", "--out", "out"];
      const run = name === builtCase ? await runBuilt(args, { cwd: project }) : await runCliIn(project, args);
      runs.set(name, { run, out: join(project, "out") });
    }),
  );
});

describe("golden fixture folders (test/golden/generate/<case>: refresh with npm run golden)", () => {
  it("has the cases the tests rely on", () => {
    expect(cases).toEqual(expect.arrayContaining(["const-style", builtCase, "name-collisions", "overlay-vendor"]));
  });

  for (const name of cases) {
    it(name, () => {
      const { run, out } = runs.get(name)!;
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const actual = new Map([...files(out)].map(([path, contents]) => [path, masked(path, contents)]));
      const expectedFolder = join(root, name, "expected");
      if (recording) {
        rmSync(expectedFolder, { recursive: true, force: true });
        for (const [path, contents] of actual) {
          mkdirSync(dirname(join(expectedFolder, path)), { recursive: true });
          writeFileSync(join(expectedFolder, path), contents);
        }
      }
      const expected = files(expectedFolder);
      // Both ways: a file without a golden and a golden without a file each fail by name.
      const missingGoldens = [...actual.keys()].filter((path) => !expected.has(path));
      const orphanedGoldens = [...expected.keys()].filter((path) => !actual.has(path));
      expect({ missingGoldens, orphanedGoldens }, "run npm run golden and review the diff").toEqual({
        missingGoldens: [],
        orphanedGoldens: [],
      });
      for (const [path, contents] of actual) expect(contents, `${name}/expected/${path}`).toBe(expected.get(path));
    });
  }
});
