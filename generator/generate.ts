// `statespec generate`: the full pipeline, ending in the write stage (or a comparison with --check).
import { join } from "node:path";
import { packageRoot, type Config } from "./config.js";
import { diagnostic, hasErrors, type Diagnostic } from "./diagnostics.js";
import { emitAll, type GeneratedFile } from "./emit/index.js";
import { TemplateError } from "./emit/template-error.js";
import { displayPath } from "./load/load.js";
import { loadTemplates } from "./load/templates.js";
import type { Model } from "./model.js";
import { buildModel } from "./pipeline.js";
import { applyPlan, describePlan, isUpToDate, planOutput, type OutputPlan } from "./write/write.js";

export interface GenerateResult {
  diagnostics: Diagnostic[];
  plan?: OutputPlan;
  files?: GeneratedFile[];
}

/** Load, validate, resolve and emit; then write, or with `check` only compare. */
export async function generate(config: Config, check: boolean): Promise<GenerateResult> {
  const built = await buildModel(config.specs);
  if (!built.model) return { diagnostics: built.diagnostics };
  const selected = selectVendors(built.model, config.vendors);
  if ("error" in selected) return { diagnostics: [...built.diagnostics, selected.error] };
  const emitted = await emitFiles(selected.model, config);
  if ("error" in emitted) return { diagnostics: [...built.diagnostics, emitted.error] };
  const plan = await planOutput(config.out, emitted.files);
  if (check) return { diagnostics: built.diagnostics, plan, files: emitted.files };
  const written = await applyPlan(plan);
  return { diagnostics: [...built.diagnostics, ...written], plan, files: emitted.files };
}

export async function emitFiles(model: Model, config: Config): Promise<{ files: GeneratedFile[] } | { error: Diagnostic }> {
  const templatesFolder = join(packageRoot(), "templates");
  try {
    const templates = config.artifacts.includes("markdown") ? await loadTemplates(templatesFolder) : {};
    const files = await emitAll(model, config.artifacts, { enumStyle: config.enumStyle, schemaBaseUri: config.schemaBaseUri, templates });
    return { files };
  } catch (error) {
    // Templates are the only emitter input that is not validated beforehand: a broken one is a user error.
    if (error instanceof TemplateError) return { error: diagnostic("template-error", error.message, { file: displayPath(join(templatesFolder, error.template)), line: error.line, column: 1 }) };
    throw error;
  }
}

function selectVendors(model: Model, vendorIds: readonly string[] | undefined): { model: Model } | { error: Diagnostic } {
  if (vendorIds === undefined) return { model };
  const unknown = vendorIds.filter((id) => !model.vendors.some((vendor) => vendor.id === id));
  if (unknown.length > 0) return { error: diagnostic("config-invalid", `unknown vendor(s) ${unknown.join(", ")}; the specs define ${model.vendors.map((vendor) => vendor.id).join(", ")}`, { file: "statespec.config.yaml" }) };
  return { model: { ...model, vendors: model.vendors.filter((vendor) => vendorIds.includes(vendor.id)) } };
}

export function summarize(plan: OutputPlan, check: boolean): string {
  if (check) return isUpToDate(plan) ? `${displayPath(plan.outDir)} is up to date (${plan.unchanged} files)\n` : `${describePlan(plan)}\n${displayPath(plan.outDir)} is out of date: run statespec generate\n`;
  return `wrote ${plan.writes.length} file(s), ${plan.unchanged} unchanged, removed ${plan.orphaned.length} in ${displayPath(plan.outDir)}\n`;
}
