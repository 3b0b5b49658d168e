// A hostile machine rather than a hostile spec: inputs that are not regular files, a closed or full stdout, a
// missing TMPDIR, a deleted working folder, a git repository that cannot give what diff asks. Each is a short
// message and a non-zero exit (EPIPE: the command's own code), never a hang, a stack trace or exit 70.
// A hang, a stream or a deleted working folder is the process's: the built CLI as a real process. A missing TMPDIR
// and git's answers are what main() prints and returns: in-process (runCliIn; os.tmpdir() reads TMPDIR per call).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRegularFile } from "../generator/common/read-file.js";
import { runBuilt, runCliIn, initGitRepo } from "./helpers/cli.js";

const minimalSpec = "test/fixtures/valid-minimal/spec";
const noStackTrace = /\n\s+at |internal error|Error:/;
// These scenarios need Linux (mkfifo, /dev/zero, /dev/full, /proc). Elsewhere they are skipped, unless CI requires
// every tool (STATESPEC_REQUIRE_TOOLS=1): then they run and fail.
const skip = process.platform !== "linux" && process.env.STATESPEC_REQUIRE_TOOLS !== "1";

function projectWithSpec(): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-env-"));
  cpSync(minimalSpec, join(folder, "spec"), { recursive: true });
  // Without a config statespec reads its shipped specs; this one's default is spec/ beside it.
  writeFileSync(join(folder, "statespec.config.yaml"), "");
  return folder;
}

describe("spec inputs that are not regular files", () => {
  it.skipIf(skip)(
    "a FIFO, a link to /dev/zero, a socket and a folder are located errors, not a hang or an endless read",
    async () => {
      const folder = projectWithSpec();
      execFileSync("mkfifo", [join(folder, "spec", "fifo.yaml")]);
      symlinkSync("/dev/zero", join(folder, "spec", "zero.yaml"));
      mkdirSync(join(folder, "spec", "folder.yaml"));
      const socket = createServer();
      await new Promise<void>((listening) => socket.listen(join(folder, "spec", "socket.yaml"), listening));
      try {
        const [validate, generate] = await Promise.all([
          runBuilt(["validate"], { cwd: folder }),
          runBuilt(["generate"], { cwd: folder }),
        ]);
        for (const result of [validate, generate]) {
          expect(result.signal, result.stderr).toBeNull();
          expect(result.code).toBe(1);
          expect(result.stderr).toContain(
            "spec/fifo.yaml: error not-a-file is a FIFO (named pipe), not a regular file",
          );
          expect(result.stderr).toContain("spec/zero.yaml: error not-a-file is a character device, not a regular file");
          expect(result.stderr).toContain("spec/socket.yaml: error not-a-file is a socket, not a regular file");
          expect(result.stderr).toContain("spec/folder.yaml: error not-a-file is a folder, not a regular file");
          expect(result.stderr).not.toMatch(noStackTrace);
        }
        expect(existsSync(join(folder, "out"))).toBe(false);
      } finally {
        socket.close();
      }
    },
  );

  it("a spec file linked to a file of another kind (a token, an environment) is an error that does not quote it", async () => {
    // The link may come with a pull request, and the message goes to a CI log.
    const folder = projectWithSpec();
    const secrets = join(mkdtempSync(join(tmpdir(), "statespec-secret-")), "npmrc");
    writeFileSync(secrets, "//registry.npmjs.org/:_authToken=npm_TOPSECRET\n");
    symlinkSync(secrets, join(folder, "spec", "npmrc.yaml"));
    symlinkSync("/proc/self/environ", join(folder, "spec", "environ.yaml"));
    // The executable as a process: its /proc/self/environ holds the variable.
    const result = await runBuilt(["validate"], { cwd: folder, env: { ...process.env, STATESPEC_PROBE: "TOPSECRET" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /spec\/npmrc\.yaml:1:1: error schema-type the document must be an object, not text \(\d+ characters; not YAML/,
    );
    expect(result.stderr).toContain("spec/environ.yaml:");
    expect(result.stderr).not.toContain("TOPSECRET");
    expect(result.stderr).not.toContain("authToken");
  });

  it.skipIf(skip)("the size limit holds for the bytes read, not the size stat reports", () => {
    // Files under /proc say they are 0 bytes long and are not.
    expect(readFileSync("/proc/self/maps").length).toBeGreaterThan(64);
    expect(readRegularFile("/proc/self/maps", 64)).toEqual({ tooLarge: true });
    const small = join(mkdtempSync(join(tmpdir(), "statespec-read-")), "small.yaml");
    writeFileSync(small, "x".repeat(64));
    expect(readRegularFile(small, 64)).toEqual({ bytes: Buffer.from("x".repeat(64)) });
    expect(readRegularFile(small, 63)).toEqual({ tooLarge: true, size: 64 });
  });
});

describe("an out folder on a file system that refuses folders", () => {
  // Node's recursive mkdir retries forever when mkdir says ENOENT under a parent that exists (procfs, sysfs):
  // `generate --out /proc/x` used to spin until killed.
  it.skipIf(skip)("--out under /proc or /sys is a located write-failed and exit 1, not a hang", async () => {
    const folder = projectWithSpec();
    const [proc, sys] = await Promise.all([
      runBuilt(["generate", "--out", "/proc/statespec-out"], { cwd: folder, timeoutMs: 20_000 }),
      runBuilt(["generate", "--out", "/sys/statespec-out"], { cwd: folder, timeoutMs: 20_000 }),
    ]);
    for (const [result, code] of [
      [proc, "ENOENT"],
      [sys, "EPERM"],
    ] as const) {
      expect(result.signal, result.stderr).toBeNull();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`statespec-out: error write-failed cannot write the output \\(${code}\\)`),
      );
      expect(result.stderr).not.toMatch(noStackTrace);
    }
  });
});

describe("stdout, TMPDIR and the working folder", () => {
  it.skipIf(skip)(
    "EPIPE ends quietly, /dev/full, a missing TMPDIR and a deleted working folder are one line and exit 1",
    async () => {
      const folder = projectWithSpec();
      const gone = mkdtempSync(join(tmpdir(), "statespec-gone-"));
      const repo = repository();
      const [epipe, full, missingTmp, deletedCwd] = await Promise.all([
        // Export of the shipped spec is larger than a pipe's buffer: head is gone before it is written.
        runBuilt([], { shell: `{ statespec export; echo "statespec exit $?" >&2; } | head -c 20` }),
        runBuilt([], { cwd: folder, shell: "statespec export > /dev/full" }),
        runCliIn(repo, ["diff", "--base", "HEAD"], { TMPDIR: join(folder, "no-such-folder") }),
        runBuilt([], { shell: `cd "${gone}" && rmdir "${gone}" && statespec validate` }),
      ]);
      expect(epipe.stdout).toBe('{\n  "documents": [\n ');
      expect(epipe.stderr).toBe("statespec exit 0\n");
      expect([full.code, full.stderr]).toEqual([1, "statespec: cannot write to stdout: ENOSPC\n"]);
      expect([missingTmp.code, missingTmp.stderr]).toEqual([
        1,
        `statespec diff: cannot create a temporary folder in ${join(folder, "no-such-folder")} (ENOENT); set TMPDIR to a writable folder\n`,
      ]);
      expect([deletedCwd.code, deletedCwd.stderr]).toEqual([
        1,
        "statespec validate: cannot read the working folder (ENOENT); it may have been deleted: cd to an existing folder\n",
      ]);
    },
  );
});

/** A git repository whose HEAD holds the minimal spec. */
function repository(): string {
  const repo = projectWithSpec();
  const git = initGitRepo(repo);
  git("add", ".");
  git("commit", "-qm", "base");
  return repo;
}

describe("diff against a git ref that cannot be read as it should", () => {
  it("a huge blob, a submodule entry and a missing object are located or one-line errors, exit 1", async () => {
    const repo = repository();
    const git = (args: string[], input?: Buffer) =>
      execFileSync("git", args, { cwd: repo, encoding: "utf8", input }).trim();
    const commitWith = (tag: string, path: string, mode: string, object: string) => {
      git(["update-index", "--add", "--cacheinfo", `${mode},${object},${path}`]);
      git(["commit", "-qm", tag]);
      git(["tag", tag]);
      git(["rm", "-q", "--cached", path]);
    };
    // Past the 64 MiB that `git show` output was once buffered up to; only a listing of its size is ever read.
    commitWith(
      "huge",
      "spec/huge.yaml",
      "100644",
      git(["-c", "core.looseCompression=1", "hash-object", "-w", "--stdin"], Buffer.alloc(65 * 1024 * 1024, "#")),
    );
    git(["commit", "-qm", "without huge"]);
    // A submodule is a commit in the tree; this one need not exist anywhere.
    commitWith("submodule", "spec/module.yaml", "160000", "0123456789abcdef0123456789abcdef01234567");
    git(["commit", "-qm", "without submodule"]);
    // A blob the repository lost (a broken or partial clone): its object file is gone.
    const lost = git(
      ["hash-object", "-w", "--stdin"],
      Buffer.from(`${readFileSync(join(minimalSpec, "base.yaml"), "utf8")}# lost\n`),
    );
    commitWith("lost", "spec/lost.yaml", "100644", lost);
    rmSync(join(repo, ".git", "objects", lost.slice(0, 2), lost.slice(2)));

    const head = join(repo, "spec");
    const [huge, submodule, missing] = await Promise.all(
      ["huge", "submodule", "lost"].map((tag) => runCliIn(repo, ["diff", "--base", tag, "--head", head])),
    );
    expect([huge.code, huge.stderr]).toEqual([
      1,
      `statespec diff: the base spec (huge) is not valid:\nhuge:spec/huge.yaml: error yaml-too-large file is ${65 * 1024 * 1024} bytes; the limit is 8388608\n1 error, 0 warnings\n`,
    ]);
    expect([submodule.code, submodule.stderr]).toEqual([
      1,
      "statespec diff: the base spec (submodule) is not valid:\nsubmodule:spec/module.yaml: error not-a-file is a submodule, not a regular file; statespec reads only regular files\n1 error, 0 warnings\n",
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^statespec diff: git cat-file failed: object [0-9a-f]{40} \(lost:spec\/lost\.yaml\) is missing from the repository\n$/,
    );
  });
});
