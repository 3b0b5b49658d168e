// The build compiles the spec schema and the templates ahead of time (generator/build/precompile.mjs). These check that
// what it wrote is the sources', compiled the way the run-time fallback compiles them: not a second truth.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { compileSchema } from "../generator/validate/schema.js";
import { caseInTemp, invalidCases, isDerived } from "./helpers/fixtures.js";

const require = createRequire(import.meta.url);

/** The shipped spec files and every invalid case's (patched cases made whole in a temporary folder). */
function specFiles(): string[] {
  const folders = [
    "spec",
    ...readdirSync(invalidCases).map((name) =>
      join(isDerived(join(invalidCases, name)) ? caseInTemp(name).folder : join(invalidCases, name), "spec"),
    ),
  ];
  return folders.flatMap((folder) => {
    try {
      return readdirSync(folder)
        .filter((name) => name.endsWith(".yaml"))
        .map((name) => join(folder, name));
    } catch {
      return [];
    }
  });
}

describe("the build's precompiled code", () => {
  it("validates every spec file exactly as the schema compiled at run time does", () => {
    const precompiled = require("../dist/generator/validate/spec-validator.cjs");
    const compiled = compileSchema(JSON.parse(readFileSync("generator/validate/spec.schema.json", "utf8")));
    const errorsOf = (validate: typeof compiled, data: unknown) => (validate(data) ? [] : validate.errors);
    let withErrors = 0;
    for (const file of specFiles()) {
      let data: unknown;
      try {
        data = parse(readFileSync(file, "utf8"), { maxAliasCount: 100 });
      } catch {
        continue; // files the YAML stage refuses never reach the schema
      }
      const expected = errorsOf(compiled, data);
      if (expected && expected.length > 0) withErrors++;
      expect(errorsOf(precompiled, data), file).toEqual(expected);
    }
    // The comparison covered failing documents too, not only valid ones.
    expect(withErrors).toBeGreaterThanOrEqual(5);
  });

  it("holds every template of templates/ with its current source", () => {
    const precompiled = require("../dist/generator/emit/templates.precompiled.cjs") as Record<
      string,
      { source: string }
    >;
    const names = readdirSync("templates")
      .filter((name) => name.endsWith(".hbs"))
      .sort();
    expect(Object.keys(precompiled).sort()).toEqual(names);
    for (const name of names)
      expect(precompiled[name].source, name).toBe(
        readFileSync(join("templates", name), "utf8").replace(/\r\n?/g, "\n"),
      );
  });
});
