// The config's `vendors` against the vendors the specs define: known only once the model is built, so checked by
// what builds it (generate, validate), but located at the config's own line, with the vendor most likely meant.
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import type { Config } from "./types.js";
import { configFileName } from "./discover.js";
import { didYouMeanValue } from "./near.js";

export function unknownVendors(
  config: Pick<Config, "vendors" | "vendorsAt" | "file">,
  defined: readonly string[],
): Diagnostic[] {
  return (config.vendors ?? []).flatMap((id, index) => {
    if (defined.includes(id)) return [];
    const at = config.vendorsAt?.[index] ?? { file: config.file ?? configFileName };
    return [
      diagnostic(
        "config-invalid",
        `unknown vendor '${id}'; the specs define ${defined.join(", ")}${didYouMeanValue(id, defined)}`,
        at,
      ),
    ];
  });
}
