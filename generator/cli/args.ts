// The one argument parser: every command's options (main.ts through context.ts) and the no-op path's
// (up-to-date.ts), which runs before the CLI loads, so this module imports nothing but Node's parser and the word
// suggestions. A command declares its options once; the type of the values it is given follows from that
// declaration, checked here at run time (`conforms`), so no command casts a value.
// Node's own messages are not ours to show: they change between Node versions and speak of "ambiguous arguments"
// where a user forgot a value. A refused command line is read again as tokens (`usageProblem`) and said in our words.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { didYouMean } from "../common/suggest.js";

export type OptionSpec =
  | { type: "boolean" }
  | { type: "string"; multiple: true }
  | { type: "string"; choices?: readonly string[]; required?: boolean };

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<O> = O extends { type: "boolean" }
  ? boolean
  : O extends { multiple: true }
    ? string[]
    : O extends { choices: readonly (infer C)[] }
      ? C
      : string;
type RequiredNames<S> = { [K in keyof S]: S[K] extends { required: true } ? K : never }[keyof S];

/** The values of a command line with these options: a required option is always there, the others may not be. */
export type OptionValues<S extends OptionSpecs> = { [K in RequiredNames<S>]: ValueOf<S[K]> } & {
  [K in Exclude<keyof S, RequiredNames<S>>]?: ValueOf<S[K]>;
};

/** Declares options with their literal types kept (choices stay a union), without a const assertion. */
export function optionSpecs<const S extends OptionSpecs>(specs: S): S {
  return specs;
}

export type Parsed<S extends OptionSpecs> =
  | { kind: "run"; values: OptionValues<S>; positionals: string[] }
  | { kind: "help" }
  | { kind: "usage"; message: string };

/**
 * `args` (the words after the command's name) read against `specs`, with `-h`/`--help` for every command. Not ok:
 * a one-line usage error. With help asked for, nothing else is checked (the help shows what is allowed).
 */
export function parseArguments<S extends OptionSpecs>(
  args: readonly string[],
  specs: S,
  positionals: boolean,
): Parsed<S> {
  const options = nodeOptions(specs);
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: positionals, strict: true });
  } catch {
    return { kind: "usage", message: usageProblem(args, options, positionals) };
  }
  const { help, ...values } = parsed.values;
  if (help === true) return { kind: "help" };
  const problem = valueProblem(values, specs);
  if (problem !== undefined) return { kind: "usage", message: problem };
  if (!conforms(values, specs)) return { kind: "usage", message: "cannot read the arguments" };
  return { kind: "run", values, positionals: parsed.positionals };
}

function nodeOptions(specs: OptionSpecs): NonNullable<ParseArgsConfig["options"]> {
  const options: NonNullable<ParseArgsConfig["options"]> = { help: { type: "boolean", short: "h" } };
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = spec.type === "boolean" ? { type: "boolean" } : { type: "string", multiple: "multiple" in spec };
  }
  return options;
}

/** The first option, in declaration order, that is missing, empty or not one of its choices. */
function valueProblem(values: Record<string, unknown>, specs: OptionSpecs): string | undefined {
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type === "boolean") continue;
    // No option takes an empty value: `--spec ''` would read the project folder as a spec folder, `--config ''` it as
    // the config file. Said here, once, for every command.
    if ([values[name]].flat().includes("")) return `--${name} is empty; give it a value`;
    if ("multiple" in spec) continue;
    const value = values[name];
    if (value === undefined) {
      if (spec.required === true) return `--${name} is required`;
      continue;
    }
    const allowed = spec.choices;
    if (allowed === undefined || allowed.includes(String(value))) continue;
    return `--${name} must be one of ${allowed.join(", ")}, not '${value}'${didYouMean(String(value), allowed)}`;
  }
  return undefined;
}

/** What the values' type says, checked: each value of its option's kind, each choice one of its list. */
function conforms<S extends OptionSpecs>(values: Record<string, unknown>, specs: S): values is OptionValues<S> {
  return Object.entries(specs).every(([name, spec]) => {
    const value = values[name];
    if (value === undefined) return spec.type === "boolean" || "multiple" in spec || spec.required !== true;
    if (spec.type === "boolean") return typeof value === "boolean";
    if ("multiple" in spec) return Array.isArray(value) && value.every((item) => typeof item === "string");
    return typeof value === "string" && (spec.choices === undefined || spec.choices.includes(value));
  });
}

/**
 * The first problem of `args` for a command with these options, found by reading the arguments as tokens without
 * the parser's strictness. Called only after the strict parse failed; a reason is always given.
 */
function usageProblem(
  args: readonly string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  positionals: boolean,
): string {
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === "positional") {
      if (!positionals) return `unexpected argument '${token.value}': this command takes options only`;
      continue;
    }
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (option === undefined) {
      const names = Object.keys(options);
      const hint = token.rawName.startsWith("--") ? didYouMean(token.name, names).replace(/'([^']+)'/, "'--$1'") : "";
      return `unknown option '${token.rawName}'${hint}`;
    }
    if (option.type === "boolean" && token.value !== undefined) return `${token.rawName} takes no value`;
    if (option.type === "string" && token.value === undefined) return `${token.rawName} needs a value`;
    // Node refuses a value that looks like an option: most often the value was forgotten.
    const optionLike = token.value !== undefined && token.value.startsWith("-") && token.value !== "-";
    if (option.type === "string" && !token.inlineValue && optionLike) {
      const inline = `${token.rawName}=${token.value}`;
      return (
        `${token.rawName} needs a value, and '${token.value}' looks like an option; ` +
        `if it is the value, write ${inline}`
      );
    }
  }
  return "cannot read the arguments";
}
