// `statespec diff` as a CI gate cannot be led to "no change" by the shape of the repository: a spec folder that is
// a symbolic link or holds one, a branch named like the spec folder, git filters. Real git repositories; the CLI
// in-process (runCliIn: what is printed and main()'s exit code, git run by it as real processes), and one usage
// error also as the built CLI, a real process, for the executable's exit code.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { initGitRepo, runBuilt, runCliIn } from "./helpers/cli.js";

const baseSpec = readFileSync("test/fixtures/valid-minimal/spec/base.yaml", "utf8");
/** The mapping row active + rebooting changed from REBOOT to SHUTOFF: a change the diff must report. */
const rowChanged = (spec: string) =>
  spec.replace("task_states: [rebooting]\n      status: REBOOT", "task_states: [rebooting]\n      status: SHUTOFF");
const rowChangedFinding = ["error", "row-changed", "row active + rebooting: status REBOOT -> SHUTOFF (base)"];

function emptyRepo(): { repo: string; git: (...args: string[]) => string } {
  const repo = realpathSync(mkdtempSync(join(tmpdir(), "statespec-gates-")));
  // Without a config statespec reads only its shipped specs; an empty one reads spec/ beside it.
  writeFileSync(join(repo, "statespec.config.yaml"), "");
  return { repo, git: initGitRepo(repo) };
}

const diff = (repo: string, ...args: string[]) => runCliIn(repo, ["diff", ...args]);

function findings(stdout: string): string[][] {
  return (JSON.parse(stdout) as { findings: { severity: string; kind: string; message: string }[] }).findings.map(
    (f) => [f.severity, f.kind, f.message],
  );
}

/** The vendor-added and vendor-removed findings of a JSON report, as "kind vendor". */
function vendorFindings(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: { kind: string; vendor: string }[] }).findings
    .filter((f) => f.kind.startsWith("vendor-"))
    .map((f) => `${f.kind} ${f.vendor}`);
}

describe("symbolic links at the ref are followed inside the repository, as in the working tree", () => {
  it("a spec folder that is a link (through a second link) shows a row change", async () => {
    const { repo, git } = emptyRepo();
    mkdirSync(join(repo, "real"));
    writeFileSync(join(repo, "real", "base.yaml"), baseSpec);
    symlinkSync("real", join(repo, "middle"));
    symlinkSync("middle/", join(repo, "spec"));
    git("add", ".");
    git("commit", "-qm", "base");
    writeFileSync(join(repo, "real", "base.yaml"), rowChanged(baseSpec));
    const result = await diff(repo, "--base", "HEAD", "--format", "json");
    expect(result.stderr).toBe("");
    expect(findings(result.stdout)).toEqual([rowChangedFinding]);
    expect(result.code).toBe(1);
  });

  it("a spec file that is a link into another folder of the repository shows a row change", async () => {
    const { repo, git } = emptyRepo();
    mkdirSync(join(repo, "shared"));
    mkdirSync(join(repo, "spec"));
    writeFileSync(join(repo, "shared", "base.yaml"), baseSpec);
    symlinkSync("../shared/base.yaml", join(repo, "spec", "base.yaml"));
    git("add", ".");
    git("commit", "-qm", "base");
    writeFileSync(join(repo, "shared", "base.yaml"), rowChanged(baseSpec));
    const result = await diff(repo, "--base", "HEAD", "--format", "json");
    expect(result.stderr).toBe("");
    expect(findings(result.stdout)).toEqual([rowChangedFinding]);
    expect(result.code).toBe(1);
  });

  it("a link that is dangling at the ref makes that side invalid, not empty", async () => {
    const { repo, git } = emptyRepo();
    symlinkSync("nowhere", join(repo, "spec"));
    git("add", ".");
    git("commit", "-qm", "dangling");
    git("rm", "-q", "spec");
    mkdirSync(join(repo, "spec"));
    writeFileSync(join(repo, "spec", "base.yaml"), baseSpec);
    const result = await diff(repo, "--base", "HEAD");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("HEAD:spec: error spec-folder-missing");
  });

  it("a link that leaves the repository is refused at the ref (exit 2), absolute or through ..", async () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), "statespec-gates-outside-")));
    writeFileSync(join(outside, "base.yaml"), baseSpec);
    for (const target of [outside, "../../../../../../../../../../../" + outside]) {
      const { repo, git } = emptyRepo();
      symlinkSync(target, join(repo, "spec"));
      git("add", ".");
      git("commit", "-qm", "outside");
      // The working tree holds its own folder now: only the ref's link leaves the repository.
      git("rm", "-q", "spec");
      mkdirSync(join(repo, "spec"));
      writeFileSync(join(repo, "spec", "base.yaml"), rowChanged(baseSpec));
      const result = await diff(repo, "--base", "HEAD");
      expect(result.stderr).toMatch(
        /^statespec diff: at 'HEAD', spec is a symbolic link to '.+' that leaves the repository; /,
      );
      expect(result.code).toBe(2);
    }
  });

  it("a link target from the ref is escaped when it is shown: one line, no control character", async () => {
    const { repo, git } = emptyRepo();
    symlinkSync("/x\n::error file=README.md::forged\u001b[2J\u202E", join(repo, "spec"));
    git("add", ".");
    git("commit", "-qm", "hostile link");
    const result = await diff(repo, "--base", "HEAD", "--head", "HEAD", "--format", "github");
    expect(result.stderr).toBe(
      "statespec diff: at 'HEAD', spec is a symbolic link to " +
        "'/x\\u000A::error file=README.md::forged\\u001B[2J\\u202E' " +
        "that leaves the repository; diff follows links only inside it\n",
    );
    expect(result.code).toBe(2);
  });

  it("a file link that leaves the repository is refused at the ref (exit 2)", async () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), "statespec-gates-outside-")));
    writeFileSync(join(outside, "base.yaml"), baseSpec);
    const { repo, git } = emptyRepo();
    mkdirSync(join(repo, "spec"));
    symlinkSync(join(outside, "base.yaml"), join(repo, "spec", "base.yaml"));
    git("add", ".");
    git("commit", "-qm", "outside");
    git("rm", "-q", "spec/base.yaml");
    mkdirSync(join(repo, "spec"), { recursive: true });
    writeFileSync(join(repo, "spec", "base.yaml"), baseSpec);
    const result = await diff(repo, "--base", "HEAD");
    expect(result.stderr).toMatch(
      /^statespec diff: at 'HEAD', spec\/base\.yaml is a symbolic link to '.+' that leaves the repository; /,
    );
    expect(result.code).toBe(2);
  });

  it("a working-tree link that leaves the repository is refused against a ref (exit 2): folder, file", async () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), "statespec-gates-outside-")));
    writeFileSync(join(outside, "base.yaml"), rowChanged(baseSpec));
    for (const link of ["spec", "spec/base.yaml"]) {
      const { repo, git } = emptyRepo();
      mkdirSync(join(repo, "spec"));
      writeFileSync(join(repo, "spec", "base.yaml"), baseSpec);
      git("add", ".");
      git("commit", "-qm", "base");
      git("rm", "-rq", link);
      if (link === "spec") symlinkSync(outside, join(repo, "spec"));
      else {
        mkdirSync(join(repo, "spec"), { recursive: true });
        symlinkSync(join(outside, "base.yaml"), join(repo, link));
      }
      const result = await diff(repo, "--base", "HEAD");
      expect(result.stderr).toMatch(
        new RegExp(`^statespec diff: ${link.replace(".", "\\.")} is a symbolic link to .+, outside the git repository`),
      );
      expect(result.code).toBe(2);
    }
  });
});

describe("a --base that names both a ref and a folder", () => {
  // One repository for this group, made once: the base committed on main, a branch named like the spec folder and
  // one named -p at it, the row change in the working tree. No test changes it; each reads its own refs.
  let shared: string | undefined;
  function repoWithBranchSpec(): string {
    if (shared) return shared;
    const { repo, git } = emptyRepo();
    mkdirSync(join(repo, "spec"));
    writeFileSync(join(repo, "spec", "base.yaml"), baseSpec);
    git("add", ".");
    git("commit", "-qm", "base");
    git("branch", "spec");
    git("update-ref", "refs/heads/-p", "HEAD");
    writeFileSync(join(repo, "spec", "base.yaml"), rowChanged(baseSpec));
    return (shared = repo);
  }

  it("is a usage error naming both, and says how to choose", async () => {
    const repo = repoWithBranchSpec();
    const result = await runBuilt(["diff", "--base", "spec"], { cwd: repo });
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "statespec diff: --base 'spec' names both a folder (spec) and a git ref (refs/heads/spec); " +
        "write --base ./spec for the folder or --base refs/heads/spec for the ref\n",
    );
    expect(result.code).toBe(2);
  });

  it("each spelling the message offers works", async () => {
    const repo = repoWithBranchSpec();
    const ref = await diff(repo, "--base", "refs/heads/spec", "--format", "json");
    expect(findings(ref.stdout)).toEqual([rowChangedFinding]);
    const folder = await diff(repo, "--base", "./spec", "--format", "json");
    expect([folder.code, findings(folder.stdout)]).toEqual([0, []]);
  });

  it("--head is held to the same rule", async () => {
    const repo = repoWithBranchSpec();
    const result = await diff(repo, "--base", "HEAD", "--head", "spec");
    expect(result.stderr).toMatch(/^statespec diff: --head 'spec' names both a folder/);
    expect(result.code).toBe(2);
  });

  it("a ref whose name starts with - is a ref, never an option to git", async () => {
    const repo = repoWithBranchSpec();
    const result = await diff(repo, "--base=-p", "--format", "json");
    expect(result.stderr).toBe("");
    expect(findings(result.stdout)).toEqual([rowChangedFinding]);
    const option = await diff(repo, "--base=--all");
    expect([option.code, option.stderr]).toEqual([
      2,
      "statespec diff: '--all' is neither a folder nor a git ref of this repository\n",
    ]);
  });

  it("a path through a file is neither a folder nor a ref: a usage error, no stack trace", async () => {
    const repo = repoWithBranchSpec();
    const result = await diff(repo, "--base", "spec/base.yaml/x");
    expect([result.code, result.stderr]).toEqual([
      2,
      "statespec diff: 'spec/base.yaml/x' is neither a folder nor a git ref of this repository\n",
    ]);
  });

  it("a name that is neither is escaped when it is shown", async () => {
    const { repo } = emptyRepo();
    mkdirSync(join(repo, "spec"));
    writeFileSync(join(repo, "spec", "base.yaml"), baseSpec);
    const result = await diff(repo, "--base", "x\u001b[2J\u202Ey");
    expect(result.stderr).toBe(
      "statespec diff: 'x\\u001B[2J\\u202Ey' is neither a folder nor a git ref of this repository\n",
    );
    expect(result.code).toBe(2);
  });
});

describe("the base is read through the repository's filters, as the working tree was", () => {
  function committedWith(
    attributes: string,
    text: string,
    configure?: (git: (...args: string[]) => string) => void,
  ): string {
    const { repo, git } = emptyRepo();
    configure?.(git);
    writeFileSync(join(repo, ".gitattributes"), attributes);
    mkdirSync(join(repo, "spec"));
    writeFileSync(join(repo, "spec", "base.yaml"), text);
    git("add", ".");
    git("commit", "-qm", "base");
    // What a checkout writes: the smudged text in the working tree.
    git("rm", "-q", "--cached", "spec/base.yaml");
    git("checkout", "HEAD", "--", "spec/base.yaml");
    return repo;
  }

  it("ident: an unchanged file with $Id$ in a value is unchanged", async () => {
    const text = baseSpec.replace("  publisher: Acme\n", '  publisher: Acme\n  revision: "$Id$"\n');
    const repo = committedWith("*.yaml ident\n", text);
    expect(readFileSync(join(repo, "spec", "base.yaml"), "utf8")).toMatch(/revision: "\$Id: [0-9a-f]{40} \$"/);
    const result = await diff(repo, "--base", "HEAD", "--format", "json", "--fail-on", "warning");
    expect(result.stderr).toBe("");
    expect([result.code, findings(result.stdout)]).toEqual([0, []]);
  });

  it("a clean/smudge filter driver: an unchanged file is unchanged", async () => {
    // Stored as REBOOT, checked out as SHUTOFF: reading the raw blob would invent a row change.
    const repo = committedWith("*.yaml filter=swap\n", rowChanged(baseSpec), (git) => {
      git("config", "filter.swap.clean", "sed 's/status: SHUTOFF$/status: REBOOT/'");
      git("config", "filter.swap.smudge", "sed 's/status: REBOOT$/status: SHUTOFF/'");
    });
    const result = await diff(repo, "--base", "HEAD", "--format", "json", "--fail-on", "warning");
    expect(result.stderr).toBe("");
    expect([result.code, findings(result.stdout)]).toEqual([0, []]);
  });

  it("text eol=crlf: an unchanged file is unchanged", async () => {
    const repo = committedWith("*.yaml text eol=crlf\n", baseSpec);
    expect(readFileSync(join(repo, "spec", "base.yaml"), "utf8")).toContain("\r\n");
    const result = await diff(repo, "--base", "HEAD", "--format", "json", "--fail-on", "warning");
    expect([result.code, findings(result.stdout)]).toEqual([0, []]);
  });
});

describe("reading a ref costs a few git processes, not one per file", () => {
  it("thirty spec files at a ref, some behind links", async () => {
    const { repo, git } = emptyRepo();
    mkdirSync(join(repo, "real"));
    for (let n = 0; n < 30; n++) {
      writeFileSync(
        join(repo, "real", `f${String(n).padStart(2, "0")}.yaml`),
        baseSpec.replace(/^id: base$/m, `id: base-${n}`).replace("  id: acme", `  id: acme-${n}`),
      );
    }
    mkdirSync(join(repo, "spec"));
    for (let n = 0; n < 30; n++) {
      const name = `f${String(n).padStart(2, "0")}.yaml`;
      if (n % 3 === 0) symlinkSync(`../real/${name}`, join(repo, "spec", name));
      else writeFileSync(join(repo, "spec", name), readFileSync(join(repo, "real", name)));
    }
    git("add", ".");
    git("commit", "-qm", "base");
    // A git on PATH that counts its runs before running the real one.
    const bin = join(repo, ".bin");
    const log = join(bin, "runs.log");
    mkdirSync(bin);
    const realGit = git("--exec-path").trim() + "/git";
    writeFileSync(join(bin, "git"), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${realGit}' "$@"\n`);
    chmodSync(join(bin, "git"), 0o755);
    // In-process too: git is found on PATH when it is started, so the counting one is the one that runs.
    const result = await runCliIn(repo, ["diff", "--base", "HEAD", "--format", "json"], {
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(result.stderr).toBe("");
    expect([result.code, findings(result.stdout)]).toEqual([0, []]);
    const runs = readFileSync(log, "utf8").trim().split("\n");
    // rev-parse (the ref, the top folder), one cat-file for the ref's config (ref-config.ts), then the spec files:
    // one walks the tree, one sizes the files, two check them out.
    expect(runs.length).toBeLessThanOrEqual(7);
  });
});

describe("each side is read by its own config: a pull request's config cannot move the base out of the comparison", () => {
  /** The repository after its first commit: the minimal spec in spec/, committed with `config`. */
  function committed(config: string) {
    const { repo, git } = emptyRepo();
    writeFileSync(join(repo, "statespec.config.yaml"), config);
    mkdirSync(join(repo, "spec"));
    writeFileSync(join(repo, "spec", "base.yaml"), baseSpec);
    git("add", ".");
    git("commit", "-qm", "base");
    return { repo, git };
  }
  const kinds = (stdout: string) => findings(stdout).map(([severity, kind]) => `${severity} ${kind}`);

  it("a spec folder moved, and its config pointed at the new place, still shows the row it changed", async () => {
    const { repo, git } = committed("");
    git("mv", "spec", "moved");
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: [moved]\n");
    writeFileSync(join(repo, "moved", "base.yaml"), rowChanged(baseSpec));
    const result = await diff(repo, "--base", "HEAD", "--format", "json");
    expect(result.stderr).toBe("");
    expect([result.code, findings(result.stdout)]).toEqual([1, [rowChangedFinding]]);
  });

  it("--config names the file read at the ref too: the ref's copy of it, or the defaults where the ref has none", async () => {
    const { repo, git } = committed("");
    // The config the CI step names, at ci/statespec.yaml: the base's copy points at spec/ (relative to ci/).
    mkdirSync(join(repo, "ci"));
    writeFileSync(join(repo, "ci", "statespec.yaml"), "specs: [../spec]\n");
    git("add", ".");
    git("commit", "-qm", "ci config");
    git("mv", "spec", "moved");
    writeFileSync(join(repo, "ci", "statespec.yaml"), "specs: [../moved]\n");
    writeFileSync(join(repo, "moved", "base.yaml"), rowChanged(baseSpec));
    const result = await diff(repo, "--base", "HEAD", "--config", "ci/statespec.yaml", "--format", "json");
    expect(result.stderr).toBe("");
    expect([result.code, findings(result.stdout)]).toEqual([1, [rowChangedFinding]]);
    // A base without that file (and without output) is one where statespec did not run: no vendors.
    const before = await diff(repo, "--base", "HEAD~1", "--config", "ci/statespec.yaml", "--format", "json");
    expect(before.stderr).toContain("statespec diff: note: HEAD~1 has no statespec config");
    const vendors = vendorFindings(before.stdout);
    expect(vendors).toEqual(["vendor-added acme"]);
  });

  it("a vendor the config stops generating is removed: by its spec folder, or by vendors:", async () => {
    const { repo, git } = committed("specs: [statespec:builtin, spec]\nvendors: [openstack, acme]\n");
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: [statespec:builtin, spec]\nvendors: [openstack]\n");
    writeFileSync(join(repo, "spec", "base.yaml"), rowChanged(baseSpec));
    const deselected = await diff(repo, "--base", "HEAD", "--format", "json");
    expect([deselected.code, kinds(deselected.stdout)]).toEqual([1, ["error vendor-removed"]]);
    git("rm", "-qrf", "spec");
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: [statespec:builtin]\n");
    const dropped = await diff(repo, "--base", "HEAD", "--format", "json");
    expect(dropped.code).toBe(1);
    expect(kinds(dropped.stdout)).toContain("error vendor-removed");
  });

  it("a vendor renamed with its config's vendors: list is the old one removed", async () => {
    const { repo } = committed("vendors: [acme]\n");
    writeFileSync(join(repo, "statespec.config.yaml"), "vendors: [acme-two]\n");
    writeFileSync(join(repo, "spec", "base.yaml"), baseSpec.replace("  id: acme", "  id: acme-two"));
    const result = await diff(repo, "--base", "HEAD", "--format", "json");
    expect(result.code).toBe(1);
    expect(kinds(result.stdout)).toContain("error vendor-removed");
  });

  it("a config at the ref whose specs are not a list makes the base invalid (exit 1), never empty", async () => {
    const { repo, git } = committed("specs: [spec]\n");
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: spec\n");
    git("commit", "-qam", "a broken config");
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: [spec]\n");
    const result = await diff(repo, "--base", "HEAD");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the base spec (HEAD) is not valid");
    expect(result.stderr).toContain(
      "HEAD:statespec.config.yaml: error config-invalid the config at this ref: specs is not a list of names",
    );
  });

  it("a config at the ref that is a link out of the repository is refused (exit 2); a broken one or a bad out: is invalid", async () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), "statespec-gates-config-")));
    writeFileSync(join(outside, "statespec.config.yaml"), "specs: [spec]\n");
    const config = (repo: string) => join(repo, "statespec.config.yaml");
    const cases: [string, (repo: string) => void, number, string][] = [
      [
        "outside",
        (repo) => symlinkSync(join(outside, "statespec.config.yaml"), config(repo)),
        2,
        "statespec diff: at 'HEAD', the config statespec.config.yaml is a link that leaves the repository\n",
      ],
      [
        "broken",
        (repo) => {
          // A link to itself: no file system follows it to an end.
          symlinkSync("loop", join(repo, "loop"));
          symlinkSync("loop", config(repo));
        },
        1,
        "HEAD:statespec.config.yaml: error config-invalid the config at this ref: the link ",
      ],
      [
        "bad out",
        (repo) => writeFileSync(config(repo), "specs: [spec]\nout: [a, b]\n"),
        1,
        "HEAD:statespec.config.yaml: error config-invalid the config at this ref: out is not a folder name",
      ],
    ];
    for (const [name, make, code, message] of cases) {
      const { repo, git } = committed("specs: [spec]\n");
      rmSync(config(repo));
      make(repo);
      git("add", "-A");
      git("commit", "-qm", name);
      rmSync(config(repo));
      writeFileSync(config(repo), "specs: [spec]\n");
      const result = await diff(repo, "--base", "HEAD");
      expect(result.code, name).toBe(code);
      expect(result.stderr, name).toContain(message);
      expect(result.stderr, name).not.toMatch(/\n\s+at /);
    }
  });

  it("a base config an earlier statespec accepted (a schemaBaseUri with '#') is still read: the row change shows", async () => {
    const { repo } = committed("specs: [spec]\nschemaBaseUri: 'https://x.example/s#/'\n");
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: [spec]\n");
    writeFileSync(join(repo, "spec", "base.yaml"), rowChanged(baseSpec));
    const result = await diff(repo, "--base", "HEAD", "--format", "json");
    expect(result.stderr).toBe("");
    expect([result.code, findings(result.stdout)]).toEqual([1, [rowChangedFinding]]);
  });

  it("a base without a config is read as its defaults (the shipped specs), not by the pull request's config", async () => {
    const { repo, git } = emptyRepo();
    // The base commits no config, but the output its defaults generated (the shipped vendors, in out/).
    rmSync(join(repo, "statespec.config.yaml"));
    expect((await runCliIn(repo, ["generate"])).code).toBe(0);
    git("add", ".");
    git("commit", "-qm", "statespec by its defaults");
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: [statespec:builtin]\nvendors: [rackspace]\n");
    const result = await diff(repo, "--base", "HEAD", "--format", "json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(kinds(result.stdout).filter((kind) => kind === "error vendor-removed")).toHaveLength(2);
  });

  it("a base where statespec never ran (no config, no output manifest) has no vendors: adopting it removes nothing", async () => {
    const { repo, git } = emptyRepo();
    rmSync(join(repo, "statespec.config.yaml"));
    writeFileSync(join(repo, "README.md"), "# team\n");
    git("add", ".");
    git("commit", "-qm", "before statespec");
    // The adopting pull request: a config that selects one shipped vendor and the team's own.
    writeFileSync(
      join(repo, "statespec.config.yaml"),
      "specs: [statespec:builtin, spec]\nvendors: [openstack, acme]\n",
    );
    mkdirSync(join(repo, "spec"));
    writeFileSync(join(repo, "spec", "base.yaml"), baseSpec);
    const result = await diff(repo, "--base", "HEAD", "--format", "json", "--fail-on", "error");
    expect(result.stderr).toBe(
      "statespec diff: note: HEAD has no statespec config and no out/.statespec-manifest.json: statespec did not run " +
        "there, so it is read as having no vendors\n",
    );
    expect(result.code).toBe(0);
    const vendors = vendorFindings(result.stdout);
    expect(vendors.sort()).toEqual(["vendor-added acme", "vendor-added openstack"]);
    // Only the selected vendors' findings: the shipped documents of rackspace and huawei-ecs are loaded, not added.
    const about = new Set(
      (JSON.parse(result.stdout) as { findings: { vendor: string }[] }).findings.map((f) => f.vendor),
    );
    expect([...about].sort()).toEqual(["acme", "openstack"]);
  });

  it("shipped vendors the config stops generating are removed by the project, never blamed on a statespec upgrade", async () => {
    const { repo, git } = emptyRepo();
    // The base commits its output folder, and with it the record of the shipped specs it was generated from.
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: [statespec:builtin]\nartifacts: [json-schema]\n");
    expect((await runCliIn(repo, ["generate"])).code).toBe(0);
    git("add", ".");
    git("commit", "-qm", "generated");
    writeFileSync(
      join(repo, "statespec.config.yaml"),
      "specs: [statespec:builtin]\nartifacts: [json-schema]\nvendors: [rackspace]\n",
    );
    const result = await diff(repo, "--base", "HEAD", "--format", "json");
    expect(result.code).toBe(1);
    const reported = JSON.parse(result.stdout).findings as { kind: string; causedBy?: string }[];
    expect(reported.filter((f) => f.kind === "vendor-removed")).toHaveLength(2);
    expect(reported.filter((f) => f.kind === "statespec-upgraded" || f.causedBy !== undefined)).toEqual([]);
  });

  it("a link in the working tree does not choose the folder read at the ref: the ref's own path is read", async () => {
    const { repo, git } = emptyRepo();
    writeFileSync(join(repo, "statespec.config.yaml"), "specs: [api/spec]\n");
    mkdirSync(join(repo, "api", "spec"), { recursive: true });
    writeFileSync(join(repo, "api", "spec", "base.yaml"), baseSpec);
    git("add", ".");
    git("commit", "-qm", "base");
    git("mv", "api", "api2");
    symlinkSync("api2", join(repo, "api"));
    writeFileSync(join(repo, "api2", "spec", "base.yaml"), rowChanged(baseSpec));
    const result = await diff(repo, "--base", "HEAD", "--format", "json");
    expect(result.stderr).toBe("");
    expect([result.code, findings(result.stdout)]).toEqual([1, [rowChangedFinding]]);
  });
});
