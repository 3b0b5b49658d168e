// The lock on out/, and who holds it. The lock is the journal, out/.statespec-journal.json: it exists exactly while
// a commit moves files, names them (so the next run can undo a commit a killed run left half-done: recover.ts),
// and is made with link(2), which fails when it exists. A run is named by its host and PID namespace (a PID means
// nothing outside its namespace: every container has a process 1), its PID and its start time (PIDs are reused),
// all in its staging folder's name. A run of this host and namespace is alive while that process is; one elsewhere
// cannot be asked, so it touches its staging folder and journal every second (heartbeat) and is dead after 10 s.
import { createHash, randomBytes } from "node:crypto";
import { linkSync, readFileSync, readlinkSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
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

interface Run {
  host: string;
  pid: number;
  /** Clock ticks since boot (/proc/<pid>/stat); absent where it cannot be read. */
  started?: number;
}

function startTime(pid: number | "self"): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // The command name (field 2) may hold spaces and parentheses: fields are counted from the last ")". Field 22.
    const started = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    return Number.isSafeInteger(started) ? started : undefined;
  } catch {
    return undefined;
  }
}

let me: Run | undefined;

function thisRun(): Run {
  if (me) return me;
  let namespace = "";
  try {
    namespace = readlinkSync("/proc/self/ns/pid");
  } catch {
    // Not Linux: the host name alone.
  }
  me = { host: createHash("sha256").update(`${hostname()}\0${namespace}`).digest("hex").slice(0, 8), pid: process.pid };
  const started = startTime("self");
  return started === undefined ? me : Object.assign(me, { started });
}

/** `path`: the run's staging folder or journal, whose modification time is its heartbeat. */
function isAlive(run: Run, path: string): boolean {
  if (run.host !== thisRun().host) {
    // Either way: a clock ahead on another host must not keep a dead run alive for long.
    const touched = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
    return Math.abs(Date.now() - touched) < 10_000;
  }
  const started = startTime(run.pid);
  if (started !== undefined && run.started !== undefined) return started === run.started;
  // No /proc, a process /proc hides, or a run named without a start time: the PID is all there is to ask.
  try {
    return process.kill(run.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// <host>.<pid>.<start>.<random>: the random part keeps two runs apart even when all else is equal. Names of earlier
// versions have no start time.
const stagingPattern = /^\.statespec-staging-([0-9a-f]{8})\.(\d{1,10})\.(?:(\d{1,20})\.)?[0-9a-f]{12}$/;

function ownerOfStaging(name: unknown): Run | undefined {
  const match = typeof name === "string" ? stagingPattern.exec(name) : null;
  if (!match) return undefined;
  const owner: Run = { host: match[1]!, pid: Number(match[2]) };
  return match[3] === undefined ? owner : Object.assign(owner, { started: Number(match[3]) });
}

export function newStagingName(): string {
  const { host, pid, started } = thisRun();
  const start = started === undefined ? "" : `${started}.`;
  return `${stagingPrefix}${host}.${pid}.${start}${randomBytes(6).toString("hex")}`;
}

/** Whether a top-level name in out/ is a staging folder's, and if so whether its run lives. */
export function stagingState(outDir: string, name: string): "live" | "dead" | undefined {
  const owner = ownerOfStaging(name);
  return owner && (isAlive(owner, join(outDir, name)) ? "live" : "dead");
}

/** The journal in out/ and its holder (read from the staging folder's name); "foreign" when statespec did not
 * write it. `live`: another process's run still holds it (a commit is synchronous: this process's never does). */
export function readJournal(outDir: string): { moves: Moves; live: boolean; holder: string } | "absent" | "foreign" {
  let moves: Moves;
  try {
    moves = JSON.parse(readFileSync(join(outDir, journalName), "utf8")) as Moves;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "absent" : "foreign";
  }
  const owner = ownerOfStaging(moves?.staging);
  const lists = [moves?.writes, moves?.removes, moves?.createdFolders];
  // Never trusted blindly: it decides what is renamed and deleted.
  const valid = lists.every((list) => Array.isArray(list) && list.every(isSafeOutPath));
  if ((moves as { version?: unknown })?.version !== 1 || !owner || !valid) return "foreign";
  const { host, pid, started } = thisRun();
  const mine = owner.host === host && owner.pid === pid && owner.started === started;
  const holder = `process ${owner.pid}${owner.host === host ? "" : " of another host or PID namespace"}`;
  return { moves, live: !mine && isAlive(owner, join(outDir, journalName)), holder };
}

/** Takes the lock: the journal, written in the staging folder, linked into out/. Undefined, or why not. */
export function lock(outDir: string, moves: Moves): string | undefined {
  const written = join(outDir, moves.staging, "journal.json");
  try {
    writeFileSync(written, `${JSON.stringify({ version: 1, owner: thisRun(), ...moves })}\n`);
    linkSync(written, join(outDir, journalName));
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "EEXIST" ? "another statespec run started writing it at the same time; run again" : String(code);
  }
}

export const unlock = (outDir: string) => unlinkSync(join(outDir, journalName));

/** Touches the staging folder and its journal (the journal in out/ is a link of it) every second until stopped;
 * beat() touches now if a second has passed, for synchronous work, where no timer fires. */
export function heartbeat(stagingDir: string): { beat(): void; stop(): void } {
  let last = Date.now();
  const touch = () => {
    last = Date.now();
    for (const path of [stagingDir, join(stagingDir, "journal.json")]) {
      try {
        utimesSync(path, new Date(last), new Date(last));
      } catch {
        // Not there (yet, or any more): nothing to keep alive.
      }
    }
  };
  // Unreferenced: the heartbeat never keeps a finished process running.
  const timer = setInterval(touch, 1000).unref();
  return { beat: () => void (Date.now() - last >= 1000 && touch()), stop: () => clearInterval(timer) };
}
