// Which script the TypeScript thread runs: the build's bundle, unless tsc rebuilt the module it is made from since.
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workerScript } from "../generator/emit/parallel.js";

function emitFolder(files: Record<string, number>): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-worker-script-"));
  for (const [name, seconds] of Object.entries(files)) {
    writeFileSync(join(folder, name), "");
    utimesSync(join(folder, name), seconds, seconds);
  }
  return folder;
}

describe("the TypeScript thread's script", () => {
  it("is the bundle when it is as new as tsc's module or newer (an installed package: npm gives both one time)", () => {
    for (const bundleTime of [1000, 2000]) {
      const folder = emitFolder({ "typescript-worker.cjs": bundleTime, "typescript-worker.js": 1000 });
      expect(workerScript(folder)).toBe(join(folder, "typescript-worker.cjs"));
    }
  });

  it("is tsc's module when tsc rebuilt it after the bundle was made, or when there is no bundle", () => {
    const rebuilt = emitFolder({ "typescript-worker.cjs": 1000, "typescript-worker.js": 2000 });
    expect(workerScript(rebuilt)).toBe(join(rebuilt, "typescript-worker.js"));
    const unbundled = emitFolder({ "typescript-worker.js": 1000 });
    expect(workerScript(unbundled)).toBe(join(unbundled, "typescript-worker.js"));
  });
});
