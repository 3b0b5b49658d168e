// The tree of a commit, walked as the file system walks a checkout of it: symbolic links are followed, but only
// inside the repository. A link that is absolute, or climbs above the repository's top folder, is reported as
// leaving it: at a ref it could only name files of this machine (the working tree itself, say), never the ref's.
import type { CatFile } from "./git-batch.js";
import { SideError } from "./side-error.js";

export interface TreeEntry {
  /** As git writes it: `40000` a folder, `120000` a symbolic link, `160000` a submodule, else a file. */
  mode: string;
  oid: string;
}

export const linkMode = "120000";
export const folderMode = "40000";
export const submoduleMode = "160000";

export type Resolution =
  /** `path`: where the entry really is in the tree, links resolved ("" is the top folder). */
  | { kind: "found"; path: string; entry: TreeEntry }
  /** Nothing there; `link`: the link whose target is missing, when a link led there. */
  | { kind: "absent"; link?: string }
  /** A link (at `link`) whose `target` leaves the repository. */
  | { kind: "outside"; link: string; target: string }
  /** More links in a row than the system follows (a cycle, most likely), or a link git cannot hold as a path. */
  | { kind: "broken"; link: string; why: string };

/** Linux follows at most 40 links in one path. */
const maxLinks = 40;
/** A link's target is a path: PATH_MAX bounds it. */
const maxLinkBytes = 4096;
/** Bounds one folder's listing, so a hostile tree cannot fill memory. */
const maxTreeBytes = 64 * 1024 * 1024;

export class GitTree {
  private readonly trees = new Map<string, Map<string, TreeEntry>>();

  private constructor(
    private readonly objects: CatFile,
    private readonly root: string,
  ) {}

  /** The tree of `commit` (an object id), read through `objects` (a `git cat-file --batch`). */
  static async open(objects: CatFile, commit: string): Promise<GitTree> {
    objects.ask(`${commit}^{tree}`);
    const answer = await objects.answer(maxTreeBytes);
    if ("absent" in answer || answer.bytes === undefined) throw unreadable(`the tree of commit ${commit}`);
    const tree = new GitTree(objects, answer.oid);
    tree.trees.set(answer.oid, parseTree(answer.bytes, answer.oid.length / 2));
    return tree;
  }

  /** The entries of a folder, by name. */
  async list(oid: string): Promise<Map<string, TreeEntry>> {
    const known = this.trees.get(oid);
    if (known) return known;
    this.objects.ask(oid);
    const answer = await this.objects.answer(maxTreeBytes);
    if ("absent" in answer || answer.bytes === undefined || answer.type !== "tree") throw unreadable(`tree ${oid}`);
    const entries = parseTree(answer.bytes, oid.length / 2);
    this.trees.set(oid, entries);
    return entries;
  }

  /** Finds `path` (relative to the top folder, `/`-separated) as `open()` would in a checkout. */
  async resolve(path: string): Promise<Resolution> {
    let rest = path.split("/");
    const folders: { name: string; oid: string }[] = [];
    let links = 0;
    let lastLink: { at: string; target: string } | undefined;
    const here = () => folders.map((folder) => folder.name);
    for (;;) {
      const name = rest.shift();
      if (name === undefined)
        return {
          kind: "found",
          path: here().join("/"),
          entry: { mode: folderMode, oid: folders.at(-1)?.oid ?? this.root },
        };
      if (name === "" || name === ".") continue;
      if (name === "..") {
        if (folders.length === 0)
          return { kind: "outside", link: lastLink?.at ?? path, target: lastLink?.target ?? path };
        folders.pop();
        continue;
      }
      const entry = (await this.list(folders.at(-1)?.oid ?? this.root)).get(name);
      const at = [...here(), name].join("/");
      if (!entry) return lastLink === undefined ? { kind: "absent" } : { kind: "absent", link: lastLink.at };
      if (entry.mode === linkMode) {
        if (++links > maxLinks)
          return { kind: "broken", link: at, why: `more than ${maxLinks} symbolic links in a row (a cycle?)` };
        const target = await this.linkTarget(entry.oid);
        if (target === undefined) return { kind: "broken", link: at, why: "its target is not a path" };
        if (target.startsWith("/")) return { kind: "outside", link: at, target };
        rest = [...target.split("/"), ...rest];
        // The target is relative to the folder that holds the link; a `..` above the top folder leaves the repository.
        lastLink = { at, target };
        continue;
      }
      if (entry.mode === folderMode) {
        folders.push({ name, oid: entry.oid });
        continue;
      }
      // A file or a submodule: the end of the path, unless the path goes on (then, as in a checkout, nothing is there).
      if (rest.length > 0) return lastLink === undefined ? { kind: "absent" } : { kind: "absent", link: lastLink.at };
      return { kind: "found", path: at, entry };
    }
  }

  private async linkTarget(oid: string): Promise<string | undefined> {
    this.objects.ask(oid);
    const answer = await this.objects.answer(maxLinkBytes);
    if ("absent" in answer) throw unreadable(`symbolic link ${oid}`);
    if (answer.bytes === undefined || answer.bytes.includes(0)) return undefined;
    return answer.bytes.toString("utf8");
  }
}

/** A raw tree object: per entry `<mode> <name>\0` and the object id in `idBytes` binary bytes. */
function parseTree(bytes: Buffer, idBytes: number): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(32, at);
    const nul = bytes.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 1 + idBytes > bytes.length) throw unreadable("a tree object");
    const mode = bytes.subarray(at, space).toString("latin1");
    const name = bytes.subarray(space + 1, nul).toString("utf8");
    entries.set(name, { mode, oid: bytes.subarray(nul + 1, nul + 1 + idBytes).toString("hex") });
    at = nul + 1 + idBytes;
  }
  return entries;
}

/** An object the repository should hold and does not give (a broken or partial clone): the repository's failure. */
function unreadable(what: string): SideError {
  return new SideError(`git cat-file failed: ${what} cannot be read`, 1);
}
