// The commit: under the lock, the staged files are renamed into out/. Synchronous from the first rename to the
// last, so no signal handler runs in between. Every file it replaces or removes is first moved aside into the
// staging folder, so a failure puts out/ back exactly as it was (rollBack), as the next run does after a SIGKILL.
import { lstatSync, mkdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Diagnostic } from "../common/diagnostics.js";
import { journalName, lock, unlock, type Moves } from "./lock.js";
import { parentFolders, stampOf, writeFailed, type OutputPlan } from "./plan.js";
import { hasRealParents, rollBack } from "./recover.js";
import type { Staging } from "./staging.js";

// Test-only: STATESPEC_TEST_COMMIT_PAUSE_MS pauses after each rename, so the kill tests (test/atomic.test.ts,
// test/write-hostile.test.ts) can land signals inside the commit. Never set it otherwise.
const pauseMs = Number(process.env.STATESPEC_TEST_COMMIT_PAUSE_MS ?? 0);
const pause = pauseMs > 0 ? () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs) : () => {};

/** `blocked`: why the commit may not start (out/ is busy); the staged files are then only removed. */
export function commitOutput(plan: OutputPlan, staging: Staging, blocked?: string): Diagnostic[] {
  const { outDir, writes, orphaned: removes, seen } = plan;
  const failed = (reason: string) => {
    staging.remove();
    return [writeFailed(outDir, reason)];
  };
  try {
    const notNow = blocked ?? (staging.signal && `interrupted by ${staging.signal}`);
    if (notNow) return failed(notNow);
    // The folders to make, each after its parent: every one above a file to write that is not a real folder now.
    const createdFolders = [...new Set(writes.flatMap(parentFolders))].filter(
      (folder) => !lstatSync(join(outDir, folder), { throwIfNoEntry: false })?.isDirectory(),
    );
    const journal: Moves = { staging: basename(staging.dir), writes, removes, createdFolders };
    const locked = lock(outDir, journal);
    if (locked !== undefined) return failed(locked);
    // Under the lock: a file the plan saw must be unchanged, or the run would replace what it did not check.
    const moved = [...removes, ...writes].sort();
    const changed = moved.find(
      (path) => !hasRealParents(outDir, path) || stampOf(join(outDir, path)) !== seen?.get(path),
    );
    if (changed !== undefined) {
      unlock(outDir);
      return failed(`${changed} changed while statespec was running; run again`);
    }
    const move = (from: string, to: string) => {
      renameSync(from, to);
      pause();
      staging.beat();
    };
    try {
      for (const path of moved.filter((path) => seen?.get(path) !== null)) {
        mkdirSync(dirname(join(staging.dir, "old", path)), { recursive: true });
        move(join(outDir, path), join(staging.dir, "old", path));
      }
      for (const folder of createdFolders) {
        try {
          mkdirSync(join(outDir, folder));
        } catch (error) {
          // Made meanwhile: fine, if it is a real folder.
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== "EEXIST" || !lstatSync(join(outDir, folder)).isDirectory()) throw error;
        }
      }
      for (const path of writes) move(join(staging.dir, "new", path), join(outDir, path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      if (rollBack(outDir, journal)) return failed(code);
      const shown = writeFailed(outDir, "").file;
      const then = `the next statespec generate restores ${shown} from its journal (${journalName})`;
      return [
        {
          ...writeFailed(outDir, code),
          message: `cannot write the output (${code}) and could not put everything back; ${then}`,
        },
      ];
    }
    // The commit point: without the journal, the next run keeps what is in out/ now.
    unlock(outDir);
    rmSync(staging.dir, { recursive: true, force: true });
    // Folders emptied by removing orphans go too; out/ itself stays.
    for (const path of removes) {
      try {
        for (let folder = dirname(path); folder !== "."; folder = dirname(folder)) rmdirSync(join(outDir, folder));
      } catch {
        // Not empty: the rest of the way up is not either.
      }
    }
    return [];
  } finally {
    staging.release();
  }
}
