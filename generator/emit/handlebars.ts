// A template source as a render function. The build precompiles the shipped templates (generator/build/precompile.mjs),
// so a run needs only handlebars' small runtime; a template whose source is not the one the build saw (edited
// since, or running from TypeScript sources without a build) is compiled here, with the same options.
import { createRequire } from "node:module";
import { join } from "node:path";
import { generatorFolder } from "../common/package-root.js";

const require = createRequire(import.meta.url);
type Runtime = typeof import("handlebars");
type Precompiled = Record<string, { source: string; spec: TemplateSpecification }>;

let precompiled: Precompiled | undefined;

function loadPrecompiled(): Precompiled {
  try {
    return (precompiled ??= require(join(generatorFolder(), "emit", "templates.precompiled.cjs")) as Precompiled);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    return (precompiled = {});
  }
}

/** Throws handlebars' own error for a template that does not compile; the caller locates it. */
export function templateFunction(name: string, source: string): HandlebarsTemplateDelegate {
  const built = loadPrecompiled()[name];
  if (built?.source === source) return (require("handlebars/runtime") as Runtime).create().template(built.spec);
  // The options here and in generator/build/precompile.mjs must stay equal.
  return (require("handlebars") as Runtime).create().compile(source, { strict: true, noEscape: true });
}
