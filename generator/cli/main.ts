// Command-line entry: parses arguments, runs a command, prints diagnostics once, and maps outcomes to exit codes.
import {
  diagnosticsSchemaVersion,
  formatDiagnostic,
  formatDiagnosticGithub,
  type Diagnostic,
} from "../common/diagnostics.js";
import { countSeverities } from "../common/fail-on.js";
import { commands } from "./commands/index.js";
import type { Command, CommandContext, OutputState } from "./context.js";
import { escapeForbidden, escapeForTerminal, escapeJson, escapeLine } from "../common/text-safety.js";
import { didYouMean } from "../common/suggest.js";

export const exitCodes = { success: 0, findings: 1, usage: 2 } as const;

/**
 * `stop` ends a long-running command (`--watch`) early, as a signal would: the executable aborts it when stdout
 * fails.
 */
export async function main(
  argv: readonly string[],
  given: CommandContext["io"] = defaultIo,
  stop?: AbortSignal,
): Promise<number> {
  // Everything on stderr is for people and CI logs: no control or bidirectional character of a spec, a file
  // name or an argument gets there raw, whichever message quotes it. (stdout carries colour codes and data.)
  const io: CommandContext["io"] = { ...given, err: (text) => given.err(escapeForbidden(text)) };
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(helpText());
    return name === undefined ? exitCodes.usage : exitCodes.success;
  }
  if (name === "--version" || name === "-v") {
    // The installed package.json may be patched: its version is a line like any other.
    io.out(`${escapeLine((await import("../common/version.js")).generatorVersion)}\n`);
    return exitCodes.success;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const hint = didYouMean(
      name,
      commands.map((candidate) => candidate.name),
    );
    io.err(
      `statespec: unknown command '${escapeForTerminal(name)}'${hint}\nRun 'statespec --help' for the commands.\n`,
    );
    return exitCodes.usage;
  }
  const invocation = command.invoke(rest);
  if (invocation.kind === "help") {
    io.out(commandHelp(command));
    return exitCodes.success;
  }
  if (invocation.kind === "usage") {
    // One line that says what is wrong, and where the options are: the whole help would bury the line.
    const pointer = `Run 'statespec ${name} --help' for its usage and options.`;
    io.err(`statespec ${name}: ${escapeForTerminal(invocation.message)}\n${pointer}\n`);
    return exitCodes.usage;
  }
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch (error) {
    // The shell still sits in a folder that was deleted (or lost its permissions): nothing relative can resolve.
    io.err(
      `statespec ${name}: cannot read the working folder (${(error as NodeJS.ErrnoException).code}); ` +
        "it may have been deleted: cd to an existing folder\n",
    );
    return exitCodes.findings;
  }
  const said = new Set<string>();
  const notice = (text: string | undefined) => {
    if (text === undefined || said.has(text)) return;
    said.add(text);
    io.err(`statespec: ${text}`);
  };
  const print: CommandContext["printDiagnostics"] = (diagnostics, format, output) =>
    printDiagnostics(io, diagnostics, format, output);
  return invocation.run({ io, cwd, stop, notice, printDiagnostics: print });
}

function printDiagnostics(
  io: CommandContext["io"],
  diagnostics: readonly Diagnostic[],
  format: string = "text",
  output?: OutputState,
): void {
  if (format === "json") {
    // One document of a published shape (generator/validate/diagnostics.schema.json), as check's and diff's are.
    const summary = countSeverities(diagnostics);
    const report = { schemaVersion: diagnosticsSchemaVersion, diagnostics, summary, ...(output && { output }) };
    io.err(`${escapeJson(JSON.stringify(report, null, 2))}\n`);
    return;
  }
  for (const d of diagnostics) io.err(`${format === "github" ? formatDiagnosticGithub(d) : formatDiagnostic(d)}\n`);
  if (format === "text" && diagnostics.length > 0) {
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const warnings = diagnostics.length - errors;
    io.err(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`);
  }
}

/** Two columns, the second starting two spaces after the longest entry of the first. */
function columns(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

function helpText(): string {
  const lines = ["Usage: statespec <command> [options]", "", "Commands:"];
  lines.push(...columns(commands.map((command) => [command.name, command.summary])));
  lines.push(
    "",
    "Run 'statespec <command> --help' for a command's options.",
    "Exit codes: 0 success, 1 findings, 2 usage error.",
    "",
  );
  return lines.join("\n");
}

function commandHelp(command: Command): string {
  const lines = [`Usage: statespec ${command.name} ${command.usage}`, "", command.summary, "", "Options:"];
  lines.push(...columns([...Object.entries(command.optionHelp), ["-h, --help", "show this help"]]), "");
  return lines.join("\n");
}

const defaultIo: CommandContext["io"] = {
  isTTY: process.stdout.isTTY === true && !process.env.NO_COLOR,
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
