// The CLI as tests run it: in-process (main(), capturing what it prints) for what is about the output, and the built
// CLI as a real process (`npm run build` first) for what is about the process: exit codes, streams, signals.
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { main } from "../../generator/cli/main.js";
import { inProcess } from "./in-process.js";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (text) => void (stdout += text), err: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

/**
 * Runs the CLI as if started in `cwd` (a downstream project, a git repository) with `env` added to the environment:
 * in-process, one run at a time per worker. For what is about the output; see runBuilt for the process.
 */
export function runCliIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return inProcess(cwd, env, false, () => runCli(args));
}

/** Set RECORD=1 to rewrite expected files from the current output; review the diff like code. */
export const recording = process.env.RECORD === "1";

export interface ProcessResult extends RunResult {
  /** The signal that ended the process, or "timeout" when the test had to kill it: a hang. */
  signal: string | null;
}

/** The built CLI: node dist/generator/cli/bin.cjs. */
export const builtCli = resolve("dist/generator/cli/bin.cjs");

/**
 * Runs the built CLI (`npm run build` first) as a real process. A process still running after `timeoutMs` is
 * killed and reported as `signal: "timeout"`, so a hang fails its test fast instead of stalling the suite.
 */
export function runBuilt(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; shell?: string; bin?: string } = {},
): Promise<ProcessResult> {
  // `bin`: the built CLI of a copy of the package (its own templates/, spec/).
  const bin = options.bin === undefined ? builtCli : resolve(options.bin);
  // `shell` runs a command line instead, in which `statespec` is the CLI: for pipes and redirections.
  const [file, argv] =
    options.shell === undefined
      ? [process.execPath, [bin, ...args]]
      : ["/bin/sh", ["-c", `statespec() { "$STATESPEC_NODE" "$STATESPEC_BIN" "$@"; }\n${options.shell}`]];
  const env = { ...process.env, ...options.env, STATESPEC_NODE: process.execPath, STATESPEC_BIN: bin };
  // Its own process group, so a timeout kills the whole pipeline, not only the shell.
  const child = spawn(file, argv, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stdout = "";
  let stderr = "";
  let timedOut = false;
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const timer = setTimeout(() => {
    timedOut = true;
    process.kill(-child.pid!, "SIGKILL");
  }, options.timeoutMs ?? 45_000);
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? -1, signal: timedOut ? "timeout" : signal, stdout, stderr });
    });
  });
}

/** Makes `folder` a git repository on `main` with a test identity; returns a runner of git commands in it. */
export function initGitRepo(folder: string): (...args: string[]) => string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: folder, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  // The identity written into the new repository's config as `git config` would write it: two processes fewer for
  // each of the many repositories the tests make.
  appendFileSync(join(folder, ".git", "config"), "[user]\n\temail = test@example.invalid\n\tname = test\n");
  return git;
}
