// The emitter registry: one entry per artifact kind. Adding a kind is one file and one line here.
import type { Model } from "../model.js";

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
}

/** Yields files one at a time, so a large spec's output never has to be in memory all at once. */
export type Emitter = (model: Model, options: EmitOptions) => Iterable<GeneratedFile>;

/** Loaded on demand, so a run that emits no TypeScript never loads ts-morph. */
export const emitters = {
  typescript: async () => (await import("./typescript.js")).emitTypeScript,
  "json-schema": async () => (await import("./json-schema.js")).emitJsonSchema,
  openapi: async () => (await import("./openapi.js")).emitOpenApi,
  markdown: async () => (await import("./markdown.js")).emitMarkdown,
} satisfies Record<string, () => Promise<Emitter>>;

export type ArtifactKind = keyof typeof emitters;
export const artifactKinds = Object.keys(emitters) as ArtifactKind[];

/**
 * Every file of the chosen kinds. A kind given in `offloaded` (an emitter already running elsewhere, see
 * parallel.ts) is drained last, so the work in this thread overlaps with it. File order is not part of the
 * output: the manifest sorts by path.
 */
export async function* emitAll(
  model: Model,
  kinds: readonly ArtifactKind[],
  options: EmitOptions,
  offloaded: Partial<Record<ArtifactKind, (model: Model, options: EmitOptions) => AsyncIterable<GeneratedFile>>> = {},
): AsyncGenerator<GeneratedFile> {
  for (const kind of kinds) if (!offloaded[kind]) yield* (await emitters[kind]())(model, options);
  for (const kind of kinds) {
    const emit = offloaded[kind];
    if (emit) yield* emit(model, options);
  }
}
