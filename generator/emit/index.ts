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

export type Emitter = (model: Model, options: EmitOptions) => GeneratedFile[];

/** Loaded on demand, so a run that emits no TypeScript never loads ts-morph. */
export const emitters = {
  typescript: async () => (await import("./typescript.js")).emitTypeScript,
  "json-schema": async () => (await import("./json-schema.js")).emitJsonSchema,
  openapi: async () => (await import("./openapi.js")).emitOpenApi,
  markdown: async () => (await import("./markdown.js")).emitMarkdown,
} satisfies Record<string, () => Promise<Emitter>>;

export type ArtifactKind = keyof typeof emitters;
export const artifactKinds = Object.keys(emitters) as ArtifactKind[];

export async function emitAll(model: Model, kinds: readonly ArtifactKind[], options: EmitOptions): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const kind of kinds) files.push(...(await emitters[kind]())(model, options));
  return files;
}
