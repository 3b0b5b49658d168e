// What every emitter is: a pure function from the model to the files of one artifact kind, with a diagnostic for
// what it cannot render. Emitters import this module, never the registry (emit/index.ts), so the registry can
// load them without a cycle.
import type { Diagnostic } from "../common/diagnostics.js";
import type { Model } from "../model/model.js";

export interface GeneratedFile {
  /** Relative to the output folder, '/'-separated. */
  path: string;
  contents: string;
}

export interface EmitOptions {
  enumStyle: "enum" | "const";
  /** Base of every generated JSON Schema $id; ends in '/'. */
  schemaBaseUri: string;
  /** Template sources by file name, read by the load stage (emitters do not touch the disk). */
  templates: Readonly<Record<string, string>>;
  /** The templates folder as diagnostics name it (a display path, from the load stage); default `templates`. */
  templatesShownAs?: string;
}

/**
 * One item of an emitter's output: a file, or a diagnostic about input it cannot render (a template that does not
 * compile, say). Emitters never throw for user input; a thrown error is a bug. An error diagnostic stops the
 * write stage: nothing of the run is written.
 */
export type Emitted = GeneratedFile | Diagnostic;

export function isGeneratedFile(item: Emitted): item is GeneratedFile {
  return "contents" in item;
}

/**
 * Yields its output one item at a time, so a large spec's files never have to be in memory all at once. Pure: no
 * disk, no clock, no environment; the same model and options give the same items in the same order.
 */
export type Emitter = (model: Model, options: EmitOptions) => Iterable<Emitted>;

/** An emitter already running in another thread (parallel.ts). */
export interface OffloadedEmitter {
  /** Sends the whole model and options; items arrive in the background. */
  start: (model: Model, options: EmitOptions) => void;
  /** Items that have arrived so far, without waiting: drained between this thread's files to bound memory. */
  ready: () => Emitted[];
  /** The remaining items, waiting for them. */
  rest: () => AsyncIterable<Emitted>;
}
