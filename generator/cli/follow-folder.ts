// Watching one input folder by its path, not by the folder that happens to be there: `--watch` must keep seeing a
// spec folder that is deleted and recreated, renamed away and replaced, or that does not exist yet.
import { statSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, relative, sep } from "node:path";

/** A folder whose entries, some of them, are inputs of a run. */
export interface WatchedInput {
  folder: string;
  /** Whether an entry of that name directly in `folder` is an input (a spec file, a template, the config). */
  isInput: (name: string) => boolean;
}

export interface FollowedFolder {
  close(): void;
  /**
   * Arms the folder again if a watcher failed: called by the owner at its next run, rather than at once from the
   * error, where a watcher that cannot be armed would spin.
   */
  retryIfFailed(): void;
}

/** `folder` itself when it is a folder, else its nearest ancestor that is one: what can be watched now. */
function nearestFolder(folder: string): string {
  let path = folder;
  for (;;) {
    try {
      if (statSync(path).isDirectory()) return path;
    } catch {
      // Missing or unreadable: look one level up.
    }
    const parent = dirname(path);
    if (parent === path) return path;
    path = parent;
  }
}

/**
 * Calls `changed` when an input in `input.folder` changes, and when the folder itself appears, goes or is replaced.
 * Two non-recursive watchers do it: one on the folder, or on its nearest existing ancestor while it is missing, and
 * one on that folder's parent. inotify reports the watched folder's own deletion or move as an event named after
 * it (Node 20-24), and the parent reports a folder created, removed or renamed in under the watched name; on any
 * such event both are armed again from the path. Events for every other name (a log beside the config, out/,
 * a sub-folder) are ignored: they are not inputs. Recursive watching is not used: spec files are read from the
 * folder itself only, and Node's recursive watcher stops for good when its folder is deleted.
 */
export function followFolder(input: WatchedInput, changed: () => void): FollowedFolder {
  let watchers: FSWatcher[] = [];
  let closed = false;
  let failed = false;
  // Whether the previous arming ended in a watcher error too: then another error asks for no run, or a watcher
  // that fails every time it is armed would start runs forever.
  let failedBefore = false;

  const closeWatchers = () => {
    for (const watcher of watchers) watcher.close();
    watchers = [];
  };
  const rearm = () => {
    arm();
    // The folder may hold new inputs (a folder renamed in comes with its files), or be gone: a run tells.
    changed();
  };
  const add = (folder: string, onEvent: (name: string | null) => void): boolean => {
    try {
      const watcher = watch(folder, { persistent: true }, (_event, name) => {
        if (!closed) onEvent(name === null ? null : String(name));
      });
      watcher.on("error", () => {
        if (failed) return;
        failed = true;
        if (!failedBefore) changed();
      });
      watchers.push(watcher);
      return true;
    } catch {
      return false;
    }
  };
  const arm = () => {
    closeWatchers();
    failedBefore = failed;
    failed = false;
    if (closed) return;
    // A folder found here may vanish before it is watched: look again a few times, then wait for the next run.
    for (let attempt = 0; attempt < 5; attempt++) {
      const anchor = nearestFolder(input.folder);
      const complete = anchor === input.folder;
      // The next name on the way down to a missing folder: when it appears, the watch moves one level closer.
      const next = complete ? undefined : relative(anchor, input.folder).split(sep)[0];
      const own = basename(anchor);
      const watched = add(anchor, (name) => {
        // Without a name (not seen on Linux) the event could be anything: treat it as a change of the folder.
        if (name === null || name === next || name === own) return rearm();
        if (complete && input.isInput(name)) changed();
      });
      if (!watched) continue;
      const parent = dirname(anchor);
      if (parent !== anchor) add(parent, (name) => (name === null || name === own ? rearm() : undefined));
      return;
    }
    failed = true;
  };

  arm();
  return {
    close() {
      closed = true;
      closeWatchers();
    },
    retryIfFailed() {
      if (failed) arm();
    },
  };
}
