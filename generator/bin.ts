#!/usr/bin/env node
// The `statespec` executable (package.json bin).
import { main } from "./cli.js";

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
