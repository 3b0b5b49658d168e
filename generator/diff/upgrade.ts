// A statespec upgrade as a cause of its own. A project that uses the shipped specs (statespec:builtin) reads them
// at a ref from its output folder's record (load/shipped-record.ts) and now from the installed package: when they
// differ, the findings of the shipped vendors, and the fallback findings of the project's vendors that extend or
// fall back to them, are the upgrade's. One finding per changed shipped vendor says so; the findings it caused
// name it in `causedBy`, so a baseline entry for the upgrade accepts them all.
import type { Model, Vendor } from "../model/model.js";
import { finding, severityRank, type Finding, type FindingSeverity } from "./findings.js";

export interface UpgradeSides {
  base: { model: Model; version?: string; shipped: (file: string) => boolean };
  head: { model: Model; version: string; shipped: (file: string) => boolean };
}

/** The upgrade findings first, then the findings given, those the upgrade caused marked with `causedBy`. */
export function attributeUpgrade(findings: readonly Finding[], sides: UpgradeSides): Finding[] {
  const shippedVendors = new Set([
    ...sides.base.model.documents.filter((doc) => sides.base.shipped(doc.file)).map((doc) => doc.vendor),
    ...sides.head.model.documents.filter((doc) => sides.head.shipped(doc.file)).map((doc) => doc.vendor),
  ]);
  // A shipped vendor the upgrade changed is one whose shipped documents differ between the sides, as data (the
  // record's file names are not the package's). One with findings but the same documents on both sides was changed
  // by the project's config (say, `vendors:` dropping it): no upgrade is their cause, nor may a baseline entry for
  // one accept them.
  const shippedDocs = new Map(
    [...shippedVendors].map((id) => [
      id,
      [sides.base, sides.head].map((side) =>
        side.model.documents.filter((doc) => doc.vendor === id && side.shipped(doc.file)),
      ),
    ]),
  );
  const content = (docs: readonly object[]) =>
    JSON.stringify(docs, (key, value: unknown) => (key === "file" ? undefined : value));
  const changed = [...new Set(findings.map((f) => f.vendor))].filter((id) => {
    const [base, head] = shippedDocs.get(id) ?? [];
    return base !== undefined && head !== undefined && content(base) !== content(head);
  });
  if (changed.length === 0) return [...findings];
  const vendors = new Map(sides.head.model.vendors.map((vendor) => [vendor.id, vendor]));
  const upgrades: Finding[] = [];
  const causes = new Map<Finding, string>();
  for (const id of changed) {
    const [baseDocs, headDocs] = shippedDocs.get(id)!;
    // Added or removed by the config's vendor selection, not by the upgrade, when both packages ship the vendor.
    const shippedOnBothSides = baseDocs.length > 0 && headDocs.length > 0;
    const own = findings.filter(
      (f) => f.vendor === id && !(shippedOnBothSides && (f.kind === "vendor-added" || f.kind === "vendor-removed")),
    );
    const dependents = [...vendors.values()].filter(
      (vendor) => !shippedVendors.has(vendor.id) && reaches(vendor, id, vendors),
    );
    // A dependent's finding is the upgrade's when it is about what it takes from the shipped vendor: a pair it falls
    // back for, or a value it inherits, located in one of that vendor's shipped documents (a description, say).
    const shippedFiles = new Set([...baseDocs, ...headDocs].map((doc) => doc.file));
    const takenFrom = (f: Finding) =>
      f.cause === "fallback" || (f.location !== undefined && shippedFiles.has(f.location.file));
    const affected = dependents.filter((vendor) => findings.some((f) => f.vendor === vendor.id && takenFrom(f)));
    const caused = [...own, ...findings.filter((f) => takenFrom(f) && affected.some((v) => v.id === f.vendor))];
    const before = sides.base.version ?? "(an earlier version)";
    const relation = affected.every((vendor) => vendor.uncovered.kind === "fallback" && vendor.uncovered.inherit)
      ? "extend"
      : "fall back to";
    const names = affected.map((vendor) => vendor.id);
    const which = names.length === 0 ? "" : `, which ${names.join(", ")} ${relation}${names.length === 1 ? "s" : ""}`;
    const upgrade = finding(
      mostSevere(caused),
      id,
      {
        kind: "statespec-upgraded",
        cause: "upgrade",
        before: sides.base.version ?? null,
        after: sides.head.version,
        affected: names,
      },
      `statespec ${before} -> ${sides.head.version} changed vendor ${id}${which}`,
      [sides.base.version ?? null, sides.head.version],
    );
    upgrades.push(upgrade);
    for (const f of caused) causes.set(f, upgrade.fingerprint);
  }
  return [...upgrades, ...findings.map((f) => (causes.has(f) ? { ...f, causedBy: causes.get(f)! } : f))];
}

/** Whether `vendor` falls back, directly or through others, to `target`; a cycle ends the walk. */
function reaches(vendor: Vendor, target: string, vendors: ReadonlyMap<string, Vendor>): boolean {
  const seen = new Set<string>();
  let current: Vendor | undefined = vendor;
  while (current && current.uncovered.kind === "fallback" && !seen.has(current.id)) {
    seen.add(current.id);
    if (current.uncovered.vendor === target) return true;
    current = vendors.get(current.uncovered.vendor);
  }
  return false;
}

function mostSevere(findings: readonly Finding[]): FindingSeverity {
  return findings.reduce<FindingSeverity>(
    (worst, f) => (severityRank[f.severity] > severityRank[worst] ? f.severity : worst),
    "info",
  );
}
