// The programmatic API: the same stages the CLI runs.
export { main } from "./cli/main.js";
// `generate` is the name the API has always had for compile().
export { compile, compile as generate } from "./compile/compile.js";
// By vendor id or resolved vendor, over the shipped specs, a config or spec folders (`statespec:builtin` included).
export { buildModel, deriveStatus, explainStatus, statesForStatus, loadVendor, StatespecError } from "./api.js";
export type { SpecSource } from "./api.js";
export { loadConfig } from "./config/config.js";
export { exportModel } from "./model/export.js";
export { describeOrigin } from "./model/derive.js";
export type { StatusFilter } from "./model/derive.js";
export type { OriginJson } from "./model/origin-json.js";
export type {
  Model,
  Vendor,
  SourceDocument,
  MappingRow,
  StateValue,
  VendorValue,
  Derivation,
  Answer,
  AnswerOrigin,
  DerivationTask,
} from "./model/model.js";
export type { Diagnostic } from "./common/diagnostics.js";
// The shape of `statespec diff --format json`, for bots and dashboards written in TypeScript.
export type {
  DiffReport,
  Finding as DiffFinding,
  Consequences as DiffConsequences,
  PairConsequence as DiffPair,
} from "./diff/findings.js";
