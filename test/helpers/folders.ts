// Folders for tests: exact pictures of a folder to compare before and after, temporary projects, copies of the
// package and of the shipped spec.
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Relative paths are this checkout's, whatever the working folder: an in-process run (runCliIn) moves it while
// other tests of a describe.concurrent block run.
const checkout = fileURLToPath(new URL("../..", import.meta.url));

/** Every entry below `folder`: file contents (latin1, byte for byte), link targets and folders; links are never followed. */
export function tree(folder: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (path: string, prefix: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const shown = prefix + name;
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) entries[shown] = `-> ${readlinkSync(full)}`;
      else if (stat.isDirectory()) {
        entries[`${shown}/`] = "folder";
        walk(full, `${shown}/`);
      } else if (stat.isFile()) entries[shown] = readFileSync(full, "latin1");
      // A FIFO would never end a read: a special file is snapshot by its kind.
      else entries[shown] = "special file";
    }
  };
  walk(folder, "");
  return entries;
}

/** The regular files below `folder` as text, by '/'-separated relative path, sorted; none when it does not exist. */
export function files(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(folder)) return found;
  for (const shown of Object.keys(tree(folder)))
    if (!shown.endsWith("/") && lstatSync(join(folder, shown)).isFile())
      found.set(shown, readFileSync(join(folder, shown), "utf8"));
  return found;
}

/** A temporary project (in a folder of its own, so its parent can be inspected too): a copy of `spec`, a config. */
export function tempProject(spec: string, config?: string): string {
  const root = join(mkdtempSync(join(tmpdir(), "statespec-project-")), "project");
  cpSync(resolve(checkout, spec), join(root, "spec"), { recursive: true });
  if (config !== undefined) writeFileSync(join(root, "statespec.config.yaml"), config);
  return root;
}

/** A copy of `folder` as `name` in a new temporary folder of its own (so, for a project, its parent can be inspected
 * too): a project or out/ generated once, copied for each test that changes it. */
export function copyInTemp(folder: string, prefix: string, name = "project"): string {
  const copy = join(mkdtempSync(join(tmpdir(), prefix)), name);
  cpSync(folder, copy, { recursive: true });
  return copy;
}

/**
 * A copy of the package as installed, to break or patch: `entries` of this checkout (dist/ as built, templates/,
 * spec/ ...) and its installed dependencies (linked). Returns its folder and its built CLI.
 */
export function packageCopy(entries: readonly string[] = ["package.json", "dist", "templates", "spec"]): {
  cwd: string;
  bin: string;
} {
  const cwd = mkdtempSync(join(tmpdir(), "statespec-package-"));
  for (const entry of entries) cpSync(join(checkout, entry), join(cwd, entry), { recursive: true });
  symlinkSync(join(checkout, "node_modules"), join(cwd, "node_modules"), "dir");
  return { cwd, bin: join(cwd, "dist/generator/cli/bin.cjs") };
}

/** A spec folder with `copies` copies of the shipped spec, every document and vendor id made unique per copy. */
export function copiesOfShippedSpec(copies: number): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-copies-"));
  const unique = (id: string, copy: number) =>
    /-[A-Z]{2}$/.test(id) ? id.replace(/(-[a-z]{2}-[A-Z]{2})$/, `-c${copy}$1`) : `${id}-c${copy}`;
  for (let copy = 1; copy <= copies; copy++) {
    for (const name of readdirSync(join(checkout, "spec"))) {
      const text = readFileSync(join(checkout, "spec", name), "utf8");
      // The first copy is the shipped spec itself, file names and ids: its vendors' output is the shipped one.
      if (copy === 1) writeFileSync(join(folder, name), text);
      else
        writeFileSync(
          join(folder, `${copy}-${name}`),
          text.replace(
            /^(id: | {2}id: |translates: | {4}fallback: )(\S+)$/gm,
            (_, key: string, id: string) => `${key}${unique(id, copy)}`,
          ),
        );
    }
  }
  return folder;
}
