// The programmatic API: the same stages the CLI runs.
export { main } from "./cli.js";
export { buildModel } from "./pipeline.js";
export { generate } from "./generate.js";
export { loadConfig } from "./config.js";
export { exportModel } from "./export.js";
export { statusFromState, statesForStatus } from "./derive.js";
export type { Model, Vendor, SourceDocument, MappingRow, StateValue, VendorValue } from "./model.js";
export type { Diagnostic } from "./diagnostics.js";
