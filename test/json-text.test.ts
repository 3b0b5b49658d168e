// The generated JSON (the schemas and states.json) is laid out as prettier lays out JSON at width 100, and reads
// back as the same value.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonText } from "../generator/emit/json-text.js";

const schemaFiles = ["openstack", "rackspace", "huawei-ecs"].flatMap((vendor) => [
  ...readdirSync(join("out", vendor, "schema")).map((name) => join("out", vendor, "schema", name)),
  join("out", vendor, "states.json"),
]);

describe("jsonText", () => {
  it("puts a value on one line when the line fits in 100 columns, and breaks it otherwise", () => {
    const long = "x".repeat(95);
    expect(jsonText({ a: [1, 2], b: { c: "d" }, e: {}, f: [] })).toBe(
      '{ "a": [1, 2], "b": { "c": "d" }, "e": {}, "f": [] }\n',
    );
    expect(jsonText({ key: long, more: [long] })).toBe(`{\n  "key": "${long}",\n  "more": [\n    "${long}"\n  ]\n}\n`);
    // Two or more objects of two or more keys each: one per line even when they would fit, as prettier does.
    expect(
      jsonText([
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ]),
    ).toBe('[\n  { "a": 1, "b": 2 },\n  { "a": 3, "b": 4 }\n]\n');
    expect(jsonText([{ a: 1 }, { a: 3 }])).toBe('[{ "a": 1 }, { "a": 3 }]\n');
  });

  it("reads back as the value it printed, strings escaped as JSON.stringify escapes them", () => {
    const value = {
      'q"uote': ["line\nbreak", "\u2028", "\\", null, true, 1.5],
      nested: { deeper: { deepest: [[], {}] } },
    };
    expect(JSON.parse(jsonText(value))).toEqual(value);
  });

  it("gives the generated schemas the layout prettier --check accepts (when prettier is installed)", async (context) => {
    let prettier: { check(text: string, options: object): Promise<boolean> };
    try {
      prettier = (await import("prettier" as string)) as typeof prettier;
    } catch (error) {
      if (process.env.STATESPEC_REQUIRE_TOOLS === "1") throw error;
      return context.skip("prettier is not installed");
    }
    const rejected: string[] = [];
    for (const file of schemaFiles) {
      const text = readFileSync(file, "utf8");
      if (!(await prettier.check(text, { parser: "json", printWidth: 100 }))) rejected.push(file);
    }
    expect(schemaFiles.length).toBe(18);
    expect(rejected).toEqual([]);
    // The check can fail: JSON.stringify's layout is not prettier's.
    const server = readFileSync(join("out", "openstack", "schema", "server.schema.json"), "utf8");
    const stringified = `${JSON.stringify(JSON.parse(server), null, 2)}\n`;
    expect(await prettier.check(stringified, { parser: "json", printWidth: 100 })).toBe(false);
  });
});
