// The whole program in order: load -> validate -> resolve -> emit -> write. Each stage is one module.
// First: every large module (yaml, then the emitters' dependencies) loads after it, through the compile cache.
// Not in bin.ts: a no-op `generate` never gets here, and would pay for the cache without using it.
import "../common/compile-cache.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../common/diagnostics.js";
import { createHash } from "node:crypto";
import { loadSpecFiles } from "../load/load.js";
import type { Model, SourceDocument } from "../model/model.js";
import { resolveModel } from "../resolve/vendors.js";
import { checkDocumentedFilters } from "../validate/filters.js";
import { checkCharacters } from "../validate/characters.js";
import { checkDocuments } from "../validate/semantic.js";
import { readDocument } from "../load/documents.js";
import { validateAgainstSchema } from "../validate/schema.js";

export interface ModelResult {
  /** Present only when no stage reported an error. */
  model?: Model;
  diagnostics: Diagnostic[];
}

export async function buildModel(specFolders: readonly string[]): Promise<ModelResult> {
  const diagnostics: Diagnostic[] = [];
  const documents: SourceDocument[] = [];
  const textHashes = new Map<string, string>();
  // Load and schema-check one file at a time, keeping only its typed document: memory follows the model, not the YAML.
  for await (const loaded of loadSpecFiles(specFolders)) {
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.file) continue;
    textHashes.set(loaded.file.file, createHash("sha256").update(loaded.file.text).digest("hex"));
    const problems = [...checkCharacters(loaded.file, { prose: true }), ...validateAgainstSchema(loaded.file)];
    diagnostics.push(...problems);
    if (problems.length === 0) documents.push(readDocument(loaded.file));
  }
  diagnostics.push(...checkDocuments(documents));
  if (hasErrors(diagnostics) || documents.length === 0) return { diagnostics: sortDiagnostics(diagnostics) };
  const resolved = resolveModel(documents, textHashes);
  diagnostics.push(...resolved.diagnostics, ...checkDocumentedFilters(resolved.model));
  const sorted = sortDiagnostics(diagnostics);
  return hasErrors(sorted) ? { diagnostics: sorted } : { model: resolved.model, diagnostics: sorted };
}
