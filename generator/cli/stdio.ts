// The executable's stdout and stderr, made safe for a reader that goes away (`statespec export | head`) and for
// a full disk (`> /dev/full`). Node reports a failed write as an 'error' event on the stream; unhandled, that is
// a stack trace. Here it is recorded instead, later output is dropped, and `exitCodeAfter` words the outcome.
import { writeSync } from "node:fs";
import type { CommandContext } from "./context.js";

export interface ProcessOutput {
  io: CommandContext["io"];
  /** Aborted when stdout fails: a long-running command (`--watch`) stops, since nobody sees its output. */
  closed: AbortSignal;
  /** The exit code once the command is done, and the one line to print about a failed stdout, if any. */
  exitCodeAfter: (code: number) => { code: number; message?: string };
}

/**
 * Writes `text` to file descriptor 1 while process.stdout does not exist yet; the bytes that could not be written
 * that way (EAGAIN on a non-blocking pipe, or any error) are returned, for the stream to write and report.
 */
function writeDirect(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, "utf8");
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
    return undefined;
  } catch {
    // As bytes: a cut inside a character must not become U+FFFD.
    return bytes.subarray(written);
  }
}

export function processOutput(): ProcessOutput {
  const controller = new AbortController();
  let stdoutFailure: NodeJS.ErrnoException | undefined;
  let stderrFailed = false;
  // stdout, like stderr below, is made on first need: creating process.stdout loads Node's stream modules, a
  // tenth of a no-op `generate`, which only prints one line (written to the file descriptor, as Node's stream for
  // a file, pipe or terminal does on Linux: synchronously).
  let stdoutWatched = false;
  const stdout = () => {
    if (!stdoutWatched) {
      stdoutWatched = true;
      process.stdout.on("error", (error: NodeJS.ErrnoException) => {
        stdoutFailure ??= error;
        controller.abort();
      });
    }
    return process.stdout;
  };
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
      // Asked by the commands that color their output, never on the no-op path: node:tty loads Node's network
      // and stream modules.
      get isTTY() {
        return stdout().isTTY === true && !process.env.NO_COLOR;
      },
      out: (text) => {
        if (stdoutFailure !== undefined) return;
        // A write that fails (EPIPE, ENOSPC) fails again on the stream, which reports it as it always has.
        const rest = stdoutWatched ? text : writeDirect(text);
        if (rest !== undefined) stdout().write(rest);
      },
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
