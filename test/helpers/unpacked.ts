// The run's packed tarball (packed.ts) as an installed package, for the tests whose subject is what statespec does
// in a project (the docs' examples, an upgrade's diff), not npm's install: test/package.test.ts installs with npm
// itself. npm's install costs seconds of CPU per project (and npx half a second per command); unpacking and
// linking costs milliseconds, and what runs is still the packed files, never the checkout's.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { inProcess } from "./in-process.js";

export interface Unpacked {
  /** The package's folder (package.json, dist/, spec/, out/ ...). */
  dir: string;
  /** Its executable (package.json bin), run with the Node running the tests. */
  bin: string;
}

/**
 * Unpacks `tarball` into a temporary folder. Its dependencies are linked from the checkout's node_modules into the
 * package's own, where Node looks for them from the package's real path (a link in a project's node_modules
 * would not be found from there).
 */
export function unpackPackage(tarball: string): Unpacked {
  const folder = mkdtempSync(join(tmpdir(), "statespec-unpacked-"));
  execFileSync("tar", ["-xzf", tarball, "-C", folder]);
  const dir = join(folder, "package");
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    bin: { statespec: string };
    dependencies: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies)) {
    mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(resolve("node_modules", name), join(dir, "node_modules", name));
  }
  return { dir, bin: join(dir, manifest.bin.statespec) };
}

/** Installs `unpacked` into `project` as npm would place it: node_modules/statespec and node_modules/.bin/statespec. */
export function linkPackage(project: string, unpacked: Unpacked): void {
  mkdirSync(join(project, "node_modules", ".bin"), { recursive: true });
  symlinkSync(unpacked.dir, join(project, "node_modules", "statespec"));
  const bin = join(project, "node_modules", ".bin", "statespec");
  symlinkSync(
    relative(dirname(bin), join(project, "node_modules", "statespec", relative(unpacked.dir, unpacked.bin))),
    bin,
  );
}

/**
 * A folder to put first on PATH, where `statespec` and `npx statespec` run `unpacked`'s executable as npx runs a
 * project's own: a README command runs verbatim without paying for npm's start-up each time (package.test.ts runs
 * the real npx). Any other npx command fails with exit 127.
 */
export function shimFolder(parent: string, unpacked: Unpacked): string {
  const tools = join(parent, ".statespec-test-bin");
  mkdirSync(tools);
  const run = `exec "${process.execPath}" "${unpacked.bin}" "$@"\n`;
  writeFileSync(join(tools, "statespec"), `#!/bin/sh\n${run}`);
  const onlyStatespec = `[ "$1" = statespec ] || { echo "test: only npx statespec runs here" >&2; exit 127; }\n`;
  writeFileSync(join(tools, "npx"), `#!/bin/sh\n[ "$1" = --no-install ] && shift\n${onlyStatespec}shift\n${run}`);
  for (const tool of ["statespec", "npx"]) chmodSync(join(tools, tool), 0o755);
  return tools;
}

type Main = (
  argv: readonly string[],
  io: { out: (text: string) => void; err: (text: string) => void },
) => Promise<number>;

// Node's own loader, not the test runner's (whose import() would transform the bundle, and under which a `new Function`
// import has no loader): require() of an ES module (Node 20.19+, 22.12+), as the executable's import() loads it:
// its import.meta.url in the unpacked package, its packages through its own require.
const nativeRequire = createRequire(import.meta.url);
const mains = new Map<string, Main>();

/**
 * Runs `unpacked`'s CLI (the bundle its executable loads, dist/generator/cli/main.bundle.js) in this process, as if
 * started in `cwd` with exactly `env`: what it wrote to stdout, to stderr, and to both as one text in the order
 * written (as `2>&1` merges them), and the exit code main() returns. For the output of a command line; not for what
 * the executable itself does (bin.cjs: the no-op path, signals, a failed stdout), which needs the process. Saves a
 * Node start and a cold JIT (~0.3-0.5 s of CPU per command); a generate's TypeScript thread is still started.
 */
export function runUnpackedIn(
  unpacked: Unpacked,
  cwd: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string; output: string }> {
  const bundle = join(unpacked.dir, "dist", "generator", "cli", "main.bundle.js");
  if (!mains.has(bundle)) mains.set(bundle, (nativeRequire(bundle) as { main: Main }).main);
  const main = mains.get(bundle)!;
  return inProcess(cwd, env, true, async () => {
    const written = { stdout: "", stderr: "", output: "" };
    const out = (text: string) => void ((written.stdout += text), (written.output += text));
    const err = (text: string) => void ((written.stderr += text), (written.output += text));
    return { code: await main(argv, { out, err }), ...written };
  });
}
