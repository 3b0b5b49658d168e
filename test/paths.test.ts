import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isWithin } from "../generator/common/paths.js";

describe("isWithin, the one containment check of paths", () => {
  const top = join("/", "repo");
  it("holds for the folder itself and anything below it", () => {
    expect(isWithin(top, top)).toBe(true);
    expect(isWithin(top, join(top, "spec", "a.yaml"))).toBe(true);
  });
  it("holds for a name that only starts with two dots", () => {
    expect(isWithin(top, join(top, "..notes"))).toBe(true);
    expect(isWithin(top, join(top, "...", "x"))).toBe(true);
  });
  it("fails for the parent, a sibling and a path that climbs out", () => {
    expect(isWithin(top, "/")).toBe(false);
    expect(isWithin(top, join("/", "repo-other", "x"))).toBe(false);
    expect(isWithin(top, join(top, "..", "elsewhere"))).toBe(false);
  });
});
