// The whole program in order: load -> validate -> resolve -> emit -> write. Each stage is one module.
import { hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { loadSpecFolders } from "./load/load.js";
import type { Model } from "./model.js";
import { resolveModel } from "./resolve/vendors.js";
import { checkDocuments } from "./validate/semantic.js";
import { readDocument } from "./validate/documents.js";
import { validateAgainstSchema } from "./validate/schema.js";

export interface ModelResult {
  /** Present only when no stage reported an error. */
  model?: Model;
  diagnostics: Diagnostic[];
}

export async function buildModel(specFolders: readonly string[]): Promise<ModelResult> {
  const loaded = await loadSpecFolders(specFolders);
  const diagnostics = [...loaded.diagnostics];
  const valid = loaded.files.filter((file) => {
    const problems = validateAgainstSchema(file);
    diagnostics.push(...problems);
    return problems.length === 0;
  });
  const documents = valid.map(readDocument);
  diagnostics.push(...checkDocuments(documents));
  if (hasErrors(diagnostics) || documents.length === 0) return { diagnostics: sortDiagnostics(diagnostics) };
  const resolved = resolveModel(documents, new Map(loaded.files.map((file) => [file.file, file.text])));
  diagnostics.push(...resolved.diagnostics);
  const sorted = sortDiagnostics(diagnostics);
  return hasErrors(sorted) ? { diagnostics: sorted } : { model: resolved.model, diagnostics: sorted };
}
