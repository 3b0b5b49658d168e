// The package as `npm pack` makes it, packed once per test run for every test file that installs it (package,
// upgrade): the first file to ask packs it in the run's folder (test/global-setup.ts) while the others wait.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import "../global-setup.js";

export const npmEnv = {
  ...process.env,
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

/**
 * Packs a copy of this checkout's package files with the hooks npm runs around `npm pack` (prepack, postpack)
 * except their `npm run build`: npm test builds first, and a second build here would only take time. The copy
 * keeps the checkout's own package.json untouched while other test files read it.
 */
function pack(folder: string): string {
  const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
    files: string[];
    scripts: Record<string, string>;
  };
  const copy = join(folder, "package");
  const entries = manifest.files.filter((entry) => !entry.startsWith("!")).map((entry) => entry.replace(/\/$/, ""));
  for (const entry of ["package.json", "generator/build", ...entries]) {
    mkdirSync(dirname(join(copy, entry)), { recursive: true });
    cpSync(entry, join(copy, entry), { recursive: true });
  }
  const hook = (name: string) => {
    for (const step of manifest.scripts[name]!.split(" && ").filter((command) => command !== "npm run build"))
      execFileSync("sh", ["-c", step], { cwd: copy, stdio: "pipe" });
  };
  hook("prepack");
  execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", folder], {
    cwd: copy,
    env: npmEnv,
    stdio: "pipe",
  });
  hook("postpack");
  return join(
    folder,
    readdirSync(folder).find((name) => name.endsWith(".tgz"))!,
  );
}

/** The path of this run's tarball of the package. */
export async function packedTarball(): Promise<string> {
  const folder = join(inject("runFolder"), "pack");
  const done = join(folder, "done.json");
  let mine = true;
  try {
    mkdirSync(folder);
  } catch {
    mine = false;
  }
  if (mine) {
    let result: { tarball?: string; error?: string };
    try {
      result = { tarball: pack(folder) };
    } catch (error) {
      result = { error: String((error as { stderr?: string }).stderr || error) };
    }
    writeFileSync(`${done}.part`, JSON.stringify(result));
    renameSync(`${done}.part`, done);
  }
  while (!existsSync(done)) await sleep(200);
  const result = JSON.parse(readFileSync(done, "utf8")) as { tarball?: string; error?: string };
  if (result.tarball === undefined) throw new Error(`npm pack failed: ${result.error}`);
  return result.tarball;
}
