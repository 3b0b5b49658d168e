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

/** The spec files shipped with statespec (`statespec:builtin` in a config). */
export function shippedSpecFolder(): string {
  return join(packageRoot(), "spec");
}

/** The handlebars templates the Markdown emitter renders. */
export function templatesFolder(): string {
  return join(packageRoot(), "templates");
}
