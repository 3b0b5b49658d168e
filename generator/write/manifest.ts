// out/.statespec-manifest.json: what statespec wrote into out/ and what it was generated from. It is the record of
// ownership (only the files it lists may be replaced or removed) and the key of the no-op run.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isSafeOutPath, manifestName } from "./names.js";
import type { OutScan } from "./scan.js";

export { isReservedName, isSafeOutPath, journalName, manifestName, stagingPrefix } from "./names.js";

export interface Manifest {
  $comment: string;
  generator: string;
  /** Hash of the generator's own code (see compile/fingerprint.ts): a changed generator never trusts an old out/. */
  generatorHash?: string;
  /** Hash of the specs, templates and settings. */
  inputs: string;
  files: Record<string, string>;
}

export interface ManifestKey {
  generator: string;
  generatorHash: string;
  inputs: string;
}

export function contentHash(contents: string | Uint8Array): string {
  // The first 8 bytes as hex: a string of its own, not a slice that keeps the whole digest (one per file listed).
  return createHash("sha256").update(contents).digest().toString("hex", 0, 8);
}

export type PreviousManifest =
  { kind: "none" } | { kind: "foreign"; reason: string } | { kind: "manifest"; manifest: Manifest; owned: Set<string> };

/** The manifest out/ holds now. Files it lists (with safe paths) count as statespec's, from any earlier version. */
export function readPreviousManifest(outDir: string, scan: OutScan): PreviousManifest {
  const entry = scan.entries.get(manifestName);
  if (entry === undefined) return { kind: "none" };
  if (entry !== "file") return { kind: "foreign", reason: `is a ${entry}, not a statespec manifest` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(outDir, manifestName), "utf8"));
  } catch {
    return { kind: "foreign", reason: "is not a statespec manifest (not JSON)" };
  }
  const manifest = parsed as Manifest;
  if (
    typeof manifest !== "object" ||
    manifest === null ||
    typeof manifest.files !== "object" ||
    manifest.files === null ||
    typeof manifest.generator !== "string"
  ) {
    return { kind: "foreign", reason: "is not a statespec manifest" };
  }
  const owned = new Set(Object.keys(manifest.files).filter((path) => isSafeOutPath(path) && path !== manifestName));
  owned.add(manifestName);
  return { kind: "manifest", manifest, owned };
}

/** True when the manifest was made from the same generator and inputs, and every file it lists is intact. */
export function matchesManifest(outDir: string, scan: OutScan, previous: PreviousManifest, key: ManifestKey): boolean {
  if (previous.kind !== "manifest") return false;
  const { manifest } = previous;
  if (
    manifest.generator !== key.generator ||
    manifest.generatorHash !== key.generatorHash ||
    manifest.inputs !== key.inputs
  )
    return false;
  for (const [path, hash] of Object.entries(manifest.files)) {
    if (!isSafeOutPath(path) || scan.entries.get(path) !== "file") return false;
    // The bytes, not decoded text: the same hash for a file written from that text (UTF-8), one step less per file.
    if (contentHash(readFileSync(join(outDir, path))) !== hash) return false;
  }
  return true;
}
