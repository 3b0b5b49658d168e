// The commit journal, out/.statespec-journal.json. It exists exactly while a commit is moving files, and says
// which files move, so a run killed mid-commit (SIGKILL, power to the process cut) is undone by the next run
// before it does anything else. It is also the lock: it is created with link(2), which fails if it exists. Whose
// lock it is, and whether that run still lives, owner.ts decides.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { isSafeOutPath, journalName } from "./names.js";
import { isRunAlive, isThisProcess, ownerOfStaging, thisHost, type RunOwner } from "./owner.js";
import { parentFolders } from "./scan.js";

export interface Journal {
  version: 1;
  owner: RunOwner;
  /** Name of the staging folder in out/: new/<path> holds the files to move in, old/<path> the files moved aside. */
  staging: string;
  writes: string[];
  removes: string[];
  /** Folders the commit creates in out/, shallowest first. */
  createdFolders: string[];
}

function readJournal(outDir: string): Journal | "absent" | undefined {
  let parsed: Journal;
  try {
    parsed = JSON.parse(readFileSync(join(outDir, journalName), "utf8")) as Journal;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "absent" : undefined;
  }
  // Never trust a journal's paths blindly: it decides what is renamed and deleted.
  const paths = [...(parsed?.writes ?? []), ...(parsed?.removes ?? []), ...(parsed?.createdFolders ?? [])];
  if (
    parsed?.version !== 1 ||
    !ownerOfStaging(parsed.staging) ||
    !Array.isArray(parsed.writes) ||
    !Array.isArray(parsed.removes) ||
    !Array.isArray(parsed.createdFolders) ||
    !paths.every(isSafeOutPath)
  )
    return undefined;
  const { host, pid, started } = parsed.owner ?? {};
  if (typeof host !== "string" || typeof pid !== "number") return undefined;
  if (started !== undefined && typeof started !== "number") return undefined;
  return parsed;
}

/** Another process's run that is still going. A commit is synchronous, so one of this process is never mid-way. */
function isOtherLiveRun(owner: RunOwner, path: string): boolean {
  return !isThisProcess(owner) && isRunAlive(owner, path);
}

/** The run named as "process N", and where it ran when that is not here. */
function describeOwner(owner: RunOwner): string {
  const where = owner.host === thisHost() ? "" : " of another host or PID namespace";
  return `process ${owner.pid}${where}`;
}

/** False if a folder above `path` inside out/ is a link or not a folder: nothing may be moved through it. */
export function hasRealParents(outDir: string, path: string): boolean {
  for (const folder of parentFolders(path)) {
    try {
      if (!lstatSync(join(outDir, folder)).isDirectory()) return false;
    } catch {
      return true;
    }
  }
  return true;
}

function isRealFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Puts out/ back as it was before the journal's commit began. False if something could not be restored. */
export function rollBack(outDir: string, journal: Journal): boolean {
  const staging = join(outDir, journal.staging);
  let restored = true;
  const attempt = (step: () => void) => {
    try {
      step();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") restored = false;
    }
  };
  // A staged file that is gone was moved in: take it out again.
  for (const path of journal.writes) {
    const target = join(outDir, path);
    if (!existsSync(join(staging, "new", path)) && pathExists(target) && hasRealParents(outDir, path))
      attempt(() => unlinkSync(target));
  }
  for (const folder of [...journal.createdFolders].reverse()) {
    try {
      rmdirSync(join(outDir, folder));
    } catch {
      // Not empty or not there: it held something before, leave it.
    }
  }
  // Then every file moved aside goes back where it was.
  for (const path of [...journal.writes, ...journal.removes]) {
    const aside = join(staging, "old", path);
    if (!pathExists(aside)) continue;
    if (!hasRealParents(outDir, path)) {
      restored = false;
      continue;
    }
    attempt(() => {
      mkdirSync(dirname(join(outDir, path)), { recursive: true });
      renameSync(aside, join(outDir, path));
    });
  }
  if (restored) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(join(outDir, journalName), { force: true });
  }
  return restored;
}

export type Recovery = { ok: true } | { ok: false; reason: string };

/** What the journal in out/ means, once a live run's commit has had `waitMs` to finish (commits take milliseconds). */
type JournalVerdict =
  { kind: "none" } | { kind: "refused"; reason: string } | { kind: "interrupted"; journal: Journal };

async function settleJournal(outDir: string, waitMs: number): Promise<JournalVerdict> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const journal = readJournal(outDir);
    if (journal === "absent") return { kind: "none" };
    if (journal === undefined) {
      const reason = `${journalName} is not a statespec journal; remove it if no statespec run is writing this folder`;
      return { kind: "refused", reason };
    }
    if (!isOtherLiveRun(journal.owner, join(outDir, journalName))) return { kind: "interrupted", journal };
    if (Date.now() > deadline) {
      const run = describeOwner(journal.owner);
      const reason = `another statespec run (${run}) is writing it; run again when it has finished`;
      return { kind: "refused", reason };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Before a run touches out/: undo a commit that a killed run left half-done, and remove staging folders of runs
 * that no longer exist. A commit of a live run elsewhere is waited for.
 */
export async function recoverOutFolder(outDir: string, waitMs = 30_000): Promise<Recovery> {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return { ok: true };
  }
  if (names.includes(journalName)) {
    const verdict = await settleJournal(outDir, waitMs);
    if (verdict.kind === "refused") return { ok: false, reason: verdict.reason };
    if (verdict.kind === "interrupted" && !rollBack(outDir, verdict.journal)) {
      const reason = `an interrupted run left it half-written and it could not be restored; see ${journalName}`;
      return { ok: false, reason };
    }
  }
  for (const name of names) {
    const owner = ownerOfStaging(name);
    const path = join(outDir, name);
    if (owner && isRealFolder(path) && !isRunAlive(owner, path)) rmSync(path, { recursive: true, force: true });
  }
  return { ok: true };
}

/**
 * What --check says of the journal: exactly what generate would do with it (it waits alike), without doing it.
 * Undefined when there is none.
 */
export async function describeJournal(outDir: string, waitMs = 30_000): Promise<string | undefined> {
  if (!hasPendingJournal(outDir)) return undefined;
  const verdict = await settleJournal(outDir, waitMs);
  if (verdict.kind === "none") return undefined;
  if (verdict.kind === "refused") return verdict.reason;
  const run = describeOwner(verdict.journal.owner);
  const then = "statespec generate puts it back as it was before that run, then writes what is out of date";
  return `an interrupted run (${run}) left it half-written; ${then}`;
}

/** True when out/ holds a journal that refers to the staging folder `staging`. */
export function journalNames(outDir: string, staging: string): boolean {
  const journal = readJournal(outDir);
  return typeof journal === "object" && journal.staging === staging;
}

/** Whether out/ holds a journal at all: the no-op path then leaves the run to the full CLI. */
export function hasPendingJournal(outDir: string): boolean {
  return existsSync(join(outDir, journalName));
}
