// The spec folders at a commit, copied into a temporary folder as a checkout would write them: links followed
// inside the repository, every file through the repository's filters (ident, eol, smudge drivers) for its path.
// Four git processes whatever the number of files: one walks the tree, one sizes the files, two check them out.
import { spawn } from "node:child_process";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { diagnostic, type Diagnostic, type DiagnosticCode } from "../common/diagnostics.js";
import { describeCharacter, forbiddenInLine } from "../common/text-safety.js";
import { maxSpecFileBytes } from "../common/read-file.js";
import { CatFile } from "./git-batch.js";
import { folderMode, GitTree, linkMode, submoduleMode, type Resolution, type TreeEntry } from "./git-tree.js";
import { SideError } from "./side-error.js";

export interface RefFolder {
  /** The spec folder's path in the repository ("" for the top folder). */
  inRepo: string;
  /** Where its files are copied to. */
  copy: string;
}

/** A file to read: shown as `ref:path`, its blob, and the path it really has in the tree (whose filters apply). */
interface Wanted {
  file: string;
  oid: string;
  path: string;
  copy: string;
}

/**
 * Copies each folder's spec files (`scratch`: an empty folder to work in); returns the folders that exist at the
 * ref, and what could not be read.
 */
export async function copySpecsAtRef(
  commit: string,
  label: string,
  top: string,
  folders: readonly RefFolder[],
  scratch: string,
): Promise<{ copied: RefFolder[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const problem = (code: DiagnosticCode, file: string, message: string) =>
    diagnostics.push(diagnostic(code, message, { file }));
  const copied: RefFolder[] = [];
  const wanted: Wanted[] = [];
  const objects = new CatFile(top, ["--batch"]);
  try {
    const tree = await GitTree.open(objects, commit);
    for (const folder of folders) {
      const shown = `${label}:${folder.inRepo || "."}`;
      const found = await tree.resolve(folder.inRepo);
      if (found.kind !== "found") {
        refuseOutside(found, label);
        // A ref that predates the folder has no spec there: that side simply has none of the user's documents.
        if (found.kind === "absent" && found.link === undefined) continue;
        problem("spec-folder-missing", shown, `cannot read spec folder: ${unfound(found)}`);
        continue;
      }
      if (found.entry.mode !== folderMode) {
        problem("spec-folder-missing", shown, "cannot read spec folder: it is not a folder at this ref");
        continue;
      }
      const names = [...(await tree.list(found.entry.oid)).keys()].filter((name) => /\.ya?ml$/.test(name)).sort();
      if (names.length === 0) continue;
      copied.push(folder);
      for (const name of names) {
        const file = `${label}:${folder.inRepo === "" ? "" : `${folder.inRepo}/`}${name}`;
        const unsafe = forbiddenInLine.exec(name);
        // The working tree's rule for file names (load.ts); such a name is never handed to git either.
        if (unsafe) {
          problem("unsafe-character", file, `the file name contains ${describeCharacter(unsafe[0])}; rename the file`);
          continue;
        }
        const path = found.path === "" ? name : `${found.path}/${name}`;
        const entry = (await tree.list(found.entry.oid)).get(name)!;
        const target = entry.mode === linkMode ? await tree.resolve(path) : ({ kind: "found", path, entry } as const);
        if (target.kind !== "found") {
          refuseOutside(target, label);
          problem("file-unreadable", file, `cannot read file: ${unfound(target)}`);
        } else if (notAFile(target.entry)) {
          problem(
            "not-a-file",
            file,
            `is ${notAFile(target.entry)}, not a regular file; statespec reads only regular files`,
          );
        } else wanted.push({ file, oid: target.entry.oid, path: target.path, copy: join(folder.copy, name) });
      }
    }
    await objects.close();
  } finally {
    objects.stop();
  }
  for (const folder of copied) await mkdir(folder.copy, { recursive: true });
  await checkoutFiltered(top, await withinBound(top, wanted, problem), scratch);
  return { copied, diagnostics };
}

type Unfound = Exclude<Resolution, { kind: "found" | "outside" }>;

/** A link out of the repository is refused (exit 2): it could only name this machine's files, never the ref's. */
function refuseOutside(found: Exclude<Resolution, { kind: "found" }>, label: string): asserts found is Unfound {
  if (found.kind !== "outside") return;
  throw new SideError(
    `at '${label}', ${found.link} is a symbolic link to '${found.target}' that leaves the repository; ` +
      "diff follows links only inside it",
    2,
  );
}

function unfound(found: Unfound): string {
  if (found.kind === "broken") return `the symbolic link ${found.link}: ${found.why}`;
  return `the symbolic link ${found.link} leads to nothing at this ref`;
}

function notAFile(entry: TreeEntry): string | undefined {
  if (entry.mode === folderMode) return "a folder";
  if (entry.mode === submoduleMode) return "a submodule";
  return undefined;
}

/** The files within the size limit, told from git's sizes before any is read: a huge blob never reaches memory. */
async function withinBound(
  top: string,
  wanted: Wanted[],
  problem: (code: DiagnosticCode, file: string, message: string) => void,
): Promise<Wanted[]> {
  if (wanted.length === 0) return [];
  const sizes = new CatFile(top, ["--batch-check"]);
  try {
    for (const file of wanted) sizes.ask(file.oid);
    const kept: Wanted[] = [];
    for (const file of wanted) {
      const answer = await sizes.answer(0);
      if ("absent" in answer) throw lostObject(file);
      if (answer.size <= maxSpecFileBytes) kept.push(file);
      else problem("yaml-too-large", file.file, `file is ${answer.size} bytes; the limit is ${maxSpecFileBytes}`);
    }
    await sizes.close();
    return kept;
  } finally {
    sizes.stop();
  }
}

/**
 * Each file as a checkout writes it: `git checkout-index` into `scratch`, from an index of our own that holds only
 * these blobs, so the filters of the working tree's attributes apply (ident, eol, smudge drivers). Not `cat-file
 * --batch --filters`: git 2.39 gives there the blob's size in the header, not the filtered text's, so the output
 * cannot be split. What a filter makes larger than the limit is refused when the copy is loaded, as in the tree.
 */
async function checkoutFiltered(top: string, wanted: Wanted[], scratch: string): Promise<void> {
  if (wanted.length === 0) return;
  const env = { ...process.env, GIT_INDEX_FILE: join(scratch, "index") };
  const paths = [...new Set(wanted.map((file) => file.path))];
  const listing = paths.map((path) => `100644 ${wanted.find((file) => file.path === path)!.oid}\t${path}\0`).join("");
  await runGit(["update-index", "-z", "--add", "--index-info"], top, env, listing);
  const files = join(scratch, "files");
  await runGit(["checkout-index", "--all", `--prefix=${files}/`], top, env);
  for (const file of wanted) {
    await copyFile(join(files, file.path), file.copy).catch((error: NodeJS.ErrnoException) => {
      throw new SideError(`git checkout-index failed: it wrote no ${file.file} (${error.code})`, 1);
    });
  }
}

/** Runs git with `input` on its stdin; a failure is the machine's or the repository's (exit 1). */
function runGit(args: string[], cwd: string, env: NodeJS.ProcessEnv, input = ""): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn("git", args, { cwd, env, stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => void (stderr.length < 4096 && (stderr += chunk.toString("utf8"))));
    child.stdin.on("error", () => undefined);
    child.on("error", (error) => fail(new SideError(`git ${args[0]} failed: ${error.message}`, 1)));
    child.on("close", (code) =>
      code === 0
        ? done()
        : fail(new SideError(`git ${args[0]} failed: ${stderr.trim().split("\n")[0] || `exit ${code}`}`, 1)),
    );
    child.stdin.end(input);
  });
}

function lostObject(file: Wanted): SideError {
  return new SideError(`git cat-file failed: object ${file.oid} (${file.file}) is missing from the repository`, 1);
}
