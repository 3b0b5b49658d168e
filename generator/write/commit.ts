// Moves the staged files into out/. Synchronous from the first rename to the last, so no signal handler runs in
// between; every file it replaces or removes is first moved aside into the staging folder, so any failure puts
// out/ back exactly as it was. The journal (journal.ts) makes the same undo possible after a SIGKILL.
import { linkSync, lstatSync, mkdirSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Diagnostic } from "../common/diagnostics.js";
import { hasRealParents, rollBack, type Journal } from "./journal.js";
import { journalName } from "./manifest.js";
import { thisRun } from "./owner.js";
import type { SignalGuard } from "./interrupt.js";
import { removeStagingFolder, writeFailed, type OutputPlan, type Stamp } from "./staging.js";

// Test-only: STATESPEC_TEST_COMMIT_PAUSE_MS pauses after each rename, so the kill test (test/atomic.test.ts) can
// land signals inside the commit. Never set it otherwise.
const pauseMs = Number(process.env.STATESPEC_TEST_COMMIT_PAUSE_MS ?? 0);
const pause = pauseMs > 0 ? () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs) : () => {};

function sameStamp(path: string, stamp: Stamp | null): boolean {
  let now;
  try {
    now = lstatSync(path);
  } catch {
    return stamp === null;
  }
  return (
    stamp !== null && now.isFile() && now.ino === stamp.ino && now.size === stamp.size && now.mtimeMs === stamp.mtimeMs
  );
}

/** `blocked`: why the commit may not start (out/ is busy); the staged files are then only cleaned up. */
export function commitOutput(plan: OutputPlan, guard?: SignalGuard, blocked?: string): Diagnostic[] {
  const { staging, outDir } = plan;
  if (!staging) return blocked === undefined ? [] : [writeFailed(outDir, blocked)];
  try {
    const notNow = blocked ?? (guard?.signal ? `interrupted by ${guard.signal}` : undefined);
    if (notNow !== undefined) {
      removeStagingFolder(outDir, staging);
      return [writeFailed(outDir, notNow)];
    }
    const journal: Journal = {
      version: 1,
      owner: thisRun(),
      staging: basename(staging.dir),
      writes: plan.writes,
      removes: plan.orphaned,
      createdFolders: staging.createdFolders,
    };
    const journalPath = join(outDir, journalName);
    writeFileSync(join(staging.dir, "journal.json"), `${JSON.stringify(journal)}\n`);
    try {
      // link(2) fails when the journal exists: at most one commit at a time in one out/.
      linkSync(join(staging.dir, "journal.json"), journalPath);
    } catch (error) {
      removeStagingFolder(outDir, staging);
      const code = (error as NodeJS.ErrnoException).code;
      return [
        writeFailed(
          outDir,
          code === "EEXIST" ? "another statespec run started writing it at the same time; run again" : String(code),
        ),
      ];
    }
    // Under the lock: a file the plan saw must be unchanged, or the run would replace what it did not check.
    const moved = [...plan.orphaned, ...plan.writes].sort();
    const changed = moved.find(
      (path) => !hasRealParents(outDir, path) || !sameStamp(join(outDir, path), staging.seen[path] ?? null),
    );
    if (changed !== undefined) {
      unlinkSync(journalPath);
      removeStagingFolder(outDir, staging);
      return [writeFailed(outDir, `${changed} changed while statespec was running; run again`)];
    }
    try {
      for (const path of moved) {
        if (staging.seen[path] === null) continue;
        mkdirSync(dirname(join(staging.dir, "old", path)), { recursive: true });
        renameSync(join(outDir, path), join(staging.dir, "old", path));
        pause();
        guard?.beat?.();
      }
      for (const folder of staging.createdFolders) {
        try {
          mkdirSync(join(outDir, folder));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !lstatSync(join(outDir, folder)).isDirectory())
            throw error;
        }
      }
      for (const path of [...plan.writes].sort()) {
        renameSync(join(staging.dir, "new", path), join(outDir, path));
        pause();
        guard?.beat?.();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      if (!rollBack(outDir, journal)) return [rollbackFailed(outDir, code)];
      removeStagingFolder(outDir, staging);
      return [writeFailed(outDir, code)];
    }
    // The commit point: without the journal, the next run keeps what is in out/ now.
    unlinkSync(journalPath);
    rmSync(staging.dir, { recursive: true, force: true });
    for (const path of plan.orphaned) removeEmptyParents(outDir, dirname(path));
    return [];
  } finally {
    guard?.release();
  }
}

function rollbackFailed(outDir: string, code: string): Diagnostic {
  const failed = writeFailed(outDir, code);
  return {
    ...failed,
    message: `cannot write the output (${code}) and could not put everything back; the next statespec generate restores ${failed.file} from its journal (${journalName})`,
  };
}

/** Folders emptied by removing orphans go too; out/ itself stays. */
function removeEmptyParents(outDir: string, folder: string): void {
  while (folder !== "." && folder !== "") {
    try {
      rmdirSync(join(outDir, folder));
    } catch {
      return;
    }
    folder = dirname(folder);
  }
}
