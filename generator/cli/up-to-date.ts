// The common case of `statespec generate` and `generate --check`: out/ is already what the inputs give. The
// executable asks here first, before it loads the CLI (command table, diagnostics formats, the generate and write
// stages): about a third of the modules a run would load, on the path whose whole cost is start-up. The argument
// parser (args.ts) is the CLI's own, light enough to load here. Anything this module does not recognise, or any
// doubt at all, returns undefined and the full CLI runs, which decides and reports everything itself; this path
// only ever prints the line the full path prints.
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { isWithin } from "../common/paths.js";
import { generatorVersion } from "../common/version.js";
import { fingerprintReads, generatorFingerprint } from "../compile/fingerprint.js";
import { hashInputs } from "../compile/inputs.js";
import { cachedConfig } from "../config/cached-config.js";
import { locateConfig } from "../config/config.js";
import { refuseUnsafeOut } from "../config/folders.js";
// The write stage's modules themselves, not its entry (write.ts), which loads staging and commit.
import { hasManifest, unchangedOutput } from "../write/plan.js";
import { journalName, readJournal, stagingPrefix } from "../write/lock.js";
import { recoverOutFolder } from "../write/recover.js";
import { parseArguments } from "./args.js";
import { recordAnswer, recordedAnswer } from "./no-op-record.js";
import { generateOptions } from "./option-specs.js";
import { upToDateLine, wroteLine } from "./summary-lines.js";

/** `generate` with only the options a no-op run can answer; undefined for anything else (help, --full, --watch...). */
function parseNoOpArguments(argv: readonly string[]) {
  if (argv[0] !== "generate") return undefined;
  // The CLI's own parser and declaration: a command line reads the same here as in the full run.
  const parsed = parseArguments(argv.slice(1), generateOptions, false);
  if (parsed.kind !== "run") return undefined;
  const { check, out, spec = [], config, "enum-style": enumStyle, ...others } = parsed.values;
  if (Object.values(others).some((value) => value !== undefined)) return undefined;
  // An empty folder or file name: the full path words what is wrong with it.
  if ([out, config, ...spec].includes("")) return undefined;
  return { check: check === true, out, spec, config, enumStyle };
}

/** Whether a `generate` that is not a no-op emits TypeScript: known only where the no-op path read its config. */
let emitsTypeScript: boolean | undefined;
export const typescriptExpected = () => emitsTypeScript === true;

/** What `generate` prints when out/ is current, or undefined: then the full CLI must run. */
export async function upToDateSummary(argv: readonly string[]): Promise<string | undefined> {
  const args = parseNoOpArguments(argv);
  if (!args) return undefined;
  // Throws in a deleted working folder: the promise rejects, and the full CLI words that.
  const cwd = process.cwd();
  // Before anything is read: a record may only name what had settled by then (no-op-record.ts).
  const startedMs = Date.now();
  const recorded = recordedAnswer(argv, cwd);
  if (recorded !== undefined) return recorded;
  // The config read without yaml: trusted only through the inputs hash below (see cached-config.ts).
  const config = cachedConfig(cwd, {
    config: args.config,
    spec: args.spec.length > 0 ? args.spec : undefined,
    out: args.out,
    enumStyle: args.enumStyle,
  });
  emitsTypeScript = config?.artifacts.includes("typescript");
  if (!config || refuseUnsafeOut(config, cwd).length > 0 || readJournal(config.out) !== "absent") return undefined;
  // A run that fails on warnings must validate: out/ being current says nothing about the warnings.
  if (config.failOn === "warning") return undefined;
  // No manifest, nothing to compare: the full run starts at once (and a cold run's TypeScript thread with it),
  // without hashing the inputs (~20 ms) for an answer already known.
  if (!hasManifest(config.out)) return undefined;
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
  // As compile() does: a dead run's staging folder goes even in a no-op.
  if (!args.check && (await recoverOutFolder(config.out)).length > 0) return undefined;
  const line = args.check
    ? upToDateLine(config.out, plan.unchanged)
    : wroteLine(config.out, { written: 0, unchanged: plan.unchanged, removed: 0, foreign: 0 });
  // Only a generator found as built is recorded: one run from its sources or patched is hashed every time.
  const running = fingerprintReads();
  // Nor while a staging folder or journal is there: a run that looks alive now may be found dead later.
  const busy = readdirSync(config.out).some((name) => name === journalName || name.startsWith(stagingPrefix));
  if (running && !busy) {
    // The folders the config was looked for in, from here up to the one that holds it or where the search
    // stopped: a config put in one of them would be found first.
    const searched: string[] = [];
    if (args.config === undefined) {
      const search = locateConfig(cwd, {});
      const last = search.path === undefined ? search.stoppedAt : dirname(search.path);
      for (let folder = cwd; isWithin(last, folder); folder = dirname(folder)) {
        searched.push(folder);
        if (folder === dirname(folder)) break;
      }
    }
    const configFile = config.configPath === undefined ? [] : [config.configPath];
    const read = [...configFile, ...searched, ...inputs.paths, ...running];
    recordAnswer(argv, cwd, { read, outDir: config.out, startedMs }, line);
  }
  return line;
}
