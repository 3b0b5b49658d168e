// Which statespec.config.yaml a run reads, found as tsc finds tsconfig.json and eslint its config: the nearest one
// from the working folder upward. The walk stops at the repository's root (a folder holding .git, a folder or a
// worktree's file), so a project never picks up a config from outside its own repository, or at the file system's
// root. A few stat calls per run: the no-op path (cached-config.ts) walks too, and both must find the same file.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

export const configFileName = "statespec.config.yaml";

export interface ConfigSearch {
  /** The config file found, absolute. */
  path?: string;
  /** The last folder looked in: the repository root, the file system root, or the folder of the file found. */
  stoppedAt: string;
  /** Why the walk stopped without a file: at a repository root, or at the top of the file system. */
  reason?: "repository" | "root";
}

export function findConfigFile(cwd: string): ConfigSearch {
  for (let folder = cwd; ;) {
    const candidate = join(folder, configFileName);
    if (existsSync(candidate)) return { path: candidate, stoppedAt: folder };
    if (existsSync(join(folder, ".git"))) return { stoppedAt: folder, reason: "repository" };
    const parent = dirname(folder);
    if (parent === folder) return { stoppedAt: folder, reason: "root" };
    folder = parent;
  }
}
