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

/**
 * Blocks nested deeper than this are refused before handlebars sees them: its compiler spends time per level that
 * grows with the depth (seconds at 1,000 levels, minutes at 20,000, a stack overflow in between), so a patched
 * template could stall a run. The shipped pages nest a few levels.
 */
const maxBlockDepth = 100;

/** Throws, with "line N" for the caller to locate, where block nesting first goes past the bound. */
function checkNesting(source: string): void {
  let depth = 0;
  let line = 1;
  // A block opens with {{# or {{^name (not the {{^}} of an else), and closes with {{/; `~` trims whitespace.
  for (const match of source.matchAll(/\n|\{\{~?\s*(#|\^(?!~?\s*\}\})|\/)/g)) {
    if (match[0] === "\n") line++;
    else if (match[1] === "/") depth = Math.max(0, depth - 1);
    else if (++depth > maxBlockDepth)
      throw new Error(
        `blocks nested deeper than ${maxBlockDepth} levels on line ${line}; statespec does not compile such a template`,
      );
  }
}

/** Throws handlebars' own error for a template that does not compile (or ours, above); the caller locates it. */
export function templateFunction(name: string, source: string): HandlebarsTemplateDelegate {
  const built = loadPrecompiled()[name];
  if (built?.source === source) return (require("handlebars/runtime") as Runtime).create().template(built.spec);
  checkNesting(source);
  // The options here and in generator/build/precompile.mjs must stay equal.
  return (require("handlebars") as Runtime).create().compile(source, { strict: true, noEscape: true });
}
