// Which run a staging folder or journal belongs to, and whether that run is still alive. A PID alone proves
// nothing: containers sharing out/ reuse PIDs (every PID namespace has its process 1), and a PID is reused after
// its process ends. So a run is named by its host and PID namespace (the host tag), its PID and its process's
// start time, and liveness is decided in one of two ways:
//   same host tag     the process with that PID exists and started at the recorded time (/proc/<pid>/stat)
//   other host tag    it cannot be asked, so it proves itself: a live run touches its staging folder and journal
//                     every second (heartbeat.ts); one untouched for staleAfterMs is dead
// The random part of a staging name keeps two runs apart even when all of the above are equal.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, readlinkSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { stagingPrefix } from "./names.js";

export interface RunOwner {
  host: string;
  pid: number;
  /** Start time of the process (clock ticks since boot, /proc/<pid>/stat); absent where it cannot be read. */
  started?: number;
}

/** How long a run on another host or in another PID namespace stays alive without touching its files. */
export const staleAfterMs = 10_000;

let hostTag: string | undefined;

/** 8 hex digits naming this host and PID namespace. */
export function thisHost(): string {
  if (hostTag !== undefined) return hostTag;
  let namespace = "";
  try {
    namespace = readlinkSync("/proc/self/ns/pid");
  } catch {
    // Not Linux: the host name alone.
  }
  return (hostTag = createHash("sha256").update(`${hostname()}\0${namespace}`).digest("hex").slice(0, 8));
}

/** The start time of process `pid` ("self" for this one); undefined if it cannot be read (gone, hidden, no /proc). */
function startTimeOf(pid: number | "self"): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "latin1");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields from the last ")". Field 22.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const started = Number(fields[19]);
  return Number.isSafeInteger(started) ? started : undefined;
}

let ownStart: number | undefined | null;

export function thisRun(): RunOwner {
  if (ownStart === undefined) ownStart = startTimeOf("self") ?? null;
  const owner: RunOwner = { host: thisHost(), pid: process.pid };
  if (ownStart !== null) owner.started = ownStart;
  return owner;
}

export function isThisProcess(owner: RunOwner): boolean {
  return owner.host === thisHost() && owner.pid === process.pid && owner.started === thisRun().started;
}

export function randomSuffix(): string {
  return randomBytes(6).toString("hex");
}

// <host>.<pid>.<start>.<random>; names of earlier versions have no start time.
const stagingNamePattern = /^\.statespec-staging-([0-9a-f]{8})\.(\d{1,10})\.(?:(\d{1,20})\.)?([0-9a-f]{12})$/;

export function stagingName(owner: RunOwner, random: string): string {
  const started = owner.started === undefined ? "" : `${owner.started}.`;
  return `${stagingPrefix}${owner.host}.${owner.pid}.${started}${random}`;
}

/** The run a staging folder's name says it belongs to; undefined for any other name (never statespec's). */
export function ownerOfStaging(name: string): RunOwner | undefined {
  const match = stagingNamePattern.exec(name);
  if (!match) return undefined;
  const owner: RunOwner = { host: match[1]!, pid: Number(match[2]) };
  if (match[3] !== undefined) owner.started = Number(match[3]);
  return owner;
}

/** `path`: the run's staging folder or journal, whose modification time is its heartbeat. */
export function isRunAlive(owner: RunOwner, path: string): boolean {
  if (owner.host !== thisHost()) return hasHeartbeat(path);
  if (isThisProcess(owner)) return true;
  const started = startTimeOf(owner.pid);
  if (started !== undefined && owner.started !== undefined) return started === owner.started;
  // No /proc here, a process /proc hides, or an owner written without a start time: the PID is all there is to ask.
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Touched within staleAfterMs, either way: a clock ahead on another host must not keep a dead run alive for long. */
function hasHeartbeat(path: string): boolean {
  try {
    return Math.abs(Date.now() - statSync(path).mtimeMs) < staleAfterMs;
  } catch {
    return false;
  }
}
