// One temporary folder per test run, for what the run's test files share (the packed package), for statespec's own
// cache (STATESPEC_CACHE_DIR) and as every test's temporary folder (TMPDIR, which os.tmpdir() reads per call): the
// worker processes and every process they start inherit both. Made fresh for every run and removed after it, so
// nothing is reused from an earlier run, no test writes into the user's ~/.cache, and the thousands of projects the
// tests make (about 1 GB a run) do not pile up in the system's temporary folder. Only the build caches of Go and
// staticcheck, which are meant to outlive a run, stay there (STATESPEC_TEST_SYSTEM_TMP).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    runFolder: string;
  }
}

/** The run's folder, shared by the projects (vitest calls this once per project, in one process): made by the first
 * call, removed by the last teardown, so no project's tests see another's folder vanish or nest in it. */
const shared = globalThis as { statespecRun?: { folder: string; users: number } };

export default function setup(project: TestProject): () => void {
  if (!shared.statespecRun) {
    const system = tmpdir();
    const folder = mkdtempSync(join(system, "statespec-run-"));
    mkdirSync(join(folder, "tmp"));
    shared.statespecRun = { folder, users: 0 };
    process.env.STATESPEC_TEST_SYSTEM_TMP = system;
    process.env.STATESPEC_CACHE_DIR = join(folder, "cache");
    process.env.TMPDIR = join(folder, "tmp");
    // Node's own compile cache (on 22.1+ statespec turns it on, in the temporary folder) stays where it was, in the
    // system's: keyed by each module's path and source, it holds no test's state, and a fresh one per run made each
    // run compile its processes' code again (vitest's wall time, one run each: 141 s without, 122 and 134 s with).
    process.env.NODE_COMPILE_CACHE ??= join(system, "node-compile-cache");
  }
  const run = shared.statespecRun;
  run.users += 1;
  project.provide("runFolder", run.folder);
  return () => {
    run.users -= 1;
    if (run.users > 0) return;
    rmSync(run.folder, { recursive: true, force: true });
    shared.statespecRun = undefined;
  };
}
