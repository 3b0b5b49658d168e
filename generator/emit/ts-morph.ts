// ts-morph, required rather than imported. ts-morph is CommonJS: Node's ES import of a CommonJS package first runs
// its export scanner (cjs-module-lexer) over the whole file to find the named exports, ~1 MB for ts-morph, and
// reads it twice. On a cold `generate` that was ~130 ms of the TypeScript worker, the run's critical path.
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof TsMorph;

export const { printStructure, StructureKind, VariableDeclarationKind } = tsMorph;
export type { CodeBlockWriter, StatementStructures, WriterFunction } from "ts-morph";
