// The executable's stdout and stderr, made safe for a reader that goes away (`statespec export | head`) and for
// a full disk (`> /dev/full`). Node reports a failed write as an 'error' event on the stream; unhandled, that is
// a stack trace. Here it is recorded instead, later output is dropped, and `exitCodeAfter` words the outcome.
import type { CommandContext } from "./context.js";

export interface ProcessOutput {
  io: CommandContext["io"];
  /** Aborted when stdout fails: a long-running command (`--watch`) stops, since nobody sees its output. */
  closed: AbortSignal;
  /** The exit code once the command is done, and the one line to print about a failed stdout, if any. */
  exitCodeAfter: (code: number) => { code: number; message?: string };
}

export function processOutput(): ProcessOutput {
  const controller = new AbortController();
  let stdoutFailure: NodeJS.ErrnoException | undefined;
  let stderrFailed = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    stdoutFailure ??= error;
    controller.abort();
  });
  // stderr is opened on first use: a run that prints nothing there (a no-op `generate`) does not create the stream
  // (for a pipe, that loads Node's network modules).
  let stderrWatched = false;
  const stderr = () => {
    if (!stderrWatched) {
      stderrWatched = true;
      process.stderr.on("error", () => {
        // Nowhere left to say anything; the exit code still tells.
        stderrFailed = true;
      });
    }
    return process.stderr;
  };
  return {
    io: {
      isTTY: process.stdout.isTTY === true && !process.env.NO_COLOR,
      out: (text) => void (stdoutFailure === undefined && process.stdout.write(text)),
      err: (text) => void (!stderrFailed && stderr().write(text)),
    },
    closed: controller.signal,
    exitCodeAfter(code) {
      // A reader that stopped reading (EPIPE: `| head`) took what it wanted: the command's own outcome stands.
      if (stdoutFailure === undefined || stdoutFailure.code === "EPIPE") return { code };
      return {
        code: code === 0 ? 1 : code,
        message: stderrFailed
          ? undefined
          : `statespec: cannot write to stdout: ${stdoutFailure.code ?? stdoutFailure.message}\n`,
      };
    },
  };
}
