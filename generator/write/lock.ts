// The lock on out/, and who holds it. The lock is the journal, out/.statespec-journal.json, made with link(2), which
// fails when it exists: it exists exactly while a commit moves files, and names them, so the next run can undo a
// commit a killed run left half-done (recover.ts). A run is named in its staging folder's name by its process
// (common/process-identity.ts). One of this host and PID namespace is alive while that process is; one elsewhere
// cannot be asked, so it touches its staging folder every second (staging.ts) and is dead 10 s after the last touch.
import { linkSync, lstatSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { attempt } from "../common/file-system.js";
import { randomHex } from "../common/hash.js";
import { namedProcess, processName } from "../common/process-identity.js";
import { readJsonFile } from "../common/read-file.js";

export const journalName = ".statespec-journal.json";
export const stagingPrefix = ".statespec-staging-";

/** What a commit moves: new/<path> in the staging folder holds each file to move in, old/<path> each moved aside;
 * createdFolders, shallowest first, are the folders the commit makes in out/ (a rollback removes them). */
export type Moves = { staging: string } & Record<"writes" | "removes" | "createdFolders", string[]>;

/** A path a manifest or journal may name: a forged one never points outside out/, nor at the journal or staging. */
export function isSafeOutPath(path: unknown): path is string {
  if (typeof path !== "string" || path.includes("\\") || path.includes("\0")) return false;
  const parts = path.split("/");
  if (parts.some((part) => part === "" || part === "." || part === "..")) return false;
  return parts[0] !== journalName && !parts[0]!.startsWith(stagingPrefix);
}

// <process>.<random> (processName()): the random part keeps two runs apart even when all else is equal.
const stagingPattern = /^\.statespec-staging-([0-9a-f.]+)\.[0-9a-f]{12}$/;

export const newStagingName = () => `${stagingPrefix}${processName()}.${randomHex(6)}`;

/** The run whose staging folder a top-level name in out/ is (undefined: none), and whether it lives (this one does). */
export function stagingRun(outDir: string, name: unknown) {
  const run = namedProcess((typeof name === "string" && stagingPattern.exec(name)?.[1]) || "");
  if (!run) return undefined;
  // Another host's run, by its heartbeat; either way: a clock ahead there must not keep a dead run alive for long.
  const touched = () => statSync(join(outDir, name as string), { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
  return { ...run, live: run.here ? run.running() : Math.abs(Date.now() - touched()) < 10_000 };
}

/** The journal in out/ and its holder; "foreign" when statespec did not write it, or it is no file (a link is never
 * followed). `live`: another process's run still holds it (a commit is synchronous: this process's never does). */
export function readJournal(outDir: string): { moves: Moves; live: boolean; holder: string } | "absent" | "foreign" {
  const path = join(outDir, journalName);
  const found = attempt(() => lstatSync(path));
  // No such file, or out/ is no folder at all.
  if (found.code === "ENOENT" || found.code === "ENOTDIR") return "absent";
  const moves = (found.value?.isFile() ? readJsonFile(path) : undefined) as (Moves & { version?: unknown }) | undefined;
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
