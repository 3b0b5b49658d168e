// The TypeScript compiler in-process, for every test that type-checks: a tsc process spends seconds loading the
// compiler and parsing the standard library and @types before it checks a line. Here the compiler loads once per
// vitest worker and the library files parse once (kept below); each call is still a program of its own, so one
// test's files never change another's types. Diagnostics read as tsc prints them: `file(line,col): error TSnnnn: ...`.
import { resolve, sep } from "node:path";
import ts from "typescript";

/** tsc's flags for a generated module as a consumer compiles it: --strict --target es2022 --module nodenext. */
export const strictOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
};

// Only files below a node_modules folder (the standard library, @types, installed packages) are kept: they do not
// change during a run, while the tests write and rewrite their own files.
const libraryFiles = new Map<string, ts.SourceFile>();
const isLibrary = (fileName: string) => fileName.includes(`${sep}node_modules${sep}`);

/** What one program printed: all of it, and what a run over only `files` (and what they import) would print. */
export interface TypeCheck {
  text: string;
  /** The diagnostics of `files`, and those of no file or of a file the program was not given. */
  about(files: readonly string[]): string;
  /** By resolved file name; `""` holds the diagnostics of no file. */
  byFile: Map<string, string>;
}

/**
 * Type-checks `files` (each resolved against `cwd`, the folder tsc would run in) with `options` over
 * strictOptions; emits when `options.noEmit` is false (to `options.outDir`).
 */
export function typeCheck(files: readonly string[], options: ts.CompilerOptions = {}, cwd = process.cwd()): TypeCheck {
  const compilerOptions = { ...strictOptions, ...options };
  const host = ts.createCompilerHost(compilerOptions);
  host.getCurrentDirectory = () => cwd;
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!isLibrary(fileName)) return read(fileName, languageVersion, onError, shouldCreate);
    const key = `${JSON.stringify(languageVersion)}:${fileName}`;
    let file = libraryFiles.get(key);
    if (file === undefined) {
      file = read(fileName, languageVersion, onError, shouldCreate);
      if (file !== undefined) libraryFiles.set(key, file);
    }
    return file;
  };
  const roots = files.map((file) => resolve(cwd, file));
  const program = ts.createProgram(roots, compilerOptions, host);
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (compilerOptions.noEmit === false) diagnostics.push(...program.emit().diagnostics);
  const formatHost: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => cwd,
    getNewLine: () => "\n",
  };
  const byFile = new Map<string, string>();
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file === undefined ? "" : resolve(diagnostic.file.fileName);
    byFile.set(file, (byFile.get(file) ?? "") + ts.formatDiagnostics([diagnostic], formatHost));
  }
  const given = new Set(roots);
  return {
    text: [...byFile.values()].join(""),
    byFile,
    about: (wanted) => {
      const named = new Set(wanted.map((file) => resolve(cwd, file)));
      return [...byFile]
        .filter(([file]) => !given.has(file) || named.has(file))
        .map(([, text]) => text)
        .join("");
    },
  };
}
