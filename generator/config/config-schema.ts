// The config schema as validated: the JSON file, with the artifact kinds the emitter registry knows. The build
// compiles it ahead of time (generator/build/precompile.mjs); config.ts compiles it at run time only from sources.
import { artifactKinds } from "../emit/index.js";

export async function configSchemaWithKinds(): Promise<object> {
  const { default: configSchema } = await import("./config.schema.json", { with: { type: "json" } });
  return {
    ...configSchema,
    properties: {
      ...configSchema.properties,
      artifacts: { ...configSchema.properties.artifacts, items: { enum: artifactKinds } },
    },
  };
}
