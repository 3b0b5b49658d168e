// The files `statespec init` writes into a project: never over anything. Each file is created with 'wx' (the
// system call fails if the name exists, even when it appeared a moment after we looked), and .gitignore is only
// appended to, with the lines it does not hold yet.
import { appendFileSync, lstatSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { maxSpecFileBytes, readRegularBytes } from "../common/read-file.js";

export interface ProjectFile {
  /** Relative to the project folder, with /. */
  path: string;
  text: string;
}

const noThrow = { throwIfNoEntry: false } as const;

/** The names among `files` that are taken (by a file, a folder or a link, even a broken one), each with why: the
 * file's own name, or a folder on its way that is something else (`spec` a file). */
export function takenNames(folder: string, files: readonly ProjectFile[]): { path: string; why: string }[] {
  const taken: { path: string; why: string }[] = [];
  for (const file of files) {
    const parts = file.path.split("/");
    const blocked = parts
      .slice(0, -1)
      .map((_, index) => parts.slice(0, index + 1).join("/"))
      .find((parent) => exists(join(folder, parent)) && !statSync(join(folder, parent), noThrow)?.isDirectory());
    if (blocked !== undefined) taken.push({ path: blocked, why: `is not a folder, and ${file.path} would be in it` });
    else if (exists(join(folder, file.path))) taken.push({ path: file.path, why: "exists" });
  }
  return taken;
}

/** Creates each file; stops at the first one that cannot be created, naming it and why. */
export function createFiles(
  folder: string,
  files: readonly ProjectFile[],
): { created: string[]; failed?: { path: string; reason: string } } {
  const created: string[] = [];
  for (const file of files) {
    const path = join(folder, file.path);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text, { flag: "wx" });
      created.push(file.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Nothing at all, rather than half a project: what this run created goes (it was not there before).
      for (const done of created) rmSync(join(folder, done), { force: true });
      return {
        created: [],
        failed: {
          path: file.path,
          reason:
            code === "EEXIST"
              ? "it exists (init never overwrites a file)"
              : `cannot write it (${code ?? "unknown error"})`,
        },
      };
    }
  }
  return { created };
}

/** Appends to `name` (created when missing) the lines it lacks, under `comment`; returns the lines added. */
export function appendMissingLines(
  folder: string,
  name: string,
  comment: string,
  lines: readonly string[],
): { added: string[] } | { reason: string } {
  const path = join(folder, name);
  let text = "";
  try {
    if (!lstatSync(path).isFile()) return { reason: "it is not a regular file" };
    // Bounded, as every file statespec did not write: a huge or growing file is not read whole.
    const bytes = readRegularBytes(path, maxSpecFileBytes);
    if (bytes === undefined) return { reason: `it is over ${maxSpecFileBytes} bytes` };
    text = bytes.toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") return { reason: `cannot read it (${code})` };
  }
  const present = new Set(text.split(/\r?\n/).map((line) => line.trim()));
  const added = lines.filter((line) => !present.has(line));
  if (added.length === 0) return { added };
  const block = [...(present.has(comment) ? [] : [comment]), ...added].join("\n");
  const separator = text === "" ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  try {
    appendFileSync(path, `${separator}${block}\n`);
  } catch (error) {
    return { reason: `cannot write it (${(error as NodeJS.ErrnoException).code})` };
  }
  return { added };
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
