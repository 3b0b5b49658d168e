// generate --watch, run as a real process: regenerates on change, survives an invalid spec, keeps watching.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const bin = resolve("dist/generator/cli/bin.cjs");

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The file's text, or "" while it is absent: a commit moves the old file aside before the new one takes its place. */
function textOf(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}

describe("statespec generate --watch", () => {
  const project = mkdtempSync(join(tmpdir(), "statespec-watch-"));
  cpSync("test/fixtures/valid-minimal/spec", join(project, "spec"), { recursive: true });
  // Without a config statespec reads its shipped specs; this one's default is spec/ beside it.
  writeFileSync(join(project, "statespec.config.yaml"), "");
  const child = spawn(process.execPath, [bin, "generate", "--watch"], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  afterAll(() => {
    child.kill("SIGINT");
  });

  it("generates, regenerates on a change, reports an invalid state and recovers", async () => {
    const generated = join(project, "out", "acme", "index.ts");
    await until(() => existsSync(generated) && stdout.includes("watching"), "the first generation");
    expect(readFileSync(generated, "utf8")).toContain("Running.");

    const specFile = join(project, "spec", "base.yaml");
    const original = readFileSync(specFile, "utf8");
    writeFileSync(specFile, original.replace("Running.", "Up and running."));
    await until(() => textOf(generated).includes("Up and running."), "regeneration after an edit");

    writeFileSync(specFile, original.replace("  rows:\n", "  rows: [\n"));
    await until(() => stderr.includes("error yaml-syntax"), "a diagnostic for the broken spec");
    expect(stderr).toMatch(/spec\/base\.yaml:\d+:\d+: error yaml-syntax/);
    expect(readFileSync(generated, "utf8")).toContain("Up and running.");
    expect(child.exitCode).toBeNull();

    writeFileSync(specFile, original.replace("Running.", "Running again."));
    await until(() => textOf(generated).includes("Running again."), "regeneration after the fix");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
