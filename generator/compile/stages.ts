// The modules of load, validate and resolve, loaded together when a run first needs the model (compile.ts).
// First: every large module (yaml, ajv, then the emitters' dependencies) loads after it, through the compile
// cache. Not earlier: a no-op `generate` never gets here, and would pay for the cache without using it.
import "../common/compile-cache.js";

export { loadSpecFiles } from "../load/load.js";
export { readDocument } from "../load/documents.js";
export { readTemplates } from "../load/templates.js";
export { recordShippedSpecs } from "../load/shipped-record.js";
export { checkCharacters } from "../validate/characters.js";
export { validateAgainstSchema } from "../validate/schema.js";
export { checkDocuments } from "../validate/semantic.js";
export { checkVendorDocuments, checkVendors } from "../validate/vendors.js";
export { checkDocumentedFilters } from "../validate/filters.js";
export { resolveModel } from "../resolve/vendors.js";
export { emitAll } from "../emit/index.js";
