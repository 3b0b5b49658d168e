// Stage 5, and the only module that writes to disk: compares generated files with out/, then writes atomically.
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics.js";
import type { GeneratedFile } from "../emit/index.js";
import { displayPath } from "../load/load.js";

export interface OutputPlan {
  outDir: string;
  /** New or different files, to be written. */
  writes: GeneratedFile[];
  missing: string[];
  stale: { path: string; diff: string }[];
  /** Files in out/ the generator did not produce. */
  orphaned: string[];
  unchanged: number;
}

export async function planOutput(outDir: string, files: readonly GeneratedFile[]): Promise<OutputPlan> {
  const existing = new Set(await listFiles(outDir));
  const plan: OutputPlan = { outDir, writes: [], missing: [], stale: [], orphaned: [], unchanged: 0 };
  for (const file of files) {
    if (!existing.has(file.path)) {
      plan.missing.push(file.path);
      plan.writes.push(file);
      continue;
    }
    existing.delete(file.path);
    const current = await readFile(join(outDir, file.path), "utf8");
    if (current === file.contents) plan.unchanged++;
    else {
      plan.stale.push({ path: file.path, diff: shortDiff(current, file.contents) });
      plan.writes.push(file);
    }
  }
  plan.orphaned = [...existing].sort();
  return plan;
}

export function isUpToDate(plan: OutputPlan): boolean {
  return plan.writes.length === 0 && plan.orphaned.length === 0;
}

/** What --check prints: every missing, stale and orphaned file, stale ones with their first difference. */
export function describePlan(plan: OutputPlan): string {
  const shown = displayPath(plan.outDir);
  const lines: string[] = [];
  for (const path of plan.missing) lines.push(`missing:  ${shown}/${path}`);
  for (const { path, diff } of plan.stale) lines.push(`stale:    ${shown}/${path}`, diff);
  for (const path of plan.orphaned) lines.push(`orphaned: ${shown}/${path} (not written by the generator)`);
  return lines.join("\n");
}

/**
 * Writes every new or changed file to a temporary sibling first; only when all of them are written are they
 * renamed into place, so a failed write leaves out/ as it was. Unchanged files are not touched. Orphans are
 * removed last.
 */
export async function applyPlan(plan: OutputPlan): Promise<Diagnostic[]> {
  const suffix = `.statespec-tmp-${process.pid}`;
  const written: string[] = [];
  try {
    for (const file of plan.writes) {
      const target = join(plan.outDir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target + suffix, file.contents, "utf8");
      written.push(target);
    }
  } catch (error) {
    await Promise.all(written.map((target) => rm(target + suffix, { force: true })));
    return [diagnostic("write-failed", `cannot write the output (${(error as NodeJS.ErrnoException).code ?? "error"}); ${displayPath(plan.outDir)} was left as it was`, { file: displayPath(plan.outDir) })];
  }
  for (const target of written) await rename(target + suffix, target);
  for (const path of plan.orphaned) {
    await rm(join(plan.outDir, path), { force: true });
    await removeEmptyParents(plan.outDir, dirname(join(plan.outDir, path)));
  }
  return [];
}

async function removeEmptyParents(root: string, folder: string): Promise<void> {
  while (folder.startsWith(root + sep)) {
    try {
      await rmdir(folder);
    } catch {
      return;
    }
    folder = dirname(folder);
  }
}

async function listFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (folder: string) => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(relative(root, path).split(sep).join("/"));
    }
  };
  await walk(root);
  return files;
}

/** The first differing lines, a few of each side: enough to see what changed without a diff tool. */
function shortDiff(before: string, after: string, context = 3): string {
  const old = before.split("\n");
  const now = after.split("\n");
  let first = 0;
  while (first < old.length && first < now.length && old[first] === now[first]) first++;
  const lines = [`  @@ line ${first + 1} @@`];
  for (const line of old.slice(first, first + context)) lines.push(`  - ${line}`);
  for (const line of now.slice(first, first + context)) lines.push(`  + ${line}`);
  return lines.join("\n");
}
