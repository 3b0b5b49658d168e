// Written into every generated header: a new generator version changes output on purpose. Read from the package's
// own package.json, so the CLI, the headers and the manifest can never name a version the package does not have.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./package-root.js";

export const generatorVersion: string = (
  JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }
).version;
