// The names validate's name-collision check compares (model/vendor-names.ts) are the names the emitters wrote: read
// back from the committed output of every shipped vendor, so a change to one emitter's naming fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { vendorNames, type VendorName } from "../generator/model/vendor-names.js";

/** What the committed output of a vendor goes by, read from its files, per kind of name. */
function written(vendorId: string): Record<VendorName["what"], string> {
  const folder = join("out", vendorId);
  const [goFolder] = readdirSync(join(folder, "go"));
  const javaRoot = join(folder, "java", "src", "main", "java");
  const packageInfo = readdirSync(javaRoot, { recursive: true, encoding: "utf8" }).find((path) =>
    path.endsWith("package-info.java"),
  )!;
  const [pythonFolder] = readdirSync(join(folder, "python"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return {
    // The folder of every artifact, the TypeScript module's among them.
    "output folder": readdirSync(folder).includes("index.ts") ? vendorId : "(no TypeScript module)",
    "Python package": pythonFolder,
    "Go module": /^module (\S+)$/m.exec(readFileSync(join(folder, "go", goFolder, "go.mod"), "utf8"))![1],
    "Rust crate": /^name = "([^"]+)"$/m.exec(readFileSync(join(folder, "rust", "Cargo.toml"), "utf8"))![1],
    "Java package": /^package ([\w.]+);$/m.exec(readFileSync(join(javaRoot, packageInfo), "utf8"))![1],
  };
}

describe("a vendor's names", () => {
  it.each(["openstack", "huawei-ecs", "rackspace"])("%s: the names the check compares are the ones written", (id) => {
    const names = vendorNames(id);
    expect(names.map((entry) => entry.what)).toEqual([
      "output folder",
      "Python package",
      "Go module",
      "Rust crate",
      "Java package",
    ]);
    expect(Object.fromEntries(names.map((entry) => [entry.what, entry.name]))).toEqual(written(id));
  });

  it("ids apart only by punctuation share the Go module and the Java package, not the Python package", () => {
    const shared = (a: string, b: string) =>
      vendorNames(a)
        .filter((entry, index) => entry.name.toLowerCase() === vendorNames(b)[index].name.toLowerCase())
        .map((entry) => entry.what);
    expect(shared("acme-cn", "acmecn")).toEqual(["Go module", "Java package"]);
    expect(shared("acme-cn", "acme-CN")).toEqual([
      "output folder",
      "Python package",
      "Go module",
      "Rust crate",
      "Java package",
    ]);
  });
});
