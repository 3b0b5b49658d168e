// The emitter registry: one entry per artifact kind. Adding a kind is one file and one line here.
import { contentHash } from "../common/hash.js";
import type { Model } from "../model/model.js";
import {
  isGeneratedFile,
  type EmitOptions,
  type Emitted,
  type Emitter,
  type GeneratedFile,
  type OffloadedEmitter,
} from "./contract.js";
import { contentHashSlot } from "./header.js";
import { escapeForbidden, forbiddenInText } from "../common/text-safety.js";

export type { EmitOptions, Emitted, Emitter, GeneratedFile, OffloadedEmitter } from "./contract.js";
export { isGeneratedFile } from "./contract.js";

/** A registered artifact kind: its emitter, loaded on demand, and whether a config must name it to get it. */
export interface EmitterEntry {
  load: () => Promise<Emitter>;
  /** Generated only when the config's `artifacts` names it; the others are the default when it names none. */
  optIn?: true;
}

/** Loaded on demand, so a run that emits no TypeScript never loads ts-morph. */
export const emitters = {
  typescript: { load: async () => (await import("./typescript.js")).emitTypeScript },
  "json-schema": { load: async () => (await import("./json-schema.js")).emitJsonSchema },
  openapi: { load: async () => (await import("./openapi.js")).emitOpenApi },
  markdown: { load: async () => (await import("./markdown/index.js")).emitMarkdown },
  states: { load: async () => (await import("./states.js")).emitStates },
  python: { load: async () => (await import("./python.js")).emitPython, optIn: true },
  go: { load: async () => (await import("./go.js")).emitGo, optIn: true },
  rust: { load: async () => (await import("./rust.js")).emitRust, optIn: true },
  java: { load: async () => (await import("./java.js")).emitJava, optIn: true },
} satisfies Record<string, EmitterEntry>;

export type ArtifactKind = keyof typeof emitters;
/** Every registered kind: what a config's `artifacts` may name. */
export const artifactKinds = Object.keys(emitters) as ArtifactKind[];
/** What a config without `artifacts` generates: every kind that is not opt-in. */
export const defaultArtifactKinds = artifactKinds.filter((kind) => (emitters[kind] as EmitterEntry).optIn !== true);

/**
 * Every file of the chosen kinds, and every diagnostic their emitters report. A kind given in `offloaded` runs in
 * another thread while this one emits the rest; its items are passed on as they arrive. File order is not part
 * of the output: the manifest sorts by path.
 */
export async function* emitAll(
  model: Model,
  kinds: readonly ArtifactKind[],
  options: EmitOptions,
  offloaded: Partial<Record<ArtifactKind, OffloadedEmitter>> = {},
): AsyncGenerator<Emitted> {
  for await (const item of emitEach(model, kinds, options, offloaded))
    yield isGeneratedFile(item) ? stamped(defused(item)) : item;
}

/** The header's hash: of the file's own contents (with the slot in place), so it changes only when they do. */
function stamped(file: GeneratedFile): GeneratedFile {
  if (!file.contents.includes(contentHashSlot)) return file;
  return { path: file.path, contents: file.contents.split(contentHashSlot).join(contentHash(file.contents)) };
}

/**
 * Validation keeps control and bidirectional characters out of the model; this is the second line, whatever an
 * emitter or template does: such a character is written as `\uXXXX` (the same character inside a TypeScript,
 * JSON or double-quoted YAML string; visible text in a comment or page). Output stays LF-only.
 */
function defused(file: GeneratedFile): GeneratedFile {
  return forbiddenInText.test(file.contents) ? { path: file.path, contents: escapeForbidden(file.contents) } : file;
}

async function* emitEach(
  model: Model,
  kinds: readonly ArtifactKind[],
  options: EmitOptions,
  offloaded: Partial<Record<ArtifactKind, OffloadedEmitter>>,
): AsyncGenerator<Emitted> {
  const running = kinds.flatMap((kind) => (offloaded[kind] ? [offloaded[kind]] : []));
  for (const emitter of running) emitter.start(model, options);
  for (const kind of kinds) {
    if (offloaded[kind]) continue;
    for (const item of (await emitters[kind].load())(model, options)) {
      yield item;
      for (const emitter of running) yield* emitter.ready();
    }
  }
  for (const emitter of running) yield* emitter.rest();
}
