// Where the bench and the tests find each Node version (bench/nodes.mjs): the last place it looks is the PATH, for
// the machine's own Node, which a checkout's npm scripts put behind the `node` devDependency's.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeBinary } from "../bench/nodes.mjs";

const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

/** A folder holding an executable `node` that says it is `version`. */
function fakeNode(version: string): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-fake-node-"));
  writeFileSync(join(folder, "node"), `#!/bin/sh\necho ${version}\n`);
  chmodSync(join(folder, "node"), 0o755);
  return folder;
}

describe.skipIf(process.platform === "win32")("nodeBinary", () => {
  it("finds a version on the PATH by asking each node there, the first of that major", () => {
    const root = mkdtempSync(join(tmpdir(), "statespec-nodes-root-"));
    mkdirSync(join(root, "checkout"));
    const [other, wanted, later] = [fakeNode("v16.20.2"), fakeNode("v18.19.0"), fakeNode("v18.20.0")];
    delete process.env.STATESPEC_NODE18;
    process.env.STATESPEC_NODES = join(root, "none");
    process.env.PATH = [other, wanted, later].join(":");
    expect(nodeBinary("18", join(root, "checkout"))).toBe(join(wanted, "node"));
    expect(nodeBinary("14", join(root, "checkout"))).toBeUndefined();
  });

  it("takes STATESPEC_NODE<major> first, and only if it exists", () => {
    const wanted = fakeNode("v18.19.0");
    process.env.PATH = wanted;
    process.env.STATESPEC_NODE18 = join(tmpdir(), "statespec-no-such-node");
    expect(nodeBinary("18", tmpdir())).toBeUndefined();
    process.env.STATESPEC_NODE18 = join(wanted, "node");
    expect(nodeBinary("18", tmpdir())).toBe(join(wanted, "node"));
  });
});
