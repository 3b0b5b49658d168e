// The shape of generator/ as a test: the stage folders import only downward, no module imports itself back
// through others, and every module stays small enough to read in one sitting. See generator/ARCHITECTURE.md.
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve("generator");

/**
 * The stages and their helpers, lowest first. A module may import its own folder and any folder of a lower rank;
 * folders of equal rank are peers and do not import each other.
 */
const ranks: Record<string, number> = {
  common: 0, // diagnostics, text safety, display paths, words: used by every stage
  model: 1, // the resolved model's types and the rules read from it (lookups, conformance, export shape)
  load: 2,
  validate: 3,
  resolve: 4,
  emit: 5,
  write: 6,
  config: 7, // reads the config file with load and validate; names the emitters' artifact kinds
  compile: 8, // the pipeline: load -> validate -> resolve -> emit -> write
  diff: 9,
  check: 9,
  cli: 10,
  ".": 11, // index.ts, the programmatic API
};

const maxLines = 250;
const maxLineLength = 120;

function sourceFiles(): string[] {
  return (readdirSync(root, { recursive: true, encoding: "utf8" }) as string[])
    .map((path) => path.split("\\").join("/"))
    .filter((path) => path.endsWith(".ts") && !path.endsWith(".d.ts"))
    .sort();
}

interface ModuleImports {
  /** Every import of a module under generator/: static, `export ... from`, `import type`, dynamic. */
  all: string[];
  /** What loading the module loads at once: static imports that are not type-only, relative or packages. */
  eager: string[];
}

const parsed = new Map<string, ModuleImports>();

/** A module's imports, read with TypeScript's own parser; relative ones as paths under generator/. */
function readImports(path: string): ModuleImports {
  const known = parsed.get(path);
  if (known) return known;
  const source = ts.createSourceFile(path, readFileSync(join(root, path), "utf8"), ts.ScriptTarget.Latest, true);
  const all: string[] = [];
  const eager: string[] = [];
  const resolved = (specifier: string) =>
    specifier.startsWith(".")
      ? posix.normalize(posix.join(posix.dirname(path), specifier)).replace(/\.js$/, ".ts")
      : specifier;
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const target = resolved(node.moduleSpecifier.text);
      all.push(target);
      const typeOnly = ts.isImportDeclaration(node)
        ? node.importClause?.isTypeOnly === true ||
          (node.importClause !== undefined &&
            !node.importClause.name &&
            node.importClause.namedBindings !== undefined &&
            ts.isNamedImports(node.importClause.namedBindings) &&
            node.importClause.namedBindings.elements.length > 0 &&
            node.importClause.namedBindings.elements.every((element) => element.isTypeOnly))
        : node.isTypeOnly;
      if (!typeOnly) eager.push(target);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      all.push(resolved(node.arguments[0].text));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const imports = { all: all.filter((target) => target.endsWith(".ts")), eager };
  parsed.set(path, imports);
  return imports;
}

function importsOf(path: string): string[] {
  return readImports(path).all;
}

function folderOf(path: string): string {
  return path.includes("/") ? path.slice(0, path.indexOf("/")) : ".";
}

const files = sourceFiles();
const graph = new Map(files.map((path) => [path, importsOf(path)]));

/** Every cycle, each as the path of modules that leads back to its start (Tarjan's strongly connected components). */
function cycles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)!.includes(node)) found.push(component.sort());
  };
  for (const node of files) if (!index.has(node)) visit(node);
  return found;
}

describe("architecture of generator/", () => {
  it("reads every module and its imports", () => {
    // Guards the checks below against a parser that silently finds nothing.
    expect(files.length).toBeGreaterThan(40);
    expect(graph.get("compile/compile.ts")).toContain("write/write.ts");
    expect(graph.get("cli/commands/index.ts")).toContain("cli/commands/generate.ts");
  });

  it("has no import cycles", () => {
    expect(cycles()).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself can fail)", () => {
    graph.set("model/model.ts", [...graph.get("model/model.ts")!, "model/derive.ts"]);
    try {
      expect(cycles()).toContainEqual(["model/derive.ts", "model/model.ts"]);
    } finally {
      graph.set("model/model.ts", importsOf("model/model.ts"));
    }
  });

  it("puts every module in a known stage folder", () => {
    expect(files.filter((path) => !(folderOf(path) in ranks))).toEqual([]);
    // Loose at the top: only the programmatic API.
    expect(files.filter((path) => folderOf(path) === ".")).toEqual(["api.ts", "index.ts"]);
  });

  it("imports only downward: a stage never imports a later stage or the CLI", () => {
    const upward: string[] = [];
    for (const [path, targets] of graph) {
      const from = folderOf(path);
      for (const target of targets) {
        const to = folderOf(target);
        if (to !== from && ranks[to] >= ranks[from]) upward.push(`${path} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("loads none of the large dependencies on the way to a no-op generate (they load on first use)", () => {
    // bin -> cli/up-to-date.ts: all that a no-op run loads before the manifest says "done". Otherwise bin loads
    // main -> the generate command -> compile(), which stop at the same manifest check when run in-process.
    const eagerClosure = (start: string) => {
      const seen = new Set<string>();
      const packages = new Set<string>();
      const visit = (path: string) => {
        if (seen.has(path)) return;
        seen.add(path);
        for (const target of readImports(path).eager) {
          if (target.endsWith(".ts")) visit(target);
          else if (!target.startsWith("node:") && !target.startsWith(".")) packages.add(target.split("/")[0]);
        }
      };
      visit(start);
      return { modules: seen, packages };
    };
    const startup = eagerClosure("cli/bin.ts");
    const cli = eagerClosure("cli/main.ts");
    const compile = eagerClosure("compile/compile.ts");
    expect(startup.modules).toContain("write/plan.ts");
    expect(
      [...startup.modules].filter(
        (path) => path === "cli/main.ts" || path.startsWith("cli/commands/") || path === "write/staging.ts",
      ),
    ).toEqual([]);
    expect(cli.modules).toContain("cli/commands/generate.ts");
    expect(compile.modules).toContain("write/write.ts");
    for (const closure of [startup, cli, compile]) {
      expect(
        [...closure.packages].filter((name) => ["yaml", "ajv", "ts-morph", "handlebars", "typescript"].includes(name)),
      ).toEqual([]);
      expect(
        [...closure.modules].filter((path) => /^(load|validate|resolve)\//.test(path) && path !== "load/read-file.ts"),
      ).toEqual([]);
    }
  });

  it("loads ts-morph with require, in one module: no module imports a value of it", () => {
    // An ES import of the CommonJS package makes Node scan its whole file for named exports before it runs
    // (~130 ms of a cold generate's critical path); emit/ts-morph.ts requires it and hands on what the emitter uses.
    expect(files.filter((path) => readImports(path).eager.includes("ts-morph"))).toEqual([]);
    expect(readImports("emit/typescript.ts").eager).toContain("emit/ts-morph.ts");
    expect(readFileSync(join(root, "emit/ts-morph.ts"), "utf8")).toMatch(
      /createRequire\(import\.meta\.url\)\("ts-morph"\)/,
    );
  });

  it(`keeps every module under ${maxLines} lines`, () => {
    const long = files.flatMap((path) => {
      const lines = readFileSync(join(root, path), "utf8").split("\n").length - 1;
      return lines > maxLines ? [`${path}: ${lines} lines`] : [];
    });
    expect(long).toEqual([]);
  });

  it(`keeps every line of a module within ${maxLineLength} characters`, () => {
    const long = files.flatMap((path) =>
      readFileSync(join(root, path), "utf8")
        .split("\n")
        .flatMap((line, index) => {
          const length = [...line].length;
          return length > maxLineLength ? [`${path}:${index + 1}: ${length} characters`] : [];
        }),
    );
    expect(long).toEqual([]);
  });
});
