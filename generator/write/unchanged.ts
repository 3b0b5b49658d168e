// The no-op run, behind one function: same generator code, same inputs, and every file in out/ as the manifest
// says it was last written. Then nothing needs to be loaded, emitted or written, and the plan says so.
import { matchesManifest, readPreviousManifest, type ManifestKey } from "./manifest.js";
import { scanOut } from "./scan.js";
import type { OutputPlan } from "./staging.js";

/** The plan of a run that would change nothing, or undefined when out/ may differ from what a run writes. */
export function unchangedOutput(outDir: string, key: ManifestKey): OutputPlan | undefined {
  const scan = scanOut(outDir);
  const previous = readPreviousManifest(outDir, scan);
  if (previous.kind !== "manifest" || !matchesManifest(outDir, scan, previous, key)) return undefined;
  const foreign = [...scan.entries.keys()].filter((path) => !previous.owned.has(path)).sort();
  const { leftovers } = scan;
  const unchanged = previous.owned.size;
  return { outDir, writes: [], missing: [], stale: [], orphaned: [], foreign, leftovers, unchanged };
}
