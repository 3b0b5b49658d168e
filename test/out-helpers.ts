// Helpers for the tests of what statespec may touch: the built CLI as a real process, and exact pictures of folders.
import { spawn } from "node:child_process";
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const builtCli = resolve("dist/generator/cli/bin.cjs");

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/generator/cli/bin.cjs ...args` in `cwd`. */
export function runBuilt(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [builtCli, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** Every entry below `folder`: file contents, link targets and folders; links are never followed. */
export function tree(folder: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (path: string, prefix: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const shown = prefix + name;
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) entries[shown] = `-> ${readlinkSync(full)}`;
      else if (stat.isDirectory()) {
        entries[`${shown}/`] = "folder";
        walk(full, `${shown}/`);
      } else entries[shown] = readFileSync(full, "latin1");
    }
  };
  walk(folder, "");
  return entries;
}

/** A temporary project (in a folder of its own, so its parent can be inspected too): a copy of `spec`, a config. */
export function tempProject(spec: string, config?: string): string {
  const root = join(mkdtempSync(join(tmpdir(), "statespec-project-")), "project");
  cpSync(spec, join(root, "spec"), { recursive: true });
  if (config !== undefined) writeFileSync(join(root, "statespec.config.yaml"), config);
  return root;
}
