// What `validate` prints of a model, recorded for the inputs it was built from, so that a `validate` of unchanged
// inputs skips the load, validate and resolve stages (on Node 24 about three quarters of its time: YAML parsing,
// schema checks, resolve and the garbage they make). Keyed like out/'s manifest (write/manifest.ts): the
// generator's version and code (compile/fingerprint.ts) and the inputs' hash (compile/inputs.ts: spec files by name
// and bytes, templates, settings), and also the spec folders, the working folder and the shipped specs' folder,
// which the diagnostics' paths depend on. Kept in statespec's cache (config/user-cache.ts); an entry missing or of
// the wrong shape is built again. Diagnostics are recorded as built, before the warning filter and the config's
// vendor check, which the command applies to a recorded summary as to a built one.
import { sha256 } from "../common/hash.js";
import { diagnosticCodes, type Diagnostic } from "../common/diagnostics.js";
import { shippedSpecFolder } from "../common/package-root.js";
import { generatorVersion } from "../common/version.js";
import type { Config } from "../config/config.js";
import { readCacheEntry, writeCacheEntry } from "../common/user-cache.js";
import { buildModel } from "./compile.js";
import { generatorFingerprint } from "./fingerprint.js";
import { hashInputs } from "./inputs.js";

const kind = "validate";
// Diagnostics of a spec with thousands of problems: larger entries are built again.
const maxEntryBytes = 16 * 1024 * 1024;

export interface ModelSummary {
  diagnostics: Diagnostic[];
  /** The model's documents and vendors; absent when a stage reported an error (no model). */
  documents?: number;
  vendors?: string[];
}

/** The summary of the model the config's specs make, recorded for the same inputs or built (and recorded). */
export async function modelSummary(config: Config): Promise<ModelSummary> {
  const inputs = await hashInputs(config);
  const name = sha256()
    .update(
      JSON.stringify([
        generatorVersion,
        generatorFingerprint(),
        inputs.hash,
        config.specs,
        process.cwd(),
        shippedSpecFolder(),
      ]),
    )
    .digest("hex")
    .slice(0, 40);
  const recorded = readCacheEntry(kind, name, maxEntryBytes);
  if (isSummary(recorded)) return recorded;
  const built = await buildModel(config.specs);
  const summary: ModelSummary = {
    diagnostics: built.diagnostics,
    ...(built.model && {
      documents: built.model.documents.length,
      vendors: built.model.vendors.map((vendor) => vendor.id),
    }),
  };
  writeCacheEntry(kind, name, summary, { prune: true });
  return summary;
}

function isSummary(value: unknown): value is ModelSummary {
  const { diagnostics, documents, vendors } = (value ?? {}) as Partial<ModelSummary>;
  if (!Array.isArray(diagnostics) || !diagnostics.every(isDiagnostic)) return false;
  if (documents === undefined && vendors === undefined) return true;
  return typeof documents === "number" && Array.isArray(vendors) && vendors.every((id) => typeof id === "string");
}

function isDiagnostic(value: unknown): value is Diagnostic {
  const { code, severity, message, file, line, column } = (value ?? {}) as Partial<Diagnostic>;
  return (
    typeof code === "string" &&
    Object.hasOwn(diagnosticCodes, code) &&
    severity === diagnosticCodes[code] &&
    typeof message === "string" &&
    typeof file === "string" &&
    (line === undefined || typeof line === "number") &&
    (column === undefined || typeof column === "number")
  );
}
