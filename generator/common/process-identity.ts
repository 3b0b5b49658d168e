// Which process this is, and whether another one still runs, in words that survive containers and PID reuse: a PID
// means nothing outside its PID namespace (every container has a process 1), and PIDs are reused, so a process is
// named by its host and PID namespace, its PID and its start time.
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { attempt } from "./file-system.js";
import { sha256 } from "./hash.js";

/** Clock ticks since boot (undefined where /proc cannot tell): field 22 of /proc/<pid>/stat, counted from the last
 * ")" (the command name, field 2, may hold spaces and parentheses). */
export function startTime(pid: number | "self"): number | undefined {
  const stat = attempt(() => readFileSync(`/proc/${pid}/stat`, "latin1")).value ?? "";
  const started = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  return Number.isSafeInteger(started) ? started : undefined;
}

/** This host and PID namespace (the host name alone without /proc), hashed: no machine name in what names it. */
export function thisHost(): string {
  const namespace = attempt(() => readlinkSync("/proc/self/ns/pid")).value ?? "";
  return sha256().update(`${hostname()}\0${namespace}`).digest("hex").slice(0, 8);
}

/** Whether the process `pid` of this host and PID namespace that started at `started` (startTime) still runs. */
export function isRunning(pid: number, started: number | undefined): boolean {
  const now = startTime(pid);
  if (now !== undefined && started !== undefined) return now === started;
  // No /proc, a process /proc hides, or no start time to compare: the PID is all there is to ask.
  return [undefined, "EPERM"].includes(attempt(() => process.kill(pid, 0)).code);
}
