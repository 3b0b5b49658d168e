// A run proves it is alive to runs that cannot see its process (another host, another PID namespace: owner.ts) by
// touching its staging folder, and its journal while it commits, at least every second. A timer does it while the
// run works; the commit is synchronous (no timer fires in it), so it calls beat() between its renames.
import { utimesSync } from "node:fs";
import { join } from "node:path";
import type { SignalGuard } from "./interrupt.js";

const everyMs = 1000;

/** `guard`, beating from now on for the staging folder; its release stops the heartbeat. */
export function withHeartbeat(guard: SignalGuard, stagingDir: string): SignalGuard {
  let last = Date.now();
  const touch = () => {
    last = Date.now();
    const now = new Date(last);
    // The journal is a hard link of this file (commit.ts): touching one touches both.
    for (const path of [stagingDir, join(stagingDir, "journal.json")]) {
      try {
        utimesSync(path, now, now);
      } catch {
        // Not there (yet, or any more): nothing to keep alive.
      }
    }
  };
  // Unreferenced: the heartbeat never keeps a finished process running.
  const timer = setInterval(touch, everyMs).unref();
  return {
    get signal() {
      return guard.signal;
    },
    // Touches now if a second has passed since the last touch: for synchronous work.
    beat() {
      if (Date.now() - last >= everyMs) touch();
    },
    release() {
      clearInterval(timer);
      guard.release();
    },
  };
}
