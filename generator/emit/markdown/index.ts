// Markdown per vendor and locale, plus the cross-vendor pages, from handlebars templates in templates/: one
// template per page, the locale's words as data (strings.ts). Templates get logic-free view data: ordering,
// grouping and escaping all happen in the view modules. A broken template is a diagnostic, not an exception.
import { referenceVendorId } from "../../model/conformance.js";
import type { Model } from "../../model/model.js";
import type { EmitOptions, Emitted } from "../contract.js";
import { conformanceView } from "./conformance-page.js";
import { indexView } from "./index-page.js";
import { PageRenderer } from "./render.js";
import { pageStrings } from "./strings.js";
import { pageFile, vendorView } from "./vendor-page.js";

export { inline } from "./text.js";

export function* emitMarkdown(
  model: Model,
  options: Pick<EmitOptions, "templates" | "templatesShownAs">,
): Iterable<Emitted> {
  const renderer = new PageRenderer(options.templates, options.templatesShownAs);
  const page = function* (path: string, template: string, view: () => object): Iterable<Emitted> {
    const rendered = renderer.render(template, view());
    yield "contents" in rendered ? { path, contents: rendered.contents } : rendered;
  };
  const byId = new Map(model.documents.map((document) => [document.id, document]));
  // A selected vendor's fallback may be one the config left out: its page still compares the two.
  const vendors = new Map([...model.vendors, ...(model.unselected ?? [])].map((vendor) => [vendor.id, vendor]));
  for (const vendor of model.vendors) {
    const documents = vendor.documents.map((id) => byId.get(id)!);
    const primaryLocale = documents[0].locale;
    const fallback = vendor.uncovered.kind === "fallback" ? vendors.get(vendor.uncovered.vendor) : undefined;
    // The primary locale always gets a page (in English words when the locale has none); another locale only with
    // its words.
    for (const locale of vendor.locales) {
      if (locale !== primaryLocale && pageStrings[locale] === undefined) continue;
      const words = pageStrings[locale] === undefined ? "en" : locale;
      yield* page(`${vendor.id}/${pageFile(locale, primaryLocale)}`, "vendor.md.hbs", () =>
        vendorView(vendor, documents, locale, words, fallback),
      );
    }
  }
  yield* page("README.md", "index.md.hbs", () => indexView(model));
  if (model.vendors.some((vendor) => vendor.id === referenceVendorId))
    yield* page("conformance.md", "conformance.md.hbs", () => conformanceView(model));
}
