// `statespec generate`: the full pipeline, ending in the write stage (or a comparison with --check).
import { join } from "node:path";
import type { Config } from "./config.js";
import { templatesFolder } from "./package-root.js";
import { diagnostic, type Diagnostic } from "./diagnostics.js";
import type { GeneratedFile, OffloadedEmitter } from "./emit/index.js";
import { TemplateError as TemplateErrorType } from "./emit/template-error.js";
import { hashInputs } from "./inputs.js";
import type { Model } from "./model.js";
import { displayPath } from "./paths.js";
import { generatorFingerprint } from "./fingerprint.js";
import { generatorVersion } from "./version.js";
import type { ManifestKey } from "./write/manifest.js";
import { commitOutput, describePlan, hasPendingJournal, isUpToDate, matchesManifest, readPreviousManifest, recoverOutFolder, refuseUnsafeOut, scanOut, stageOutput, writeFailed, type OutputPlan } from "./write/write.js";
import { escapeForTerminal } from "./text-safety.js";

const workerSpecBytesLimit = 1024 * 1024;

export interface GenerateResult {
  diagnostics: Diagnostic[];
  plan?: OutputPlan;
}

export interface GenerateOptions {
  /** Compare only; write nothing. */
  check: boolean;
  /** Ignore the manifest and regenerate everything in memory, even when the inputs are unchanged. */
  full?: boolean;
}

/** Load, validate, resolve and emit; then write, or with `check` only compare. */
export async function generate(config: Config, options: GenerateOptions): Promise<GenerateResult> {
  const refused = refuseUnsafeOut(config, process.cwd());
  if (refused.length > 0) return { diagnostics: refused };
  // A run killed mid-commit is undone before anything else looks at out/ (--check only reports it).
  if (options.check && hasPendingJournal(config.out)) return { diagnostics: [writeFailed(config.out, "an interrupted run left it half-written; run statespec generate to restore it")] };
  const recovered = options.check ? { ok: true as const } : await recoverOutFolder(config.out);
  if (!recovered.ok) return { diagnostics: [writeFailed(config.out, recovered.reason)] };
  const inputs = await hashInputs(config);
  const key = { generator: generatorVersion, generatorHash: generatorFingerprint(), inputs: inputs.hash };
  if (!options.full) {
    // Same generator code, same inputs, and every file as last written: nothing to load, emit or write.
    const scan = scanOut(config.out);
    const previous = readPreviousManifest(config.out, scan);
    if (previous.kind === "manifest" && matchesManifest(config.out, scan, previous, key)) {
      const foreign = [...scan.entries.keys()].filter((path) => !previous.owned.has(path)).sort();
      return { diagnostics: [], plan: { outDir: config.out, writes: [], missing: [], stale: [], orphaned: [], foreign, unchanged: previous.owned.size } };
    }
  }
  // Start the TypeScript worker before loading specs, so ts-morph loads on the other core meanwhile. That pays
  // where loading ts-morph dominates, on specs of ordinary size; a large spec is emitted in this thread, so its
  // model is not held twice.
  const useWorker = config.artifacts.includes("typescript") && inputs.specBytes < workerSpecBytesLimit;
  const typescriptWorker = useWorker ? (await import("./emit/parallel.js")).startTypeScriptWorker() : undefined;
  try {
    return await buildAndWrite(config, options, key, typescriptWorker);
  } finally {
    // However the run ends (invalid spec, unknown vendor, a failed write), the thread must not outlive it: it
    // would keep the process from exiting, and `--watch` would gain one per run.
    await typescriptWorker?.stop();
  }
}

async function buildAndWrite(config: Config, options: GenerateOptions, key: ManifestKey, typescriptWorker: OffloadedEmitter | undefined): Promise<GenerateResult> {
  const { buildModel } = await import("./pipeline.js");
  const built = await buildModel(config.specs);
  if (!built.model) return { diagnostics: built.diagnostics };
  const selected = selectVendors(built.model, config.vendors);
  if ("error" in selected) return { diagnostics: [...built.diagnostics, selected.error] };
  const staged = await stageOutput(config.out, emitFiles(selected.model, config, typescriptWorker), key, options.check).catch((error: unknown) => {
    // Templates are the only emitter input not validated beforehand: a broken one is a user error.
    if (error instanceof TemplateErrorType) {
      const file = displayPath(join(templatesFolder(), error.template));
      return { diagnostics: [diagnostic("template-error", error.message, { file, line: error.line, column: 1 })], plan: undefined };
    }
    throw error;
  });
  if (!staged.plan) return { diagnostics: [...built.diagnostics, ...staged.diagnostics] };
  // Recovery again, right before the commit: waits for a concurrent run's commit to finish.
  const ready = options.check ? { ok: true as const } : await recoverOutFolder(config.out);
  const written = options.check ? [] : commitOutput(staged.plan, "guard" in staged ? staged.guard : undefined, ready.ok ? undefined : ready.reason);
  return { diagnostics: [...built.diagnostics, ...written], plan: written.length === 0 ? staged.plan : undefined };
}

async function* emitFiles(model: Model, config: Config, typescriptWorker: OffloadedEmitter | undefined): AsyncGenerator<GeneratedFile> {
  const { emitAll } = await import("./emit/index.js");
  const { loadTemplates } = await import("./load/templates.js");
  const templates = config.artifacts.includes("markdown") ? await loadTemplates(templatesFolder()) : {};
  const options = { enumStyle: config.enumStyle, schemaBaseUri: config.schemaBaseUri, templates };
  yield* emitAll(model, config.artifacts, options, typescriptWorker ? { typescript: typescriptWorker } : {});
}

function selectVendors(model: Model, vendorIds: readonly string[] | undefined): { model: Model } | { error: Diagnostic } {
  if (vendorIds === undefined) return { model };
  const unknown = vendorIds.filter((id) => !model.vendors.some((vendor) => vendor.id === id));
  if (unknown.length > 0) return { error: diagnostic("config-invalid", `unknown vendor(s) ${unknown.join(", ")}; the specs define ${model.vendors.map((vendor) => vendor.id).join(", ")}`, { file: "statespec.config.yaml" }) };
  return { model: { ...model, vendors: model.vendors.filter((vendor) => vendorIds.includes(vendor.id)) } };
}

export function summarize(plan: OutputPlan, check: boolean): string {
  const shown = escapeForTerminal(displayPath(plan.outDir));
  if (check) {
    if (isUpToDate(plan)) return `${shown} is up to date (${plan.unchanged} files)\n`;
    const stale = plan.writes.length > 0 || plan.orphaned.length > 0 ? `${shown} is out of date: run statespec generate\n` : "";
    const foreign = plan.foreign.length > 0 ? `${shown} holds ${plan.foreign.length} file(s) statespec did not write: move them elsewhere (generate never touches them)\n` : "";
    return `${describePlan(plan)}\n${stale}${foreign}`;
  }
  const left = plan.foreign.length > 0 ? `; left ${plan.foreign.length} file(s) statespec did not write (generate --check names them)` : "";
  return `wrote ${plan.writes.length} file(s), ${plan.unchanged} unchanged, removed ${plan.orphaned.length} in ${shown}${left}\n`;
}
