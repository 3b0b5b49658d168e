// One folder per diagnostic: each broken spec must give exactly the diagnostics in its expected.txt.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recording, runCli } from "./helpers.js";

const root = "test/fixtures/invalid";
const cases = readdirSync(root).sort();

describe("statespec validate on broken specs", () => {
  it("has a fixture for every error code the loader and checks can report", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of cases) {
    it(name, async () => {
      const folder = join(root, name);
      const result = await runCli(["validate", "--spec", join(folder, "spec")]);
      const actual = [`exit ${result.code}`, ...result.stderr.split("\n").filter((line) => line !== "")].join("\n") + "\n";
      const expectedFile = join(folder, "expected.txt");
      if (recording || !existsSync(expectedFile)) {
        if (!recording) throw new Error(`${expectedFile} is missing; run with RECORD=1 and review it`);
        writeFileSync(expectedFile, actual);
      }
      expect(actual).toBe(readFileSync(expectedFile, "utf8"));
      expect(result.stderr).not.toMatch(/\n\s+at /);
      // Every fixture shows at least one diagnostic in the public format.
      expect(result.stderr).toMatch(/^test\/fixtures\/invalid\/[^:]+(:\d+:\d+)?: (error|warning) [a-z0-9-]+ /m);
    });
  }
});
