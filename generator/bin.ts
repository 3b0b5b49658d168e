#!/usr/bin/env node
// The `statespec` executable (package.json bin).
import { main } from "./cli.js";

// A reader that stops early (`statespec check dump.ndjson | head`) closes the pipe: stop quietly, no stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only a bug gets here: everything a user can cause is reported as a diagnostic.
    process.stderr.write(`statespec: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
