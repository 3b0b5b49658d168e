// Every command exits, with the documented code, as a real process of the built CLI: an invalid spec, a missing
// spec folder, an unknown vendor, with TypeScript output on or off, with --check or not. A hang is a timeout.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuilt, runCliIn } from "./helpers/cli.js";

// Absolute: the in-process runs below move the working folder while the --watch tests beside them start.
const minimalSpec = resolve("test/fixtures/valid-minimal/spec");
const bin = resolve("dist/generator/cli/bin.cjs");

/** A project folder with the minimal spec, `edit` applied to it, and a config (by default one that reads spec/). */
function project(edit: (spec: string) => string = (spec) => spec, config?: string): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-exit-"));
  cpSync(minimalSpec, join(folder, "spec"), { recursive: true });
  const specFile = join(folder, "spec", "base.yaml");
  writeFileSync(specFile, edit(readFileSync(specFile, "utf8")));
  // Without a config statespec reads its shipped specs: a config (its default specs: spec/) makes this a project.
  writeFileSync(join(folder, "statespec.config.yaml"), config ?? "");
  return folder;
}

const broken = (spec: string) => `${spec}id: [\n`;

describe.concurrent("every command exits", () => {
  const invalid = project(broken);
  const invalidWithoutTypeScript = project(broken, "artifacts: [json-schema, markdown]\n");
  const valid = project();
  const unknownVendor = project(undefined, "vendors: [nope]\n");
  type Case = [what: string, cwd: string, args: string[], code: number, stderr: RegExp];
  // Each way the executable ends a command, as a real process: a hang there is a thread or handle left behind.
  const cases: Case[] = [
    ["validate, invalid spec", invalid, ["validate"], 1, /spec\/base\.yaml:\d+:\d+: error yaml-syntax/],
    ["generate, invalid spec, TypeScript on", invalid, ["generate"], 1, /error yaml-syntax/],
    ["generate, invalid spec, TypeScript off", invalidWithoutTypeScript, ["generate"], 1, /error yaml-syntax/],
    ["export, invalid spec", invalid, ["export"], 1, /error yaml-syntax/],
    ["diff, invalid spec", invalid, ["diff", "--base", "spec"], 1, /the base spec \(spec\) is not valid/],
    ["generate, missing spec folder", valid, ["generate", "--spec", "nope"], 1, /^nope: error spec-folder-missing/m],
    ["export --vendor, unknown vendor", valid, ["export", "--vendor", "nope"], 2, /unknown vendor 'nope'/],
  ];
  // The same process paths as a case above, so their code and message are main()'s (in-process, runCliIn): --check
  // and an unknown vendor in the config fail inside the stages, with the TypeScript thread started, as generate on an
  // invalid spec does (compile/threads.ts stops the thread however the stages end); a missing spec folder ends diff
  // before any spec is read, as the invalid base does after reading it.
  const sameProcessPath: Case[] = [
    ["generate --check, invalid spec, TypeScript on", invalid, ["generate", "--check"], 1, /error yaml-syntax/],
    ["diff, missing spec folder", valid, ["diff", "--base", "spec", "--spec", "nope"], 1, /error spec-folder-missing/],
    [
      "generate, unknown vendor",
      unknownVendor,
      ["generate"],
      1,
      /statespec\.config\.yaml:1:11: error config-invalid unknown vendor 'nope'/,
    ],
  ];

  it("with the documented code, a located message and no stack trace", async () => {
    const results = await Promise.all([
      ...cases.map(([, cwd, args]) => runBuilt(args, { cwd })),
      ...sameProcessPath.map(([, cwd, args]) => runCliIn(cwd, args).then((result) => ({ ...result, signal: null }))),
    ]);
    for (const [index, [what, , , code, stderr]] of [...cases, ...sameProcessPath].entries()) {
      const result = results[index];
      expect(result.signal, `${what}: did not exit (${result.stderr})`).toBeNull();
      expect(result.code, `${what}: ${result.stderr}`).toBe(code);
      expect(result.stderr, what).toMatch(stderr);
      expect(result.stderr, what).not.toMatch(/\n\s+at |internal error/);
    }
  });
});

/** Threads and resident memory of a Linux process, from /proc. */
function usage(pid: number): { threads: number; rssKiB: number } {
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return { threads: readdirSync(`/proc/${pid}/task`).length, rssKiB: Number(rss?.[1]) };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `generate --watch` in `folder` as a real process, with what it printed so far and its end. */
function startWatch(folder: string) {
  const child = spawn(process.execPath, [bin, "generate", "--watch"], {
    cwd: folder,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => (output.stdout += chunk));
  child.stderr.on("data", (chunk) => (output.stderr += chunk));
  const ended = new Promise<{ code: number | null; signal: string | null }>((done) =>
    child.on("exit", (code, signal) => done({ code, signal })),
  );
  /** Sends `signal` and waits for the exit; kills the process if it does not stop. */
  const stopWith = async (signal: NodeJS.Signals) => {
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    const end = await ended;
    clearTimeout(timer);
    return end;
  };
  return { child, output, stopWith };
}

describe.concurrent("generate --watch", () => {
  // Threads and memory are read from /proc: Linux only, unless CI requires every tool (STATESPEC_REQUIRE_TOOLS=1).
  it.skipIf(process.platform !== "linux" && process.env.STATESPEC_REQUIRE_TOOLS !== "1")(
    "keeps threads and memory bounded through 20 invalid saves, and stops on SIGINT with exit 0",
    async () => {
      const folder = project();
      const specFile = join(folder, "spec", "base.yaml");
      const validSpec = readFileSync(specFile, "utf8");
      const watch = startWatch(folder);
      try {
        await until(() => watch.output.stdout.includes("watching"), "the first generation");
        const errorsSoFar = () => watch.output.stderr.split("error yaml-syntax").length - 1;
        let baseline: ReturnType<typeof usage> | undefined;
        for (let save = 1; save <= 20; save++) {
          // Each save differs, so each one is a change to the file; each waits for its own diagnostic.
          writeFileSync(specFile, `${validSpec}# save ${save}\nid: [\n`);
          await until(() => errorsSoFar() >= save, `the diagnostic of invalid save ${save}`);
          if (save === 1) baseline = usage(watch.child.pid!);
        }
        const after = usage(watch.child.pid!);
        // Before the fix every invalid run left its TypeScript worker (a thread with ts-morph loaded) behind.
        expect(
          after.threads,
          `threads after 1 invalid save: ${baseline!.threads}, after 20: ${after.threads}`,
        ).toBeLessThanOrEqual(baseline!.threads + 2);
        expect(
          after.rssKiB - baseline!.rssKiB,
          "resident memory grown through 19 more invalid saves, KiB",
        ).toBeLessThan(128 * 1024);
        // Stopped while a change may be pending or a run in progress: it still ends promptly and cleanly.
        writeFileSync(specFile, validSpec);
        const end = await watch.stopWith("SIGINT");
        expect(end).toEqual({ code: 0, signal: null });
        expect(watch.output.stderr).not.toMatch(/\n\s+at |internal error/);
      } finally {
        watch.child.kill("SIGKILL");
      }
    },
  );

  it("stops on SIGTERM with exit 0", async () => {
    const watch = startWatch(project(broken));
    try {
      await until(() => watch.output.stdout.includes("watching"), "the first (invalid) run");
      expect(watch.output.stderr).toMatch(/error yaml-syntax/);
      expect(await watch.stopWith("SIGTERM")).toEqual({ code: 0, signal: null });
    } finally {
      watch.child.kill("SIGKILL");
    }
  });
});
