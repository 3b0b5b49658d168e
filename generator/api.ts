// The programmatic API's entry points that take what a user has at hand: a vendor id and spec folders written as a
// config writes them. The CLI works on a resolved model; a script wants `await deriveStatus("openstack", vm, task)`.
import { formatDiagnostic, hasErrors, type Diagnostic } from "./common/diagnostics.js";
import { closest } from "./common/suggest.js";
import { buildModel as buildResolvedModel, type ModelResult } from "./compile/compile.js";
import { builtinSpecs, loadConfig, resolveSpecFolder } from "./config/config.js";
import * as derive from "./model/derive.js";
import type { Vendor } from "./model/model.js";
import { originJson, type OriginJson } from "./model/origin-json.js";

/** Where the specs come from: a config file, or spec folders; neither means the shipped specs. */
export interface SpecSource {
  /** A statespec.config.yaml: its `specs` are read, relative to it. */
  config?: string;
  /** Spec folders, relative to `cwd`; `statespec:builtin` is the shipped specs. Ignored when `config` is given. */
  specs?: readonly string[];
  /** The folder relative paths start from; the working folder by default. */
  cwd?: string;
}

/** Thrown when the specs do not make a model, or a vendor id is not among them; `diagnostics` says why. */
export class StatespecError extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message);
    this.name = "StatespecError";
  }
}

/** load -> validate -> resolve, over spec folders as a config writes them (`statespec:builtin` included). */
export function buildModel(specFolders: readonly string[] = [builtinSpecs], cwd = process.cwd()): Promise<ModelResult> {
  return buildResolvedModel(specFolders.map((folder) => resolveSpecFolder(folder, cwd)));
}

// One model per spec source for the life of the process: a script asking about many pairs loads the YAML once.
const models = new Map<string, Promise<ModelResult>>();

async function specFolders(source: SpecSource): Promise<string[]> {
  const cwd = source.cwd ?? process.cwd();
  if (source.config === undefined)
    return (source.specs ?? [builtinSpecs]).map((folder) => resolveSpecFolder(folder, cwd));
  const loaded = await loadConfig(cwd, { config: source.config });
  if (!loaded.config)
    throw new StatespecError(
      `statespec: cannot read ${source.config}\n${loaded.diagnostics.map(formatDiagnostic).join("\n")}`,
      loaded.diagnostics,
    );
  return loaded.config.specs;
}

/** The resolved vendor `id` from the shipped specs, or from the given config or spec folders. */
export async function loadVendor(id: string, source: SpecSource = {}): Promise<Vendor> {
  const folders = await specFolders(source);
  const key = folders.join("\n");
  let built = models.get(key);
  if (!built) models.set(key, (built = buildResolvedModel(folders)));
  const { model, diagnostics } = await built;
  if (!model || hasErrors(diagnostics)) {
    const errors = diagnostics.filter((found) => found.severity === "error");
    throw new StatespecError(
      `statespec: the specs are invalid\n${errors.map(formatDiagnostic).join("\n")}`,
      diagnostics,
    );
  }
  const vendor = model.vendors.find((candidate) => candidate.id === id);
  if (vendor) return vendor;
  const ids = model.vendors.map((candidate) => candidate.id);
  const guess = closest(id, ids);
  // Read from the shipped specs alone (no config, no spec folders given): a project's own vendor needs its config.
  const shippedOnly = source.config === undefined && source.specs === undefined;
  const hint =
    guess !== undefined
      ? `; did you mean '${guess}'?`
      : shippedOnly
        ? `; a project's own vendor is read from its config: pass { config: "statespec.config.yaml" }`
        : "";
  throw new StatespecError(`statespec: no vendor '${id}' in the specs (they define ${ids.join(", ")})${hint}`, []);
}

function vendorOf(vendor: string | Vendor, source: SpecSource | undefined): Promise<Vendor> {
  return typeof vendor === "string" ? loadVendor(vendor, source) : Promise.resolve(vendor);
}

/** The status a vendor's derivation gives for (vm_state, task_state); `null` or `undefined` task: no task. */
export async function deriveStatus(
  vendor: string | Vendor,
  vmState: string | null | undefined,
  taskState: string | null | undefined,
  source?: SpecSource,
): Promise<string> {
  return derive.answerFor((await vendorOf(vendor, source)).derivation, vmState, taskState).status;
}

/**
 * The answer with its origin: the row that gives it, the fallback vendor that answered, or the policy. The origin in
 * the one shape `check`, `diff` and states.json print it in (model/origin-json.ts), not the model's own.
 */
export async function explainStatus(
  vendor: string | Vendor,
  vmState: string | null | undefined,
  taskState: string | null | undefined,
  source?: SpecSource,
): Promise<{ status: string; origin: OriginJson }> {
  const answer = derive.answerFor((await vendorOf(vendor, source)).derivation, vmState, taskState);
  return { status: answer.status, origin: originJson(answer.origin, answer.status) };
}

/** The (vm_state, task_state) filter a status selects, case-insensitively; undefined when it selects nothing. */
export async function statesForStatus(
  vendor: string | Vendor,
  status: string,
  source?: SpecSource,
): Promise<derive.StatusFilter | undefined> {
  const { derivation } = await vendorOf(vendor, source);
  return derive.statesForStatus(derive.compactDerivation(derivation), status);
}
