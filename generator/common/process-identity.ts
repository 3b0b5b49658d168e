// Which process this is, and whether another one still runs, in words that survive containers and PID reuse: a PID
// means nothing outside its PID namespace (every container has a process 1), and PIDs are reused, so a process is
// named by its host and PID namespace, its PID and its start time: <host>.<pid>.<start>.
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { attempt } from "./file-system.js";
import { sha256 } from "./hash.js";

/** Clock ticks since boot (undefined where /proc cannot tell): field 22 of /proc/<pid>/stat, counted from the last
 * ")" (the command name, field 2, may hold spaces and parentheses). */
function startTime(pid: number | "self"): number | undefined {
  const stat = attempt(() => readFileSync(`/proc/${pid}/stat`, "latin1")).value ?? "";
  const started = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  return Number.isSafeInteger(started) ? started : undefined;
}

/** This host and PID namespace (the host name alone without /proc), hashed: no machine name in a process's name. */
function thisHost(): string {
  const namespace = attempt(() => readlinkSync("/proc/self/ns/pid")).value ?? "";
  return sha256().update(`${hostname()}\0${namespace}`).digest("hex").slice(0, 8);
}

/** This process's name; without the start time where /proc cannot tell it (as in names earlier versions made). */
export const processName = () =>
  [thisHost(), process.pid, startTime("self")].filter((part) => part !== undefined).join(".");

const namePattern = /^([0-9a-f]{8})\.(\d{1,10})(?:\.(\d{1,20}))?$/;

/** The process `name` names (undefined: no processName()): its PID, whether it is of this host and PID namespace,
 * and, to ask of one that is, whether it still runs. */
export function namedProcess(name: string) {
  const [, host, pid, started] = namePattern.exec(name) ?? [];
  if (pid === undefined) return undefined;
  const running = () => {
    const now = startTime(Number(pid));
    if (now !== undefined && started !== undefined) return now === Number(started);
    // No /proc, a process /proc hides, or a name without a start time: the PID is all there is to ask.
    return [undefined, "EPERM"].includes(attempt(() => process.kill(Number(pid), 0)).code);
  };
  return { pid: Number(pid), here: host === thisHost(), running };
}
