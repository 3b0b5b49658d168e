// Runs the CLI in-process and captures what it prints, so tests assert on exact output and exit codes.
import { main } from "../generator/cli.js";

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

/** Runs the CLI as if started in `cwd` (a downstream project, a git repository). */
export async function runCliIn(cwd: string, args: string[]): Promise<RunResult> {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return await runCli(args);
  } finally {
    process.chdir(previous);
  }
}

/** Set RECORD=1 to rewrite expected files from the current output; review the diff like code. */
export const recording = process.env.RECORD === "1";
