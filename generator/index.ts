// The programmatic API: the same stages the CLI runs.
export { main } from "./cli.js";
export { buildModel } from "./pipeline.js";
export { generate } from "./generate.js";
export { loadConfig } from "./config.js";
export { exportModel } from "./export.js";
export { statusFromState, statesForStatus, explainStatus, describeOrigin } from "./derive.js";
export type { Model, Vendor, SourceDocument, MappingRow, StateValue, VendorValue, Derivation, Answer, AnswerOrigin, DerivationTask } from "./model.js";
export type { Diagnostic } from "./diagnostics.js";
