// The whole program in order: load -> validate -> resolve -> emit -> write. `compile` is what `generate` runs
// (also with --check and --watch); `buildModel`, its first three stages, is what validate, export, check and diff
// run. The stages' modules load on first use: a no-op run reads the manifest and stops, without yaml, ajv,
// handlebars or ts-morph.
import { hasErrors, sortDiagnostics, type Diagnostic } from "../common/diagnostics.js";
import { templatesFolder } from "../common/package-root.js";
import { displayPath } from "../common/paths.js";
import { generatorVersion } from "../common/version.js";
import type { Config } from "../config/config.js";
import { refuseUnsafeOut } from "../config/folders.js";
import { unknownVendors } from "../config/vendors.js";
import { isGeneratedFile, type Emitted, type GeneratedFile } from "../emit/contract.js";
import type { Model, SourceDocument, Vendor } from "../model/model.js";
import { unchangedOutput } from "../write/plan.js";
import { recoverOutFolder } from "../write/recover.js";
import { writeOutput } from "../write/write.js";
import { generatorFingerprint } from "./fingerprint.js";
import { hashInputs } from "./inputs.js";
import { inThreads, type Offloaded } from "./threads.js";
import type { CompileOptions, CompileResult, ModelResult } from "./types.js";

export type { CompileOptions, CompileResult, ModelResult } from "./types.js";

/** Load, validate, resolve and emit; then write, or with `check` only compare. */
export async function compile(config: Config, options: CompileOptions): Promise<CompileResult> {
  // Before anything reads out/: refuse a folder that holds the project, then recover a killed run's commit.
  const refused = refuseUnsafeOut(config, process.cwd());
  const opened = refused.length > 0 ? refused : await recoverOutFolder(config.out, options.check);
  if (opened.length > 0) return { diagnostics: opened };
  const inputs = await hashInputs(config);
  const key = { generator: generatorVersion, generatorHash: generatorFingerprint(), inputs: inputs.hash };
  // The manifest's one seam: same generator, same inputs, every file as last written: nothing to do.
  const unchanged = options.full || options.stopOn ? undefined : unchangedOutput(config.out, key);
  if (unchanged) return { diagnostics: [], plan: unchanged };
  // The threads' one seam: the stages below run here, with the TypeScript emitter beside them or not.
  return inThreads(config, inputs, async (offloaded) => {
    const built = await buildModel(config.specs); // load -> validate -> resolve
    if (!built.model || options.stopOn?.(built.diagnostics)) return { diagnostics: built.diagnostics };
    const selected = selectVendors(built.model, config);
    if ("errors" in selected) return { diagnostics: [...built.diagnostics, ...selected.errors] };
    const emitted: Diagnostic[] = [];
    const files = filesOf(emit(selected.model, config, offloaded), emitted); // emit
    const written = await writeOutput(config.out, files, key, options.check).catch(stoppedByEmit); // write
    return { diagnostics: [...built.diagnostics, ...emitted, ...written.diagnostics], plan: written.plan };
  });
}

/** load -> validate -> resolve: the model, or the diagnostics that stopped it. */
export async function buildModel(specFolders: readonly string[]): Promise<ModelResult> {
  const stage = await import("./stages.js");
  const diagnostics: Diagnostic[] = [];
  const documents: SourceDocument[] = [];
  // Load and schema-check one file at a time, keeping only its typed document: memory follows the model, not the YAML.
  for await (const loaded of stage.loadSpecFiles(specFolders)) {
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.file) continue;
    const problems = [
      ...stage.checkCharacters(loaded.file, { prose: true }),
      ...stage.validateAgainstSchema(loaded.file),
    ];
    diagnostics.push(...problems);
    if (problems.length === 0) documents.push(stage.readDocument(loaded.file));
  }
  diagnostics.push(...stage.checkDocuments(documents));
  if (hasErrors(diagnostics) || documents.length === 0) return { diagnostics: sortDiagnostics(diagnostics) };
  diagnostics.push(...stage.checkVendorDocuments(documents));
  // Resolve builds what it can; the vendors the checks above reject are left out, and the run stops below.
  const model = stage.resolveModel(documents);
  diagnostics.push(...stage.checkVendors(model), ...stage.checkDocumentedFilters(model));
  const sorted = sortDiagnostics(diagnostics);
  return hasErrors(sorted) ? { diagnostics: sorted } : { model, diagnostics: sorted };
}

/** Every emitter's items; the templates are read here, in the load stage, so emitters stay pure. */
async function* emit(model: Model, config: Config, offloaded: Offloaded): AsyncGenerator<Emitted> {
  const stage = await import("./stages.js");
  const loaded = config.artifacts.includes("markdown")
    ? await stage.readTemplates(templatesFolder())
    : { templates: {}, diagnostics: [] };
  yield* loaded.diagnostics;
  // A template that could not be read is reported above; the pages are not rendered, so it is not also "missing".
  const artifacts = hasErrors(loaded.diagnostics)
    ? config.artifacts.filter((kind) => kind !== "markdown")
    : config.artifacts;
  const options = {
    enumStyle: config.enumStyle,
    schemaBaseUri: config.schemaBaseUri,
    templates: loaded.templates,
    templatesShownAs: displayPath(templatesFolder()),
  };
  yield* stage.emitAll(model, artifacts, options, offloaded);
  yield* await stage.recordShippedSpecs(config.shippedSpecs);
}

/** Ends the write stage's input early: an emitter reported an error, so nothing of this run may be written. */
class EmitterErrors extends Error {}

/** The files of a stream of emitted items; diagnostics go to `reported`. After an error the stream is drained
 * (every emitter still reports) and then ends the write stage, which removes what it staged. */
async function* filesOf(items: AsyncIterable<Emitted>, reported: Diagnostic[]): AsyncGenerator<GeneratedFile> {
  for await (const item of items) {
    if (isGeneratedFile(item)) {
      if (!hasErrors(reported)) yield item;
    } else reported.push(item);
  }
  if (hasErrors(reported)) throw new EmitterErrors();
}

function stoppedByEmit(error: unknown): { diagnostics: Diagnostic[]; plan?: undefined } {
  if (error instanceof EmitterErrors) return { diagnostics: [] };
  throw error;
}

function selectVendors(model: Model, config: Config): { model: Model } | { errors: Diagnostic[] } {
  const vendorIds = config.vendors;
  if (vendorIds === undefined) return { model };
  const unknown = unknownVendors(
    config,
    model.vendors.map((vendor) => vendor.id),
  );
  if (unknown.length > 0) return { errors: unknown };
  const selected = (vendor: Vendor) => vendorIds.includes(vendor.id);
  return {
    model: {
      ...model,
      vendors: model.vendors.filter(selected),
      unselected: model.vendors.filter((vendor) => !selected(vendor)),
    },
  };
}
