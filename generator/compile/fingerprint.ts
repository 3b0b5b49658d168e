// The generator's own content, as a hash: part of the manifest's key, so output written by other generator code
// is never trusted as current (a version string does not change when the code does). Two parts:
//   the sources   the TypeScript sources and JSON files of generator/, with LF line endings: the same for every
//                 build of them and for a run from the sources (vitest), so all of them key the same out/ alike
//   what runs     the files of dist/ that a run executes (the bundles, the modules they load, the precompiled
//                 validators and templates), listed and hashed by the build (generator/build/fingerprint.mjs) and
//                 hashed again by every run: an installed dist/ patched since its build (patch-package) no longer
//                 matches, and then the key is a hash of what runs instead, so no out/ it did not write is current.
// Both are recorded in dist/generator/fingerprint.json. Rehashing what runs is the no-op run's one cost that grows
// with the generator: about 0.7 MB in a few dozen files, read once each, with node:crypto.
import { sha256 } from "../common/hash.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generatorFolder, runningFromSources } from "../common/package-root.js";

export const fingerprintFile = "fingerprint.json";

/** Hash of every .ts and .json file under `folder`, by relative path, in a stable order. */
export function hashGeneratorSources(folder: string): string {
  const hash = sha256();
  const paths = (readdirSync(folder, { recursive: true, encoding: "utf8" }) as string[])
    .map((path) => path.split("\\").join("/"))
    .filter((path) => /\.(ts|json)$/.test(path) && !path.endsWith(".d.ts") && path !== fingerprintFile)
    .sort();
  for (const path of paths)
    hash.update(`\0${path}\0`).update(readFileSync(join(folder, path), "utf8").replace(/\r\n/g, "\n"));
  return hash.digest("hex").slice(0, 16);
}

/** Hash of the files `files` (relative to `folder`, in the order given) as they are now, names included. */
export function hashRunningFiles(folder: string, files: readonly string[]): string {
  const hash = sha256();
  for (const path of files) {
    hash.update(`\0${path}\0`);
    try {
      hash.update(readFileSync(join(folder, path)));
    } catch (error) {
      // A listed file that is gone is a change like any other.
      hash.update(`\0unreadable:${(error as NodeJS.ErrnoException).code}\0`);
    }
  }
  return hash.digest("hex").slice(0, 16);
}

interface Recorded {
  generator: string;
  runs: { files: string[]; hash: string };
}

function isRecorded(value: unknown): value is Recorded {
  const { generator, runs } = (value ?? {}) as Partial<Recorded>;
  if (typeof generator !== "string" || typeof runs?.hash !== "string" || !Array.isArray(runs.files)) return false;
  return runs.files.every((path) => typeof path === "string");
}

let cached: string | undefined;
let read: string[] | undefined;

/** The files generatorFingerprint read to find it as built (the record and what runs); undefined otherwise. */
export const fingerprintReads = (): readonly string[] | undefined => read;

export function generatorFingerprint(): string {
  if (cached !== undefined) return cached;
  const here = generatorFolder();
  if (runningFromSources) return (cached = hashGeneratorSources(here));
  let recorded: unknown;
  try {
    recorded = JSON.parse(readFileSync(join(here, fingerprintFile), "utf8"));
  } catch {
    // Compiled without `npm run build` (tsc alone): hash what runs, the compiled files.
    return (cached = hashCompiled(here));
  }
  if (!isRecorded(recorded)) return (cached = hashCompiled(here));
  const runs = hashRunningFiles(here, recorded.runs.files);
  if (runs === recorded.runs.hash) {
    read = [fingerprintFile, ...recorded.runs.files].map((path) => join(here, path));
    return (cached = recorded.generator);
  }
  // Not as built: keyed on both, so that every patch of it keys out/ apart.
  const both = sha256().update(`${recorded.generator}\0${runs}`).digest("hex");
  return (cached = `patched-${both.slice(0, 8)}`);
}

function hashCompiled(folder: string): string {
  const hash = sha256();
  for (const path of (readdirSync(folder, { recursive: true, encoding: "utf8" }) as string[])
    .filter((path) => path.endsWith(".js") || path.endsWith(".json"))
    .sort()) {
    hash.update(`\0${path}\0`).update(readFileSync(join(folder, path)));
  }
  return `js-${hash.digest("hex").slice(0, 13)}`;
}
