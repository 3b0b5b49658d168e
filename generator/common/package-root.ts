// Where statespec itself is installed: the shipped specs and templates live there.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The folder holding statespec's package.json, from source (generator/) or compiled (dist/generator/). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, "package.json"))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error("statespec: package.json not found above the generator");
    folder = parent;
  }
  return (root = folder);
}

/**
 * Where the build's own files are: generator/ when running from TypeScript sources, dist/generator/ when built,
 * module by module (tsc) or bundled (dist/generator/cli/bin.cjs, generator/build/bundle.mjs). Found from the package
 * root rather than from a module's own URL, because in the bundle a module's code no longer sits in its folder.
 */
export function generatorFolder(): string {
  return join(packageRoot(), runningFromSources ? "generator" : join("dist", "generator"));
}

/** Running the TypeScript sources (the tests), not a build: there is no precompiled file and no worker script. */
export const runningFromSources = import.meta.url.endsWith(".ts");

/** The spec files shipped with statespec (`statespec:builtin` in a config). */
export function shippedSpecFolder(): string {
  return join(packageRoot(), "spec");
}

/** The handlebars templates the Markdown emitter renders. */
export function templatesFolder(): string {
  return join(packageRoot(), "templates");
}
