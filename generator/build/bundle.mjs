// Build step after tsc (npm run build): the executable, dist/generator/cli/bin.js, as a bundle. Node's ES module
// loader pays for every module it resolves, reads and links, and start-up is the whole cost of a no-op `generate`
// or a `validate`, so the executable is made of few files:
//   dist/generator/cli/bin.js           one file: the executable and the no-op path (cli/up-to-date.ts), nothing else
//   dist/generator/cli/chunks/main.js   the CLI (cli/main.ts), loaded when the no-op path cannot answer; each part
//                                       it loads later (the stages, each emitter, diff, check) is one chunk beside it
// yaml is bundled in (its Node build is ~80 CommonJS files); ajv, handlebars, ts-morph and TypeScript stay
// packages, loaded by the code that needs them (the precompiled validators require ajv's runtime; the TypeScript
// emitter's worker thread is tsc's dist/generator/emit/typescript-worker.js). The two builds share no module state:
// the no-op path only returns a line to print, and when it cannot, the CLI starts from scratch.
// Built from the TypeScript sources tsc has just compiled. Every other file of dist/ stays tsc's (the programmatic
// API, dist/generator/index.js, loads module by module), and a dist/ built by tsc alone runs the same CLI unbundled.
// dist/generator/cli/bundle-inputs.json lists the sources in each output file, for the tests.
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = join(root, "dist/generator/cli");
rmSync(join(cli, "chunks"), { recursive: true, force: true });
const common = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["ajv", "handlebars", "ts-morph", "typescript"],
  // yaml's Node build is CommonJS and requires Node's modules: give the ES module bundle a require() of its own.
  banner: { js: 'import { createRequire as statespecCreateRequire } from "node:module";\nconst require = statespecCreateRequire(import.meta.url);' },
  legalComments: "inline",
  logLevel: "warning",
  metafile: true,
};
const main = await build({ ...common, entryPoints: { main: join(root, "generator/cli/main.ts") }, outdir: join(cli, "chunks"), splitting: true });
// bin.js holds only what the no-op path loads at once. bin.ts loads the CLI with `import("./main.js")`: there, the
// CLI's bundle. Any other import() on the way (the config's yaml reader, the emitter registry's emitters) stays
// lazy as tsc's module of that name: the no-op path never calls it, and were it called, it would still be the
// same code. (Followed into the bundle, each would be parsed on every run, with its packages' imports hoisted.)
const lazy = {
  name: "lazy-imports",
  setup(plugin) {
    plugin.onResolve({ filter: /.*/ }, ({ path, kind, resolveDir }) => {
      if (kind !== "dynamic-import") return undefined;
      if (path === "./main.js" && resolveDir === join(root, "generator/cli")) return { path: "./chunks/main.js", external: true };
      const compiled = relative(join(root, "generator/cli"), join(resolveDir, path)).split("\\").join("/");
      return { path: compiled.startsWith(".") ? compiled : `./${compiled}`, external: true };
    });
  },
};
const bin = await build({ ...common, entryPoints: { bin: join(root, "generator/cli/bin.ts") }, outdir: cli, plugins: [lazy] });

const inputs = {};
for (const [output, { inputs: sources }] of Object.entries({ ...main.metafile.outputs, ...bin.metafile.outputs })) {
  inputs[relative(cli, join(root, output)).split("\\").join("/")] = Object.keys(sources).sort();
}
writeFileSync(join(cli, "bundle-inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
