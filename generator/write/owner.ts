// Which run a staging folder or journal belongs to, and whether that run is still alive. PIDs alone are not
// enough (containers sharing out/ reuse them), so the owner is also tagged with the host and its PID namespace;
// the random part of a staging name keeps two runs apart even when both of those are equal.
import { createHash, randomBytes } from "node:crypto";
import { readlinkSync, statSync } from "node:fs";
import { hostname } from "node:os";

export interface RunOwner {
  host: string;
  pid: number;
}

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

export function thisRun(): RunOwner {
  return { host: thisHost(), pid: process.pid };
}

export function randomSuffix(): string {
  return randomBytes(6).toString("hex");
}

/** A run on another host (or PID namespace) cannot be asked; it counts as alive for a day, then as abandoned. */
const foreignHostGraceMs = 24 * 60 * 60 * 1000;

export function isRunAlive(owner: RunOwner, path: string): boolean {
  if (owner.host !== thisHost()) {
    try {
      return Date.now() - statSync(path).mtimeMs < foreignHostGraceMs;
    } catch {
      return false;
    }
  }
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
