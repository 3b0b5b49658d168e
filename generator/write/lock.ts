// The lock on out/, and who holds it. The lock is the journal, out/.statespec-journal.json: it exists exactly while
// a commit moves files, names them (so the next run can undo a commit a killed run left half-done: recover.ts),
// and is made with link(2), which fails when it exists. A run is named in its staging folder's name by its host and
// PID namespace (a PID means nothing outside its namespace: every container has a process 1), its PID and its start
// time (PIDs are reused). A run of this host and namespace is alive while that process is; one elsewhere cannot be
// asked, so it touches its staging folder every second (staging.ts) and is dead 10 s after the last touch.
import { randomHex, sha256 } from "../common/hash.js";
import { linkSync, lstatSync, readFileSync, readlinkSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { maxSpecFileBytes, readRegularFile } from "../common/read-file.js";
import { join } from "node:path";

export const journalName = ".statespec-journal.json";
export const stagingPrefix = ".statespec-staging-";

/** What a commit moves: new/<path> in the staging folder holds each file to move in, old/<path> each moved aside;
 * createdFolders, shallowest first, are the folders the commit makes in out/ (a rollback removes them). */
export type Moves = { staging: string } & Record<"writes" | "removes" | "createdFolders", string[]>;

/** Runs `step`: its value, or the code of the error it threw. */
export function attempt<T>(step: () => T): { value?: T; code?: string } {
  try {
    return { value: step() };
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code ?? "error" };
  }
}

/** The JSON of a manifest or journal, or undefined: read as any untrusted file is (read-file.ts: a regular file only,
 * never a FIFO's or a device's endless read, and within a bound). */
export function readJson(path: string): unknown {
  const read = attempt(() => readRegularFile(path, maxSpecFileBytes)).value;
  return read && "bytes" in read ? attempt(() => JSON.parse(read.bytes.toString("utf8"))).value : undefined;
}

/** A path a manifest or journal may name: relative, "/"-separated, no empty, "." or ".." segment, and none of the
 * working names: a forged one can never point outside out/. */
export function isSafeOutPath(path: unknown): path is string {
  if (typeof path !== "string" || path.includes("\\") || path.includes("\0")) return false;
  const parts = path.split("/");
  if (parts.some((part) => part === "" || part === "." || part === "..")) return false;
  return parts[0] !== journalName && !parts[0]!.startsWith(stagingPrefix);
}

/** Clock ticks since boot (undefined where /proc cannot tell): field 22 of /proc/<pid>/stat, counted from the last
 * ")" (the command name, field 2, may hold spaces and parentheses). */
function startTime(pid: number | "self"): number | undefined {
  const stat = attempt(() => readFileSync(`/proc/${pid}/stat`, "latin1")).value ?? "";
  const started = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  return Number.isSafeInteger(started) ? started : undefined;
}

/** This host and PID namespace (the host name alone without /proc), hashed: no machine name in out/. */
function thisHost(): string {
  const namespace = attempt(() => readlinkSync("/proc/self/ns/pid")).value ?? "";
  return sha256().update(`${hostname()}\0${namespace}`).digest("hex").slice(0, 8);
}

// <host>.<pid>.<start>.<random>: the random part keeps two runs apart even when all else is equal. A run that /proc
// cannot tell the start time of (and earlier versions) names none.
const stagingPattern = /^\.statespec-staging-([0-9a-f]{8})\.(\d{1,10})\.(?:(\d{1,20})\.)?[0-9a-f]{12}$/;

export const newStagingName = () =>
  stagingPrefix +
  [thisHost(), process.pid, startTime("self"), randomHex(6)].filter((part) => part !== undefined).join(".");

/** The run a top-level name in out/ is the staging folder of (undefined: no name statespec makes), and whether it
 * lives (this one does). */
export function stagingRun(outDir: string, name: unknown) {
  const [, runHost, pid, started] = (typeof name === "string" && stagingPattern.exec(name)) || [];
  if (pid === undefined) return undefined;
  const here = runHost === thisHost();
  const now = here ? startTime(Number(pid)) : undefined;
  let live: boolean;
  if (!here) {
    // Either way: a clock ahead on another host must not keep a dead run alive for long.
    const touched = statSync(join(outDir, name as string), { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
    live = Math.abs(Date.now() - touched) < 10_000;
  } else if (now !== undefined && started !== undefined) live = now === Number(started);
  // No /proc, a process /proc hides, or a run named without a start time: the PID is all there is to ask.
  else live = [undefined, "EPERM"].includes(attempt(() => process.kill(Number(pid), 0)).code);
  return { pid: Number(pid), here, live };
}

/** The journal in out/ and its holder; "foreign" when statespec did not write it. `live`: another process's run
 * still holds it (a commit is synchronous: this process's never does). */
export function readJournal(outDir: string): { moves: Moves; live: boolean; holder: string } | "absent" | "foreign" {
  const path = join(outDir, journalName);
  const found = attempt(() => lstatSync(path));
  // No such file, or out/ is no folder at all.
  if (found.code === "ENOENT" || found.code === "ENOTDIR") return "absent";
  // A link is never followed.
  const moves = (found.value?.isFile() ? readJson(path) : undefined) as (Moves & { version?: unknown }) | undefined;
  const run = stagingRun(outDir, moves?.staging);
  // Never trusted blindly: it decides what is renamed and deleted.
  const lists = [moves?.writes, moves?.removes, moves?.createdFolders];
  if (moves?.version !== 1 || !run || !lists.every((list) => Array.isArray(list) && list.every(isSafeOutPath)))
    return "foreign";
  const holder = `process ${run.pid}${run.here ? "" : " of another host or PID namespace"}`;
  // Of this host and PID namespace and this PID: this process, or a dead one whose PID it reuses.
  return { moves, live: run.live && !(run.here && run.pid === process.pid), holder };
}

/** Takes the lock: the journal, written in the staging folder, linked into out/. Undefined, or why not. */
export function lock(outDir: string, moves: Moves): string | undefined {
  const written = join(outDir, moves.staging, "journal.json");
  // The owner is for people (and tests) to read; runs know it by the staging folder's name.
  const { code } = attempt(() => {
    writeFileSync(written, `${JSON.stringify({ version: 1, owner: { pid: process.pid }, ...moves })}\n`);
    linkSync(written, join(outDir, journalName));
  });
  return code === "EEXIST" ? "another statespec run started writing it at the same time; run again" : code;
}

export const unlock = (outDir: string) => unlinkSync(join(outDir, journalName));
