// The statespec version that wrote the output folder at a ref: its manifest's `generator`, told in the upgrade
// finding ("statespec 0.1.0 -> 0.1.1"). Only a hint: a missing or odd manifest leaves the version unknown.
import { execFile } from "node:child_process";
import { posix } from "node:path";
import { promisify } from "node:util";
import { manifestName } from "../write/plan.js";

const run = promisify(execFile);

/** `record`: the record folder's path in the repository; the manifest sits beside it. */
export async function recordedVersion(top: string, commit: string, record: string): Promise<{ version?: string }> {
  const manifest = posix.join(posix.dirname(record), manifestName);
  try {
    const { stdout } = await run("git", ["cat-file", "blob", "--end-of-options", `${commit}:${manifest}`], {
      cwd: top,
      encoding: "utf8",
      maxBuffer: 1024 * 1024,
    });
    const version = (JSON.parse(stdout) as { generator?: unknown }).generator;
    return typeof version === "string" && /^[0-9A-Za-z.+-]{1,64}$/.test(version) ? { version } : {};
  } catch {
    return {};
  }
}
