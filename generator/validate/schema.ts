// Stage 2a: check each parsed file against the spec JSON Schema, and report each problem at its YAML node.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import specSchema from "./spec.schema.json" with { type: "json" };
import { diagnostic, type Diagnostic } from "../diagnostics.js";
import { keyNodeAt, nodeAt, positionOf, type LoadedFile } from "../load/load.js";

export { specSchema };

let compiled: ValidateFunction | undefined;

function specValidator(): ValidateFunction {
  // Compiled once per process and only when a command validates: it is the slowest part of start-up.
  compiled ??= compileSchema(specSchema);
  return compiled;
}

export function compileSchema(schema: object): ValidateFunction {
  return new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
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
 * ajv reports every failed branch of a oneOf/anyOf. A user needs one message per place: when one branch
 * matches the value's type and fails deeper inside, keep that branch's errors; otherwise say what was expected.
 */
function condense(errors: readonly ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((error) => error.keyword === "oneOf" || error.keyword === "anyOf");
  // Outermost first, so an inner oneOf inside a dropped branch is dropped with it.
  alternatives.sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  let kept = [...errors];
  for (const alternative of alternatives) {
    if (!kept.includes(alternative)) continue;
    const prefix = alternative.schemaPath.replace(/\/(oneOf|anyOf)$/, `/${alternative.keyword}/`);
    const branchErrors = kept.filter((error) => error.schemaPath.startsWith(prefix));
    const deeper = branchErrors.filter((error) => error.instancePath.length > alternative.instancePath.length);
    const deeperBranches = new Set(deeper.map((error) => error.schemaPath.slice(prefix.length).split("/")[0]));
    kept = kept.filter((error) => !branchErrors.includes(error));
    if (deeperBranches.size === 1) {
      // The value has the shape of one branch and fails inside it: those are the useful errors.
      kept = kept.filter((error) => error !== alternative);
      kept.push(...condense(deeper));
    }
  }
  return dedupe(kept);
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
      return diagnostic("schema-unknown-key", `unknown key '${key}' in ${subject}; expected one of: ${allowed.join(", ")}`, positionOf(loaded, keyNodeAt(loaded, path, key)));
    }
    case "required":
      return diagnostic("schema-missing-key", `${subject} is missing the required key '${error.params.missingProperty}'`, positionOf(loaded, nodeAt(loaded, path)));
    case "type":
      return diagnostic("schema-type", `${subject} must be ${article(String(error.params.type))}, not ${describe(error.data)}`, positionOf(loaded, nodeAt(loaded, path)));
    case "oneOf":
    case "anyOf": {
      const title = (error.parentSchema as { title?: string })?.title ?? "one of the allowed forms";
      return diagnostic("schema-type", `${subject} must be ${title}, not ${describe(error.data)}`, positionOf(loaded, nodeAt(loaded, path)));
    }
    case "pattern": {
      const meaning = (error.parentSchema as { description?: string })?.description;
      return diagnostic("schema-invalid-value", `${subject} is ${JSON.stringify(error.data)}; it must be ${meaning ?? `of the form ${error.params.pattern}`}`, positionOf(loaded, nodeAt(loaded, path)));
    }
    case "enum":
      return diagnostic("schema-invalid-value", `${subject} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`, positionOf(loaded, nodeAt(loaded, path)));
    default:
      return diagnostic("schema-invalid-value", `${subject} ${error.message ?? "is invalid"}`, positionOf(loaded, nodeAt(loaded, path)));
  }
}

function article(type: string): string {
  const readable = type.replace(/,/g, " or ");
  return /^[aeiou]/.test(readable) ? `an ${readable}` : `a ${readable}`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
