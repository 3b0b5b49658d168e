// Creates a folder and its missing parents, one mkdir at a time. Not `mkdirSync(path, { recursive: true })`: on
// a file system that refuses the folder with ENOENT although its parent exists (procfs, sysfs), Node's recursive
// mkdir retries forever (`generate --out /proc/x` spun the CPU and never exited). Here every failure is final.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export function makeFolder(path: string): void {
  const missing: string[] = [];
  let folder = path;
  while (!existsSync(folder)) {
    missing.push(folder);
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const created of missing.reverse()) mkdirSync(created);
}
