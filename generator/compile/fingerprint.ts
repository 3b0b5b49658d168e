// The generator's own content, as a hash: part of the manifest's key, so output written by other generator code
// is never trusted as current (a version string does not change when the code does). It is the hash of the
// TypeScript sources and JSON files of generator/, with LF line endings, so a build (dist/, where `npm run build`
// stores it in fingerprint.json, generator/build/fingerprint.mjs) and a run from the sources (vitest) key the same out/ alike.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generatorFolder, runningFromSources } from "../common/package-root.js";

export const fingerprintFile = "fingerprint.json";

/** Hash of every .ts and .json file under `folder`, by relative path, in a stable order. */
export function hashGeneratorSources(folder: string): string {
  const hash = createHash("sha256");
  const paths = (readdirSync(folder, { recursive: true, encoding: "utf8" }) as string[])
    .map((path) => path.split("\\").join("/"))
    .filter((path) => /\.(ts|json)$/.test(path) && !path.endsWith(".d.ts") && path !== fingerprintFile)
    .sort();
  for (const path of paths) hash.update(`\0${path}\0`).update(readFileSync(join(folder, path), "utf8").replace(/\r\n/g, "\n"));
  return hash.digest("hex").slice(0, 16);
}

let cached: string | undefined;

export function generatorFingerprint(): string {
  if (cached !== undefined) return cached;
  const here = generatorFolder();
  if (runningFromSources) return (cached = hashGeneratorSources(here));
  try {
    return (cached = (JSON.parse(readFileSync(join(here, fingerprintFile), "utf8")) as { generator: string }).generator);
  } catch {
    // Compiled without `npm run build` (tsc alone): hash what runs, the compiled files.
    return (cached = hashCompiled(here));
  }
}

function hashCompiled(folder: string): string {
  const hash = createHash("sha256");
  for (const path of (readdirSync(folder, { recursive: true, encoding: "utf8" }) as string[]).filter((path) => path.endsWith(".js") || path.endsWith(".json")).sort()) {
    hash.update(`\0${path}\0`).update(readFileSync(join(folder, path)));
  }
  return `js-${hash.digest("hex").slice(0, 13)}`;
}
