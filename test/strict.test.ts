// Strict when asked (issue 25): --fail-on for validate and generate, did-you-mean at the value itself drawn from
// the vendor's whole space, suggestions for option values, short usage errors. And (issue 24) did-you-mean whose
// work and cache are bounded by length, whatever the input holds. All through the built CLI as a real process.
import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { runBuilt } from "./helpers.js";

/** A response file of `count` servers, each with its own unknown status of `size` characters, written as a stream. */
async function hugeStatuses(count: number, size: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "statespec-huge-")), "servers.json");
  const out = createWriteStream(file);
  const chunk = "X".repeat(64 * 1024);
  out.write('{"servers": [');
  for (let index = 0; index < count; index++) {
    // Distinct from the first characters on, so no two values share a cache entry or a summary row.
    out.write(`${index === 0 ? "" : ","}{"id": "s${index}", "status": "S${index}-`);
    for (let written = 0; written < size; written += chunk.length) if (!out.write(chunk)) await once(out, "drain");
    out.write('", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null, "OS-EXT-STS:power_state": 1}');
  }
  out.end("]}\n");
  await once(out, "finish");
  return file;
}

describe("did-you-mean on huge values (issue 24)", () => {
  it("check on 36 servers with distinct 1 MB unknown statuses ends with findings in a 100 MB heap", async () => {
    const file = await hugeStatuses(36, 1024 * 1024);
    // Before the caps, 36 such statuses exhausted a 100 MB heap (an uncapped edit distance, whole values cached).
    const result = await runBuilt(["check", "--spec", "statespec:builtin", file], { env: { NODE_OPTIONS: "--max-old-space-size=100" }, timeoutMs: 60_000 });
    expect(result.signal, result.stderr.slice(0, 2000)).toBeNull();
    expect(result.stderr).not.toMatch(/heap|\n\s+at /);
    expect(result.code).toBe(1);
    const unknown = result.stdout.split("\n").filter((line) => / error unknown-status /.test(line));
    expect(unknown).toHaveLength(36);
    // No suggestion for a value that long, and no line carries the whole value.
    expect(unknown.join("\n")).not.toMatch(/did you mean/);
    expect(Math.max(...result.stdout.split("\n").map((line) => line.length))).toBeLessThan(1000);
  }, 90_000);
});
