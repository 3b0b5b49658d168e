// Stage 2d, a vendor's names: a vendor id names the vendor's output folder and, through model/vendor-names.ts, its
// package, module or crate in every language. Two vendors that share one of them would overwrite each other's files
// or fail to build side by side (`acme-cn` and `acmecn`: one Go module, one Java package), and the output folder's
// record of the shipped specs is no vendor's folder.
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { shippedRecordFolder } from "../load/shipped-record.js";
import type { SourceDocument } from "../model/model.js";
import { vendorNames, type VendorName } from "../model/vendor-names.js";

/**
 * One name-collision per vendor and earlier vendor it shares names with, at the later vendor's id, naming every
 * shared name; one per vendor whose id is reserved. Every language counts, whatever artifacts the config lists:
 * adding an artifact to a project never turns its vendor ids into errors.
 */
export function checkVendorNames(byVendor: ReadonlyMap<string, readonly SourceDocument[]>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, string>();
  for (const [vendorId, documents] of byVendor) {
    const location = documents[0].vendorLocation;
    if (vendorId.toLowerCase() === shippedRecordFolder) {
      diagnostics.push(
        diagnostic(
          "name-collision",
          `vendor id '${vendorId}' is reserved: ${shippedRecordFolder}/ in the output folder records the ` +
            "shipped specs a run used, which diff --base reads",
          location,
        ),
      );
      continue;
    }
    const shared = new Map<string, VendorName[]>();
    for (const entry of vendorNames(vendorId)) {
      // Compared in lower case: every name is also a folder, on file systems that may ignore case.
      const key = `${entry.what}\n${entry.name.toLowerCase()}`;
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, vendorId);
      else shared.set(owner, [...(shared.get(owner) ?? []), entry]);
    }
    for (const [owner, names] of shared)
      diagnostics.push(diagnostic("name-collision", collision(vendorId, owner, names), location));
  }
  return diagnostics;
}

function collision(vendorId: string, owner: string, names: readonly VendorName[]): string {
  const folder = names.some((entry) => entry.what === "output folder")
    ? ["write to the same output folder on a case-insensitive file system"]
    : [];
  const others = names.filter((entry) => entry.what !== "output folder").map((entry) => `${entry.what} ${entry.name}`);
  const same = others.length === 0 ? [] : [`have the same ${listed(others)}`];
  return `vendor '${vendorId}' and vendor '${owner}' would ${[...folder, ...same].join(", and ")}`;
}

function listed(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
