import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// The files that take longest (npm pack and install, tsc, pyright, many CLI processes), slowest first. Vitest
// orders files by the durations of earlier runs, which a clean clone (CI) does not have: started last, one of
// these would run alone on one worker at the end of the run.
// diff first of all: it starts hundreds of git processes from its worker, and a fork copies the forking process's page
// tables and write-protects its heap, so it costs with the worker's size. A fresh worker is the leanest it will be
// (150 MB; 300 to 400 once other files have loaded TypeScript twice): the file took 10.5 s there, 16 s in 14th place.
const slowFirst = [
  // Measured in a clean-clone CI run (seconds per file): package 29, docs 26, python-tools 21, generate 20,
  // property 19, write-hostile 19, bounds 18, text-safety 13, diff 12, watch 12, rust-tools 12, no-op-record 10.
  // The other files that start most processes (in-process diffs' git, environment's) next, while the workers are lean.
  ...["diff", "package", "diff-gates", "upgrade", "diff-golden", "environment", "docs", "python-tools", "generate"],
  ...["property", "write-hostile", "bounds", "text-safety", "java-tools", "rust-tools", "no-op-path", "no-op-record"],
  ...["strict", "watch", "atomic", "hostile", "check-json", "artifacts"],
].map((name) => `/test/${name}.test.ts`);

// Test files that run everything in-process (the generator, its emitters, TypeScript's API): no CLI process, npm, git
// or language tool. `npx vitest run --project fast` runs them in seconds; every other file (the default for a new
// one) is a process test: the built CLI as a real process, packed installs, pyright, go, signals.
const fast = [
  ...["architecture", "artifacts", "compact-derivation", "diff-attribute", "emit-contract", "emit-json-schema"],
  ...["emit-markdown", "emit-openapi", "emit-typescript", "header-hash", "hostile", "json-text", "markdown-text"],
  ...["openapi-filter", "pages", "cached-config", "schema-first-error", "shipped-spec", "short-diff"],
  ...["transcription", "typescript-tools", "states-json", "paths"],
].map((name) => `test/${name}.test.ts`);

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = slowFirst.findIndex((suffix) => file.moduleId.endsWith(suffix));
      return index === -1 ? slowFirst.length : index;
    };
    // Process files first, then fast ones: a worker that ran one project's file is reused only for the same
    // project's next file in the queue, so files of the two projects interleaved would start a fresh worker (loading
    // TypeScript, ts-morph and the generator again) at every switch. Array.prototype.sort is stable: the other files
    // keep vitest's order.
    const isFast = (file: TestSpecification) => (file.project.name === "fast" ? 1 : 0);
    return (await super.sort(files)).sort((a, b) => isFast(a) - isFast(b) || rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Most tests wait on processes they start (the built CLI, tsc, npm, git), so two workers keep both cores busy
    // where vitest's default on a 2-core machine (cores - 1) runs one file at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A worker runs its files in one module graph: ajv, ts-morph and the generator load once per worker, not once
    // per file. No test mocks modules or leaves global state behind (runCliIn restores the working folder).
    isolate: false,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      // A larger young generation: the in-process files allocate much (YAML, type checks) and fork nothing, so fewer
      // scavenges cost them nothing else (measured: 2 s less CPU of about 32 s). Not for the process files: a larger
      // heap makes every fork of their worker slower.
      { extends: true, test: { name: "fast", include: fast, execArgv: ["--max-semi-space-size=64"] } },
      { extends: true, test: { name: "process", include: ["test/**/*.test.ts"], exclude: fast } },
    ],
  },
});
