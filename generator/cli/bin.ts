#!/usr/bin/env node
// The `statespec` executable (package.json bin).
import { escapeLine } from "../common/text-safety.js";
import { processOutput } from "./stdio.js";
import { typescriptExpected, upToDateSummary } from "./up-to-date.js";

const output = processOutput();
const argv = process.argv.slice(2);

// A no-op `generate` is answered before the CLI loads (up-to-date.ts); any doubt runs the full CLI. No top-level
// await: the build bundles this file as CommonJS (see generator/build/bundle.mjs).
void upToDateSummary(argv)
  .catch(() => undefined)
  .then(async (upToDate) => {
    if (upToDate !== undefined) {
      output.io.out(upToDate);
      finish(0);
      return;
    }
    // A `generate` that emits TypeScript starts its thread now, so ts-morph loads while the CLI and config do.
    if (argv[0] === "generate" && !argv.includes("--help") && !argv.includes("-h") && typescriptExpected())
      (await import("../emit/parallel.js")).startTypeScriptWorkerEarly();
    // Node 22+ keeps compiled code on disk from here on: the CLI (bundled, one large file) and what it loads. After
    // the thread starts, which keeps its own.
    (await import("../common/compile-cache.js")).keepCompiledCode();
    const { main } = await import("./main.js");
    await main(argv, output.io, output.closed).then(finish, fail);
  })
  .catch(fail);

function fail(error: unknown): void {
  if (typeof (error as NodeJS.ErrnoException)?.syscall === "string") {
    // A system call failed where no stage expected it (a full disk, a folder removed mid-run): the machine's
    // problem, not a bug, so one line and exit 1 rather than a stack trace.
    // The message names a path, which may hold any character: escaped like any other line.
    output.io.err(`${escapeLine(`statespec: ${String((error as Error).message).split("\n")[0]}`)}\n`);
    finish(1);
    return;
  }
  // Only a bug gets here: everything a user can cause is reported as a diagnostic.
  output.io.err(`statespec: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  finish(70);
}

function finish(code: number): void {
  process.exitCode = code;
  // A failed write to stdout is reported by the stream after the command has returned: settle the code last.
  process.once("exit", () => {
    // A signal that ended the run after the command returned (write/interrupt.ts) has set its own code: keep it.
    if (process.exitCode !== code) return;
    const outcome = output.exitCodeAfter(code);
    if (outcome.message) output.io.err(outcome.message);
    process.exitCode = outcome.code;
  });
}
