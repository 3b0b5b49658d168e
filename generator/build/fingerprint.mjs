// Last build step (npm run build): node generator/build/fingerprint.mjs SOURCE_FOLDER writes
// dist/generator/fingerprint.json, the two hashes that key out/'s manifest (generator/compile/fingerprint.ts): of
// the generator's sources, and of the files of dist/ that a run executes, with their list. Last, because the
// bundles and the precompiled files are among those. A script of its own, not a mode of that module: the bundled
// executable holds the module's code, and must never mistake a run of itself for this step.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const source = process.argv[2];
if (source === undefined) throw new Error("usage: node generator/build/fingerprint.mjs SOURCE_FOLDER");
const dist = join(root, "dist/generator");
const fingerprintModule = pathToFileURL(join(dist, "compile/fingerprint.js")).href;
const { fingerprintFile, hashGeneratorSources, hashRunningFiles } = await import(fingerprintModule);

// Where a run starts, and what it loads by a path built at run time (no import names it): the TypeScript emitter's
// worker (emit/parallel.ts), the precompiled validators and templates (validate/schema.ts, config/config.ts,
// emit/handlebars.ts). Everything else that runs is found from these by its relative imports.
const entries = [
  "cli/bin.cjs",
  "cli/main.bundle.js",
  "emit/typescript-worker.cjs",
  "emit/typescript-worker.js",
  "validate/spec-validator.cjs",
  "config/config-validator.cjs",
  "emit/templates.precompiled.cjs",
];
const relativeImport = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["'](\.\.?\/[^"']+)["']/g;

const runs = new Set();
const visit = (path) => {
  if (runs.has(path) || path.startsWith("..") || !existsSync(join(dist, path))) return;
  runs.add(path);
  for (const [, specifier] of readFileSync(join(dist, path), "utf8").matchAll(relativeImport)) {
    visit(
      relative(dist, resolve(dirname(join(dist, path)), specifier))
        .split("\\")
        .join("/"),
    );
  }
};
for (const entry of entries) visit(entry);
// Sorted, so the list is the same however the files were found.
const files = [...runs].sort();

const target = join(dist, fingerprintFile);
const runsHash = hashRunningFiles(dist, files);
const recorded = { generator: hashGeneratorSources(resolve(source)), runs: { files, hash: runsHash } };
writeFileSync(target, `${JSON.stringify(recorded)}\n`);
const shown = relative(process.cwd(), target);
process.stdout.write(`generator fingerprint written to ${shown} (${files.length} files that run)\n`);
