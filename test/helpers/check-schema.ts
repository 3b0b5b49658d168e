// The published schema of `statespec check --format json`, compiled once with ajv in strict mode: every test that
// produces check JSON holds it against this (as test/diff-schema.ts does for diff).
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";

const schema = JSON.parse(readFileSync("generator/check/check.schema.json", "utf8"));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

/** Parses check JSON output, fails the test with ajv's errors when it does not match the schema, and returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function checkJson(stdout: string): any {
  const report = JSON.parse(stdout);
  const valid = validate(report);
  expect(valid ? [] : validate.errors, "check JSON against generator/check/check.schema.json").toEqual([]);
  return report;
}

/** Whether the schema accepts a value, for tests that show it can reject. */
export function checkSchemaAccepts(value: unknown): boolean {
  return validate(value) === true;
}
