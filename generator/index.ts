// The programmatic API: the same stages the CLI runs.
export { main } from "./cli.js";
export { buildModel } from "./pipeline.js";
export { generate } from "./generate.js";
export { loadConfig } from "./config.js";
export { exportModel } from "./export.js";
// The vendor modules export a 2-argument statusFromState; the model-level one takes the vendor first, so it has its own name.
export { statusFromState as deriveStatus, statesForStatus, explainStatus, describeOrigin } from "./derive.js";
export type { Model, Vendor, SourceDocument, MappingRow, StateValue, VendorValue, Derivation, Answer, AnswerOrigin, DerivationTask } from "./model.js";
export type { Diagnostic } from "./diagnostics.js";
// The shape of `statespec diff --format json`, for bots and dashboards written in TypeScript.
export type { DiffReport, Finding as DiffFinding, Consequences as DiffConsequences, PairConsequence as DiffPair } from "./diff/findings.js";
