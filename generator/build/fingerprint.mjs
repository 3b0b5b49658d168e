// Build step after tsc (npm run build): node generator/build/fingerprint.mjs SOURCE_FOLDER writes
// dist/generator/fingerprint.json, the hash of the generator's sources that keys out/'s manifest
// (generator/compile/fingerprint.ts). A script of its own, not a mode of that module: the bundled executable holds
// the module's code, and must never mistake a run of itself for this step.
import { writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const source = process.argv[2];
if (source === undefined) throw new Error("usage: node generator/build/fingerprint.mjs SOURCE_FOLDER");
const { fingerprintFile, hashGeneratorSources } = await import(pathToFileURL(join(root, "dist/generator/compile/fingerprint.js")).href);
const target = join(root, "dist/generator", fingerprintFile);
writeFileSync(target, `${JSON.stringify({ generator: hashGeneratorSources(resolve(source)) })}\n`);
process.stdout.write(`generator fingerprint written to ${relative(process.cwd(), target)}\n`);
