// Stage 2a: check each parsed file against the spec JSON Schema, and report each problem at its YAML node.
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { keyNodeAt, nodeAt, positionOf, type LoadedFile } from "../load/load.js";
import { closest } from "../common/suggest.js";
import { generatorFolder } from "../common/package-root.js";

const require = createRequire(import.meta.url);
let compiled: ValidateFunction | undefined;

function specValidator(): ValidateFunction {
  // Compiling the schema (and loading ajv to do it) was the slowest part of start-up, so the build compiles it
  // ahead of time (generator/build/precompile.mjs). From TypeScript sources there is no build: compile it now, the
  // same way.
  compiled ??=
    precompiledSpecValidator() ?? compileSchema(require(join(generatorFolder(), "validate", "spec.schema.json")));
  return compiled;
}

function precompiledSpecValidator(): ValidateFunction | undefined {
  try {
    return require(join(generatorFolder(), "validate", "spec-validator.cjs")) as ValidateFunction;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

/** The options here and in generator/build/precompile.mjs must stay equal. ajv is loaded only when this runs. */
export function compileSchema(schema: object): ValidateFunction {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  return new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(schema);
}

export function validateAgainstSchema(loaded: LoadedFile): Diagnostic[] {
  return validateWith(specValidator(), loaded);
}

/** Any compiled schema (the spec's, the config's) checked against a parsed file, errors located in its YAML. */
export function validateWith(validate: ValidateFunction, loaded: LoadedFile): Diagnostic[] {
  if (validate(loaded.data)) return [];
  return condense(validate.errors ?? []).map((error) => toDiagnostic(loaded, error));
}

/**
 * ajv reports every failed branch of a oneOf/anyOf, then the oneOf itself. A user needs one message per place:
 * when a branch failed deeper inside the value (the value has that branch's shape), keep those deeper errors;
 * otherwise replace the branch errors with one "must be <title>" message. Branch errors are found by order, not
 * by schemaPath, because a $ref'd branch reports the referenced schema's path.
 */
function condense(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = [...errors];
  const handled = new Set<ErrorObject>();
  for (;;) {
    const alternatives = list.filter(
      (error) => (error.keyword === "oneOf" || error.keyword === "anyOf") && !handled.has(error),
    );
    if (alternatives.length === 0) return dedupe(list);
    // Outermost first, so the errors of a nested alternative are judged inside the branch they belong to.
    const alternative = alternatives.reduce((outer, error) =>
      error.instancePath.length < outer.instancePath.length ? error : outer,
    );
    handled.add(alternative);
    const at = list.indexOf(alternative);
    let first = at;
    while (first > 0 && isWithin(list[first - 1].instancePath, alternative.instancePath)) first--;
    const branchErrors = list.slice(first, at);
    const deeper = branchErrors.filter((error) => error.instancePath.length > alternative.instancePath.length);
    const replacement = deeper.length > 0 ? deeper : [alternative];
    list = [...list.slice(0, first), ...replacement, ...list.slice(at + 1)];
  }
}

function isWithin(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toDiagnostic(loaded: LoadedFile, error: ErrorObject): Diagnostic {
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  const where = path.length === 0 ? "document" : `'${path.join(".")}'`;
  const subject = path.length === 0 ? "the document" : where;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const near = closest(key, allowed);
      const hint = near === undefined ? "" : `; did you mean '${near}'?`;
      return diagnostic(
        "schema-unknown-key",
        `unknown key '${key}' in ${subject}; expected one of: ${allowed.join(", ")}${hint}`,
        positionOf(loaded, keyNodeAt(loaded, path, key)),
      );
    }
    case "required":
      return diagnostic(
        "schema-missing-key",
        `${subject} is missing the required key '${error.params.missingProperty}'`,
        positionOf(loaded, nodeAt(loaded, path)),
      );
    case "type":
      return diagnostic(
        "schema-type",
        `${subject} must be ${article(String(error.params.type))}, not ${describe(error.data, path.length === 0)}`,
        positionOf(loaded, nodeAt(loaded, path)),
      );
    case "oneOf":
    case "anyOf": {
      const title = (error.parentSchema as { title?: string })?.title ?? "one of the allowed forms";
      return diagnostic(
        "schema-type",
        `${subject} must be ${title}, not ${describe(error.data, path.length === 0)}`,
        positionOf(loaded, nodeAt(loaded, path)),
      );
    }
    case "pattern": {
      const meaning = (error.parentSchema as { description?: string })?.description;
      return diagnostic(
        "schema-invalid-value",
        `${subject} is ${JSON.stringify(error.data)}; it must be ${meaning ?? `of the form ${error.params.pattern}`}`,
        positionOf(loaded, nodeAt(loaded, path)),
      );
    }
    case "not": {
      const meaning = (error.schema as { description?: string })?.description ?? "does not have an allowed form";
      return diagnostic("schema-invalid-value", `${subject} ${meaning}`, positionOf(loaded, nodeAt(loaded, path)));
    }
    case "enum":
      return diagnostic(
        "schema-invalid-value",
        `${subject} must be one of ` +
          (error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", "),
        positionOf(loaded, nodeAt(loaded, path)),
      );
    default:
      return diagnostic(
        "schema-invalid-value",
        `${subject} ${error.message ?? "is invalid"}`,
        positionOf(loaded, nodeAt(loaded, path)),
      );
  }
}

function article(type: string): string {
  const readable = type.replace(/,/g, " or ");
  return /^[aeiou]/.test(readable) ? `an ${readable}` : `a ${readable}`;
}

/** A value as a message names it. A whole document that is text is not quoted: a spec file that is a link may lead
 * to any file the run can read (an environment, a token), and the message goes to CI logs. */
function describe(value: unknown, wholeDocument: boolean): string {
  if (value === null && wholeDocument) return "an empty file (no YAML in it, or only comments)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string" && wholeDocument) return `text (${value.length} characters; not YAML of a spec)`;
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
