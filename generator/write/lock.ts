// The lock on out/, and who holds it. The lock is the journal, out/.statespec-journal.json: it exists exactly while
// a commit moves files, names them (so the next run can undo a commit a killed run left half-done: recover.ts),
// and is made with link(2), which fails when it exists. A run is named in its staging folder's name by its host and
// PID namespace (a PID means nothing outside its namespace: every container has a process 1), its PID and its start
// time (PIDs are reused). A run of this host and namespace is alive while that process is; one elsewhere cannot be
// asked, so it touches its staging folder every second (staging.ts) and is dead 10 s after the last touch.
import { randomHex, sha256 } from "../common/hash.js";
import { linkSync, readFileSync, readlinkSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export const journalName = ".statespec-journal.json";
export const stagingPrefix = ".statespec-staging-";

/** A path a manifest or journal may name: relative, "/"-separated, no empty, "." or ".." segment, and none of the
 * working names: a forged one can never point outside out/. */
export function isSafeOutPath(path: unknown): path is string {
  if (typeof path !== "string" || path.includes("\\") || path.includes("\0")) return false;
  const parts = path.split("/");
  if (parts.some((part) => part === "" || part === "." || part === "..")) return false;
  return parts[0] !== journalName && !parts[0]!.startsWith(stagingPrefix);
}

/** What a commit moves: new/<path> in the staging folder holds each file to move in, old/<path> each moved aside. */
export interface Moves {
  staging: string;
  writes: string[];
  removes: string[];
  /** Folders the commit creates in out/, shallowest first. */
  createdFolders: string[];
}

/** Clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined where it cannot be read. */
function startTime(pid: number | "self"): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // The command name (field 2) may hold spaces and parentheses: fields are counted from the last ")".
    const started = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    return Number.isSafeInteger(started) ? started : undefined;
  } catch {
    return undefined;
  }
}

let host: string | undefined;

/** This host and PID namespace, hashed (no machine name in out/). */
function thisHost(): string {
  if (host !== undefined) return host;
  let namespace = "";
  try {
    namespace = readlinkSync("/proc/self/ns/pid");
  } catch {
    // Not Linux: the host name alone.
  }
  return (host = sha256().update(`${hostname()}\0${namespace}`).digest("hex").slice(0, 8));
}

export function newStagingName(): string {
  const started = startTime("self");
  const run = `${thisHost()}.${process.pid}.${started === undefined ? "" : `${started}.`}`;
  return `${stagingPrefix}${run}${randomHex(6)}`;
}

// <host>.<pid>.<start>.<random>: the random part keeps two runs apart even when all else is equal. Names of earlier
// versions have no start time.
const stagingPattern = /^\.statespec-staging-([0-9a-f]{8})\.(\d{1,10})\.(?:(\d{1,20})\.)?[0-9a-f]{12}$/;

/** Whether a top-level name in out/ is a staging folder's, and if so whether its run lives (this one does). */
export function stagingState(outDir: string, name: unknown): "live" | "dead" | undefined {
  const match = typeof name === "string" ? stagingPattern.exec(name) : null;
  if (!match) return undefined;
  const [, runHost, pid, started] = match;
  const alive = (): boolean => {
    if (runHost !== thisHost()) {
      // Either way: a clock ahead on another host must not keep a dead run alive for long.
      const touched = statSync(join(outDir, name as string), { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
      return Math.abs(Date.now() - touched) < 10_000;
    }
    const now = startTime(Number(pid));
    if (now !== undefined && started !== undefined) return now === Number(started);
    // No /proc, a process /proc hides, or a run named without a start time: the PID is all there is to ask.
    try {
      return process.kill(Number(pid), 0);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "EPERM";
    }
  };
  return alive() ? "live" : "dead";
}

/** The journal in out/ and its holder (from its staging folder's name); "foreign" when statespec did not write it.
 * `live`: another process's run still holds it (a commit is synchronous: this process's never does). */
export function readJournal(outDir: string): { moves: Moves; live: boolean; holder: string } | "absent" | "foreign" {
  let moves: Moves;
  try {
    moves = JSON.parse(readFileSync(join(outDir, journalName), "utf8")) as Moves;
  } catch (error) {
    // No such file, or out/ is no folder at all.
    return ["ENOENT", "ENOTDIR"].includes((error as NodeJS.ErrnoException).code!) ? "absent" : "foreign";
  }
  const state = stagingState(outDir, moves?.staging);
  const lists = [moves?.writes, moves?.removes, moves?.createdFolders];
  // Never trusted blindly: it decides what is renamed and deleted.
  const valid = lists.every((list) => Array.isArray(list) && list.every(isSafeOutPath));
  if ((moves as { version?: unknown })?.version !== 1 || !state || !valid) return "foreign";
  // Of this host and PID namespace and this PID: this process, or a dead one whose PID it reuses.
  const [runHost, pid] = moves.staging.slice(stagingPrefix.length).split(".");
  const mine = runHost === thisHost() && Number(pid) === process.pid;
  const holder = `process ${pid}${runHost === thisHost() ? "" : " of another host or PID namespace"}`;
  return { moves, live: !mine && state === "live", holder };
}

/** Takes the lock: the journal, written in the staging folder, linked into out/. Undefined, or why not. */
export function lock(outDir: string, moves: Moves): string | undefined {
  const written = join(outDir, moves.staging, "journal.json");
  try {
    // The owner is for people (and tests) to read; runs know it by the staging folder's name.
    writeFileSync(written, `${JSON.stringify({ version: 1, owner: { pid: process.pid }, ...moves })}\n`);
    linkSync(written, join(outDir, journalName));
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "EEXIST" ? "another statespec run started writing it at the same time; run again" : String(code);
  }
}

export const unlock = (outDir: string) => unlinkSync(join(outDir, journalName));
