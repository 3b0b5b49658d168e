// What a command is and what it is given: the CLI (main.ts) stays generic over the commands (commands/).
import type { ParseArgsConfig } from "node:util";
import type { Diagnostic } from "../common/diagnostics.js";

export interface CommandContext {
  io: { out: (text: string) => void; err: (text: string) => void; isTTY?: boolean };
  cwd: string;
  /** Aborted when a long-running command must end early (stdout is gone). */
  stop?: AbortSignal;
  printDiagnostics: (diagnostics: readonly Diagnostic[], format?: string) => void;
  /** A line for people on stderr, said once per run however often a command reads the config (`--watch`). */
  notice: (text: string | undefined) => void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  optionHelp: Record<string, string>;
  /** Takes operands after the options (input files). */
  positionals?: boolean;
  checkUsage?: (
    values: Record<string, unknown>,
    fail: (message: string) => never,
    positionals: readonly string[],
  ) => void;
  run: (values: Record<string, unknown>, context: CommandContext, positionals: readonly string[]) => Promise<number>;
}
