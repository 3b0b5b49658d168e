// SIGINT, SIGTERM and SIGHUP while out/ is being written. Before the commit, the staging folder is removed and the
// process exits; the commit itself is synchronous, so a signal that arrives during it is handled once it has
// finished (out/ is then complete), after the staging folder is cleaned up. SIGKILL cannot be caught: the journal
// (journal.ts) covers it. When another part of the program also listens for the signal (--watch), this run is
// only abandoned and that listener decides whether the process ends.
import { isMainThread } from "node:worker_threads";
import { constants } from "node:os";

const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export interface SignalGuard {
  /** The signal that abandoned this run, if one did. */
  readonly signal: NodeJS.Signals | undefined;
  /** Keeps the run's heartbeat fresh during synchronous work (heartbeat.ts); absent where nothing is staged. */
  beat?(): void;
  release(): void;
}

/** `cleanUp` must be synchronous: the process may exit right after it. */
export function guardSignals(cleanUp: () => void): SignalGuard {
  // Signals reach only the main thread; a run in a worker is covered by the journal and the next run's clean-up.
  // (Its release must not reach `stop`: onSignal below is never initialized there, and the worker would throw.)
  if (!isMainThread) return { signal: undefined, release() {} };
  const guard = { signal: undefined as NodeJS.Signals | undefined, release };
  const onSignal = (signal: NodeJS.Signals) => {
    guard.signal = signal;
    cleanUp();
    stop();
    if (process.listenerCount(signal) === 0) process.exit(128 + constants.signals[signal]);
  };
  for (const signal of signals) process.on(signal, onSignal);
  function release() {
    // A signal that arrived during the synchronous commit is dispatched by the event loop's next poll phase; a
    // listener removed before that would drop it, and the run would exit 0. Two check-phase hops outlast it.
    setImmediate(() => setImmediate(() => stop()));
  }
  function stop() {
    for (const signal of signals) process.off(signal, onSignal);
  }
  return guard;
}
