// Build step after tsc (npm run build): the executable, dist/generator/cli/bin.cjs, as a bundle. Node's ES module
// loader pays for every module it resolves, reads and links, and start-up is the whole cost of a no-op `generate`
// or a `validate`, so the executable is two files:
//   dist/generator/cli/bin.cjs          the executable and the no-op path (cli/up-to-date.ts), nothing else, as
//                                       CommonJS: an ES module entry costs Node its ES module loader, and an ES
//                                       import of node:fs or node:crypto reads every export, loading fs/promises
//                                       (with readline and streams) and webcrypto: together ~12% of a no-op run
//   dist/generator/cli/main.bundle.js   the CLI (cli/main.ts) with everything it loads, when the no-op path
//                                       cannot answer; each part still runs only when first used, as before
// yaml is bundled in (its Node build is ~80 CommonJS files; see below for the build used). ajv, handlebars, ts-morph and TypeScript stay
// packages, loaded by the code that needs them (require() calls at run time, not imports). The TypeScript emitter
// stays tsc's module (dist/generator/emit/typescript.js, like its worker thread's): it imports ts-morph, and an
// import in a bundle is hoisted to its top, where it would load ts-morph on every run. The build fails if any
// package import reaches the top of either file.
// Built from the TypeScript sources tsc has just compiled. Every other file of dist/ stays tsc's (the programmatic
// API, dist/generator/index.js, loads module by module), and a dist/ built by tsc alone runs the same CLI unbundled.
// dist/generator/cli/bundle-inputs.json lists the sources in each file, for the tests.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = join(root, "dist/generator/cli");
const sources = join(root, "generator");
rmSync(join(cli, "chunks"), { recursive: true, force: true });

/** An import() left to tsc's compiled module, seen from dist/generator/cli/ (where both bundles are). */
const compiled = (resolveDir, path) => {
  const target = relative(join(sources, "cli"), join(resolveDir, path)).split("\\").join("/");
  return { path: target.startsWith(".") ? target : `./${target}`, external: true };
};

const common = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir: cli,
  external: ["ajv", "handlebars", "ts-morph", "typescript"],
  legalComments: "inline",
  logLevel: "warning",
  metafile: true,
};

const main = await build({
  ...common,
  entryPoints: { "main.bundle": join(sources, "cli/main.ts") },
  // yaml's ES module build (its package serves it to bundlers): the same parser as the CommonJS build Node gets,
  // without that build's debug hooks, which read process.env for every token (LOG_TOKENS, LOG_STREAM), and with
  // yaml's own warnings on console.warn rather than process.emitWarning. About 8% less time for `validate`.
  alias: { yaml: join(root, "node_modules/yaml/browser/index.js") },
  plugins: [
    {
      name: "typescript-emitter",
      setup: (plugin) => {
        plugin.onResolve({ filter: /\/typescript\.js$/ }, ({ path, kind, resolveDir }) =>
          kind === "dynamic-import" && resolveDir === join(sources, "emit") ? compiled(resolveDir, path) : undefined,
        );
        // The TypeScript thread's starter is one module for both files: the executable starts the thread before
        // the CLI loads (bin.ts), and the compile stage takes that thread over (compile/threads.ts).
        plugin.onResolve({ filter: /\/emit\/parallel\.js$/ }, ({ path, kind, resolveDir }) =>
          kind === "dynamic-import" ? compiled(resolveDir, path) : undefined,
        );
      },
    },
  ],
});

// bin.cjs holds only what the no-op path loads at once. bin.ts loads the CLI with `import("./main.js")`: here, the
// CLI's bundle, an ES module still (as CommonJS, with yaml's ES build converted, `validate` measured ~8% slower).
// Any other import() on the way (the config's yaml reader, the registry's emitters) stays tsc's module: the no-op
// path never calls it, and were it called, it would be the same code.
const commonJs = {
  format: "cjs",
  outExtension: { ".js": ".cjs" },
  // CommonJS has no import.meta; its uses (common/package-root.ts, emit/ts-morph.ts) need the file's own URL.
  define: { "import.meta.url": "__statespecFileUrl" },
  banner: { js: '"use strict";\nconst __statespecFileUrl = require("node:url").pathToFileURL(__filename).href;' },
};
const bin = await build({
  ...common,
  ...commonJs,
  entryPoints: { bin: join(sources, "cli/bin.ts") },
  plugins: [
    {
      name: "lazy-imports",
      setup: (plugin) =>
        plugin.onResolve({ filter: /.*/ }, ({ path, kind, resolveDir }) => {
          if (kind !== "dynamic-import") return undefined;
          return path === "./main.js" && resolveDir === join(sources, "cli")
            ? { path: "./main.bundle.js", external: true }
            : compiled(resolveDir, path);
        }),
    },
  ],
});

// The TypeScript emitter's thread (emit/parallel.ts starts it) as CommonJS too, beside tsc's module: a new thread
// compiles Node's ES module loader and resolves, reads and links each module of an ES graph before its first line
// runs, and this thread's first task, loading ts-morph, is a cold generate's critical path. ts-morph stays a package,
// required by emit/ts-morph.ts when the emitter's modules run: at once, in the thread's first microtask.
const worker = await build({
  ...common,
  ...commonJs,
  outdir: join(root, "dist/generator/emit"),
  entryPoints: { "typescript-worker": join(sources, "emit/typescript-worker.ts") },
});

const inputs = {};
const outputs = { ...main.metafile.outputs, ...bin.metafile.outputs, ...worker.metafile.outputs };
for (const [output, { inputs: files }] of Object.entries(outputs)) {
  const name = relative(cli, join(root, output)).split("\\").join("/");
  const hoisted = readFileSync(join(root, output), "utf8").match(
    /^(?:(?:import\s.*?\bfrom\s|import\s|\}\s*from\s)"(?!node:|\.)[^"]+";|var \w+ = (?:__toESM\()?require\("(?!node:|\.)[^"]+"\).*)$/gm,
  );
  if (hoisted)
    throw new Error(
      `generator/build/bundle.mjs: ${name} imports a package at its top, which would load on every run:\n${hoisted.join("\n")}`,
    );
  inputs[name] = Object.keys(files).sort();
}
writeFileSync(join(cli, "bundle-inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
