// The programmatic API: the same stages the CLI runs.
export { main } from "./cli/main.js";
// `generate` is the name the API has always had for compile().
export { buildModel, compile, compile as generate } from "./compile/compile.js";
export { loadConfig } from "./config/config.js";
export { exportModel } from "./model/export.js";
// The vendor modules export a 2-argument statusFromState; the model-level one takes the vendor first, so it has its own name.
export { statusFromState as deriveStatus, statesForStatus, explainStatus, describeOrigin } from "./model/derive.js";
export type { Model, Vendor, SourceDocument, MappingRow, StateValue, VendorValue, Derivation, Answer, AnswerOrigin, DerivationTask } from "./model/model.js";
export type { Diagnostic } from "./common/diagnostics.js";
