// The emitter contract (generator/emit/contract.ts): every emitter yields files and diagnostics, and reports input
// it cannot render as a located diagnostic instead of throwing.
import { describe, expect, it } from "vitest";
import { templatesFolder } from "../generator/common/package-root.js";
import { buildModel } from "../generator/compile/compile.js";
import { isGeneratedFile, type Emitted } from "../generator/emit/contract.js";
import { artifactKinds, emitAll, emitters } from "../generator/emit/index.js";
import { loadTemplates } from "../generator/load/templates.js";

async function collect(items: AsyncIterable<Emitted> | Iterable<Emitted>): Promise<Emitted[]> {
  const all: Emitted[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("the emitter contract", async () => {
  const built = await buildModel(["test/fixtures/valid-minimal/spec"]);
  const model = built.model!;
  const templates = await loadTemplates(templatesFolder());
  const options = { enumStyle: "enum" as const, schemaBaseUri: "https://statespec.invalid/schemas/", templates };

  it.each(artifactKinds)("%s: yields files only, for a valid model and the shipped templates", async (kind) => {
    const items = await collect((await emitters[kind].load())(model, options));
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((item) => !isGeneratedFile(item))).toEqual([]);
    for (const item of items)
      expect(item).toEqual({
        path: expect.stringMatching(
          /^([a-z0-9_-]+\/)*[A-Za-z0-9._-]+\.(ts|json|yaml|md|py|typed|toml|go|mod|rs|java)$/,
        ),
        contents: expect.any(String),
      });
  });

  it("markdown: a template that does not compile is a diagnostic at the template, and the other pages still render", async () => {
    const broken = { ...templates, "index.md.hbs": "# Title\n\n{{#each vendors}}\n{{id}\n" };
    const items = await collect(
      (await emitters.markdown.load())(model, { ...options, templates: broken, templatesShownAs: "pkg/templates" }),
    );
    const diagnostics = items.filter((item) => !isGeneratedFile(item));
    expect(diagnostics).toEqual([
      {
        code: "template-error",
        severity: "error",
        message: expect.stringContaining("Parse error"),
        file: "pkg/templates/index.md.hbs",
        line: expect.any(Number),
        column: 1,
      },
    ]);
    expect(items.filter(isGeneratedFile).map((file) => file.path)).toContain("acme/README.md");
  });

  it("markdown: a missing template is a diagnostic too, passed through the registry", async () => {
    const { "vendor.md.hbs": _, ...withoutVendorPage } = templates;
    const items = await collect(emitAll(model, ["markdown"], { ...options, templates: withoutVendorPage }));
    expect(items.filter((item) => !isGeneratedFile(item))).toEqual([
      expect.objectContaining({
        code: "template-error",
        file: "templates/vendor.md.hbs",
        message: "template vendor.md.hbs is missing",
      }),
    ]);
  });
});
