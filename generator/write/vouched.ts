// Whose word out/'s manifest is. The manifest is committed with out/, by whoever committed it: a pull request can set
// its `inputs` hash to match changed specs and leave the generated files as they were. Trusted as it stands, the
// no-op seam (plan.ts, unchanged()) would then find out/ current, and `generate --check`, the gate, would pass stale
// output. So a manifest is trusted only where this user's statespec vouched for it: a run that wrote out/, or
// compared every file of it with what it generates, records the manifest's hash in statespec's cache (the running
// user's own, common/user-cache.ts). A manifest no run here made or checked is checked the long way: in CI, a fresh
// machine, the first `generate --check` of a clone compiles and compares.
import { sha256 } from "../common/hash.js";
import { readCacheEntry, writeCacheEntry } from "../common/user-cache.js";

const kind = "vouched";

const nameOf = (manifest: string | Uint8Array) => sha256().update(manifest).digest("hex");

/** Whether a run of this user's statespec wrote or checked out/ with exactly this manifest; marks the record used. */
export const vouched = (manifest: Uint8Array): boolean => readCacheEntry(kind, nameOf(manifest), 64) !== undefined;

/** Records that out/ is what this manifest describes: this run wrote it so, or compared every file and found it so.
 * One small entry per manifest, pruned like every record named by a hash (the ones used last are kept). */
export const vouch = (manifest: string): void => writeCacheEntry(kind, nameOf(manifest), {}, { prune: true });
