// Command-line entry: parses arguments, runs a command, prints diagnostics once, and maps outcomes to exit codes.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { formatDiagnostic, formatDiagnosticGithub, type Diagnostic } from "./diagnostics.js";
import { commands, type CommandContext } from "./commands.js";

export const exitCodes = { success: 0, findings: 1, usage: 2 } as const;

class UsageError extends Error {}

export async function main(argv: readonly string[], io: CommandContext["io"] = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(helpText());
    return name === undefined ? exitCodes.usage : exitCodes.success;
  }
  if (name === "--version" || name === "-v") {
    io.out(`${(await import("./version.js")).generatorVersion}\n`);
    return exitCodes.success;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`statespec: unknown command '${name}'\n\n${helpText()}`);
    return exitCodes.usage;
  }
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: [...rest], options: { ...command.options, help: { type: "boolean", short: "h" } } as ParseArgsConfig["options"], allowPositionals: command.positionals === true, strict: true });
    values = parsed.values as Record<string, unknown>;
    positionals = parsed.positionals;
    if (values.help) {
      io.out(commandHelp(command));
      return exitCodes.success;
    }
    command.checkUsage?.(values, (message) => {
      throw new UsageError(message);
    }, positionals);
  } catch (error) {
    const message = error instanceof UsageError ? error.message : (error as Error).message.split("\n")[0];
    io.err(`statespec ${name}: ${message}\n\n${commandHelp(command)}`);
    return exitCodes.usage;
  }
  return command.run(values, { io, cwd: process.cwd(), printDiagnostics: (diagnostics, format) => printDiagnostics(io, diagnostics, format) }, positionals);
}

function printDiagnostics(io: CommandContext["io"], diagnostics: readonly Diagnostic[], format: string = "text"): void {
  if (format === "json") {
    io.err(`${JSON.stringify(diagnostics, null, 2)}\n`);
    return;
  }
  for (const d of diagnostics) io.err(`${format === "github" ? formatDiagnosticGithub(d) : formatDiagnostic(d)}\n`);
  if (format === "text" && diagnostics.length > 0) {
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    io.err(`${errors} error${errors === 1 ? "" : "s"}, ${diagnostics.length - errors} warning${diagnostics.length - errors === 1 ? "" : "s"}\n`);
  }
}

function helpText(): string {
  const lines = ["Usage: statespec <command> [options]", "", "Commands:"];
  for (const command of commands) lines.push(`  ${command.name.padEnd(10)}${command.summary}`);
  lines.push("", "Run 'statespec <command> --help' for a command's options.", "Exit codes: 0 success, 1 findings, 2 usage error.", "");
  return lines.join("\n");
}

function commandHelp(command: (typeof commands)[number]): string {
  const lines = [`Usage: statespec ${command.name} ${command.usage}`, "", command.summary, "", "Options:"];
  // At least two spaces between an option and its help, even for a long option.
  for (const [option, description] of Object.entries(command.optionHelp)) lines.push(`  ${option.padEnd(32)}  ${description}`);
  lines.push(`  ${"-h, --help".padEnd(34)}show this help`, "");
  return lines.join("\n");
}

const defaultIo: CommandContext["io"] = {
  isTTY: process.stdout.isTTY === true && !process.env.NO_COLOR,
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
