// One temporary folder per test run, for what the run's test files share (the packed package) and for statespec's
// own cache (STATESPEC_CACHE_DIR, which the worker processes inherit): made fresh for every run and removed after
// it, so nothing is ever reused from an earlier run and no test writes into the user's ~/.cache.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    runFolder: string;
  }
}

export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), "statespec-run-"));
  project.provide("runFolder", folder);
  process.env.STATESPEC_CACHE_DIR = join(folder, "cache");
  return () => rmSync(folder, { recursive: true, force: true });
}
