// The published schema of `statespec diff --format json`, compiled once with ajv in strict mode: every test that
// produces diff JSON holds it against this.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";

const schema = JSON.parse(readFileSync("generator/diff/diff.schema.json", "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

/** Parses diff JSON output, fails the test with ajv's errors when it does not match the schema, and returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function diffJson(stdout: string): any {
  const report = JSON.parse(stdout);
  const valid = validate(report);
  expect(valid ? [] : validate.errors, "diff JSON against generator/diff/diff.schema.json").toEqual([]);
  return report;
}
