// compactDerivation caches no table (model/derive.ts): its callers hold one as long as they need it. Asked about
// vendors in any order, it must answer each with that vendor's own table, the same as a fresh build gives.
import { describe, expect, it } from "vitest";
import { buildModel } from "../generator/compile/compile.js";
import { compactDerivation, statesForStatus } from "../generator/model/derive.js";

describe("compactDerivation, held by its callers", async () => {
  const built = await buildModel(["spec"]);
  const vendors = built.model!.vendors;
  // Fresh tables, as structured copies, before any interleaving.
  const fresh = new Map(vendors.map((vendor) => [vendor.id, structuredClone(compactDerivation(vendor.derivation))]));

  it("answers each vendor with its own table, whichever vendor was asked before", () => {
    expect(vendors.length).toBeGreaterThan(2);
    expect(
      new Set([...fresh.values()].map((table) => JSON.stringify(table))).size,
      "the shipped vendors' tables differ",
    ).toBe(vendors.length);
    for (const order of [
      vendors,
      [...vendors].reverse(),
      [vendors[0], vendors[2], vendors[0], vendors[1], vendors[2]],
    ]) {
      for (const vendor of order) expect(compactDerivation(vendor.derivation), vendor.id).toEqual(fresh.get(vendor.id));
    }
  });

  it("gives the same list filter whether or not another vendor's table was built in between", () => {
    const [first, second] = vendors;
    const alone = statesForStatus(compactDerivation(first.derivation), "ACTIVE");
    compactDerivation(second.derivation);
    expect(statesForStatus(compactDerivation(first.derivation), "ACTIVE")).toEqual(alone);
    expect(alone?.vmStates).toContain("active");
  });
});
