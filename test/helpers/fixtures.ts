// The broken-input fixtures (test/fixtures/invalid/<case>/) made whole. Most cases are valid-minimal's spec with one
// small change, so a case holds only that change: `spec.patch`, a unified diff of valid-minimal's folder that a
// reviewer reads as "valid-minimal, but this line" (empty when the case uses valid-minimal's spec as it is and only
// adds files of its own). A case without `spec.patch` holds its whole spec/ itself (specs not derived from
// valid-minimal, and the invalid-UTF-8 bytes, which must reach the validator exactly as written).
// The patch is applied by `git apply`: strict about context (a hunk whose lines do not match fails; it may move to
// another line, it never fuzzes), byte-exact, and no dependency of ours.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const invalidCases = "test/fixtures/invalid";
export const validMinimal = "test/fixtures/valid-minimal";
export const patchFile = "spec.patch";
/** A case's files that describe the test, not its input: never copied into the materialized case. */
const testFiles = ["args", "expected.txt", patchFile];

/** Whether the case at `folder` is valid-minimal's spec (patched or not) plus files of its own. */
export function isDerived(folder: string): boolean {
  return existsSync(join(folder, patchFile));
}

/** The relative paths ('/'-separated) of the files and links below `folder`. */
function filesBelow(folder: string, prefix = ""): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(join(folder, entry.name), `${prefix}${entry.name}/`) : [prefix + entry.name],
  );
}

/**
 * Writes the input of the case at `folder` (test/fixtures/invalid/<case>) into `target`: valid-minimal's spec with
 * the case's `spec.patch` applied, then the case's own files (links copied as links). Throws, naming the case, when
 * the patch does not apply or when a file of the case would replace one of valid-minimal's (a change is the patch's).
 */
export function materializeCase(folder: string, target: string): void {
  mkdirSync(target, { recursive: true });
  if (isDerived(folder)) {
    cpSync(validMinimal, target, { recursive: true });
    const inherited = new Set(filesBelow(validMinimal));
    const replaced = filesBelow(folder).filter((path) => inherited.has(path));
    if (replaced.length > 0)
      throw new Error(
        `${folder}: ${replaced.join(", ")} would replace valid-minimal's; write the change in ${patchFile}`,
      );
    const patch = readFileSync(join(folder, patchFile));
    if (patch.length > 0) {
      try {
        // No repository above `target` may be found: git apply would take the patch's paths as relative to its top.
        execFileSync("git", ["apply", "--whitespace=nowarn", "-"], {
          cwd: target,
          input: patch,
          env: { ...process.env, GIT_CEILING_DIRECTORIES: dirname(resolve(target)) },
          stdio: ["pipe", "pipe", "pipe"],
        });
      } catch (error) {
        const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
        throw new Error(`${folder}/${patchFile} does not apply to ${validMinimal}: ${stderr}`, { cause: error });
      }
    }
  }
  for (const name of readdirSync(folder).filter((entry) => !testFiles.includes(entry)))
    cpSync(join(folder, name), join(target, name), { recursive: true, verbatimSymlinks: true });
}

/**
 * The case `name` made whole in a new temporary folder `root`, at the same relative path as in this checkout
 * (`folder`), so that a run from `root` prints the paths a run from the checkout would.
 */
export function caseInTemp(name: string): { root: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), "statespec-case-"));
  const folder = join(root, invalidCases, name);
  materializeCase(join(invalidCases, name), folder);
  return { root, folder };
}
