// The common case of `statespec generate` and `generate --check`: out/ is already what the inputs give. The
// executable asks here first, before it loads the CLI (argument parser, command table, diagnostics formats, the
// generate and write stages): about a third of the modules a run would load, on the path whose whole cost is
// start-up. Anything this module does not recognise, or any doubt at all, returns undefined and the full CLI
// runs, which decides and reports everything itself; this path only ever prints the line the full path prints.
import { generatorVersion } from "../common/version.js";
import { generatorFingerprint } from "../compile/fingerprint.js";
import { hashInputs } from "../compile/inputs.js";
import { cachedConfig } from "../config/cached-config.js";
// The write stage's modules themselves, not its entry (write.ts), which loads staging and commit.
import { hasPendingJournal, recoverOutFolder } from "../write/journal.js";
import { refuseUnsafeOut } from "../write/out-folder.js";
import { unchangedOutput } from "../write/unchanged.js";
import { upToDateLine, wroteLine } from "./summary-lines.js";

interface NoOpArguments {
  check: boolean;
  out?: string;
  spec: string[];
  enumStyle?: "enum" | "const";
  config?: string;
}

/** `generate` with only the options a no-op run can answer; undefined for anything else (help, --full, --watch...). */
function parseNoOpArguments(argv: readonly string[]): NoOpArguments | undefined {
  if (argv[0] !== "generate") return undefined;
  const parsed: NoOpArguments = { check: false, spec: [] };
  for (let index = 1; index < argv.length; index++) {
    const [name, inline] =
      argv[index].startsWith("--") && argv[index].includes("=")
        ? [argv[index].slice(0, argv[index].indexOf("=")), argv[index].slice(argv[index].indexOf("=") + 1)]
        : [argv[index], undefined];
    if (name === "--check" && inline === undefined) {
      parsed.check = true;
      continue;
    }
    const value = inline ?? argv[++index];
    // A missing value, or one that looks like an option: the full parser words the usage error.
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("-"))) return undefined;
    if (name === "--out" && parsed.out === undefined) parsed.out = value;
    else if (name === "--spec") parsed.spec.push(value);
    else if (name === "--config" && parsed.config === undefined) parsed.config = value;
    else if (name === "--enum-style" && parsed.enumStyle === undefined && (value === "enum" || value === "const"))
      parsed.enumStyle = value;
    else return undefined;
  }
  return parsed;
}

/** What `generate` prints when out/ is current, or undefined: then the full CLI must run. */
export async function upToDateSummary(argv: readonly string[]): Promise<string | undefined> {
  const args = parseNoOpArguments(argv);
  if (!args) return undefined;
  // Throws in a deleted working folder: the promise rejects, and the full CLI words that.
  const cwd = process.cwd();
  // The config read without yaml: trusted only through the inputs hash below (see cached-config.ts).
  const config = cachedConfig(cwd, {
    config: args.config,
    spec: args.spec.length > 0 ? args.spec : undefined,
    out: args.out,
    enumStyle: args.enumStyle,
  });
  if (!config || refuseUnsafeOut(config, cwd).length > 0 || hasPendingJournal(config.out)) return undefined;
  // A run that fails on warnings must validate: out/ being current says nothing about the warnings.
  if (config.failOn === "warning") return undefined;
  const inputs = await hashInputs(config);
  // The same seam compile() uses for a no-op run. It only reads; nothing in out/ is touched before it matches.
  const plan = unchangedOutput(config.out, {
    generator: generatorVersion,
    generatorHash: generatorFingerprint(),
    inputs: inputs.hash,
  });
  // A file statespec did not write changes what both commands print, and --check names a dead run's staging
  // folder: left to the full path.
  if (!plan || plan.foreign.length > 0 || (args.check && plan.leftovers.length > 0)) return undefined;
  // As compile() does (openOutFolder): a dead run's staging folder goes even in a no-op.
  if (!args.check && !(await recoverOutFolder(config.out)).ok) return undefined;
  return args.check
    ? upToDateLine(config.out, plan.unchanged)
    : wroteLine(config.out, { written: 0, unchanged: plan.unchanged, removed: 0, foreign: 0 });
}
