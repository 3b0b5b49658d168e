// What a command is and what it is given: the CLI (main.ts) stays generic over the commands (commands/), and each
// command is written against the values its own options give (args.ts), typed from their declaration.
import type { Diagnostic } from "../common/diagnostics.js";
import { parseArguments, type OptionSpecs, type OptionValues } from "./args.js";

export interface CommandContext {
  io: { out: (text: string) => void; err: (text: string) => void; isTTY?: boolean };
  cwd: string;
  /** Aborted when a long-running command must end early (stdout is gone). */
  stop?: AbortSignal;
  /** `output`: with --format json, the state of the output folder (`generate --check`), part of the one document. */
  printDiagnostics: (diagnostics: readonly Diagnostic[], format?: string, output?: OutputState) => void;
  /** A line for people on stderr, said once per run however often a command reads the config (`--watch`). */
  notice: (text: string | undefined) => void;
}

/** What `generate --check --format json` says of the output folder: each file out of date, by what is wrong. */
export interface OutputState {
  folder: string;
  upToDate: boolean;
  missing: string[];
  stale: string[];
  orphaned: string[];
  foreign: string[];
  leftovers: string[];
}

/** A command as it is written: its options, and what it does with the values they give. */
export interface CommandSpec<S extends OptionSpecs> {
  name: string;
  summary: string;
  usage: string;
  options: S;
  optionHelp: Record<string, string>;
  /** Takes operands after the options (input files). */
  positionals?: boolean;
  /** Rules across options (and operands) that the options' declaration cannot say; `fail` ends with a usage error. */
  checkUsage?: (values: OptionValues<S>, fail: (message: string) => never, positionals: readonly string[]) => void;
  run: (values: OptionValues<S>, context: CommandContext, positionals: readonly string[]) => Promise<number>;
}

/** What a command line asks of a command: its help, a usage error, or a run. */
export type Invocation =
  | { kind: "help" }
  | { kind: "usage"; message: string }
  | { kind: "run"; run: (context: CommandContext) => Promise<number> };

/** A command as the CLI sees it: the values' type stays inside. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  optionHelp: Record<string, string>;
  invoke: (args: readonly string[]) => Invocation;
}

class UsageError extends Error {}

export function defineCommand<const S extends OptionSpecs>(spec: CommandSpec<S>): Command {
  const { name, summary, usage, optionHelp } = spec;
  const invoke = (args: readonly string[]): Invocation => {
    const parsed = parseArguments(args, spec.options, spec.positionals === true);
    if (parsed.kind !== "run") return parsed;
    const { values, positionals } = parsed;
    try {
      spec.checkUsage?.(
        values,
        (message) => {
          throw new UsageError(message);
        },
        positionals,
      );
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return { kind: "usage", message: error.message };
    }
    return { kind: "run", run: (context) => spec.run(values, context, positionals) };
  };
  return { name, summary, usage, optionHelp, invoke };
}
