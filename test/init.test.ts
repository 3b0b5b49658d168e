// `statespec init` and a project's first hour: what init writes validates and generates at once, it never
// overwrites, and every command finds the project's config from any folder below it (or, without one, uses the
// shipped specs and says so). In-process (runCliIn: what is printed and written, main()'s exit code); the refusal to
// overwrite also runs as the built CLI, a real process, for the executable's own exit code (`npm run build` first).
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { initGitRepo, runBuilt, runCliIn } from "./helpers/cli.js";
import { tree } from "./helpers/folders.js";

const server = resolve("test/fixtures/check/api-server/server.json");
const notice = "statespec: no statespec.config.yaml in this folder or above it up to the repository root";

/** A fresh git repository with nothing of statespec in it: what a team has before its first `statespec init`. */
function freshRepository(): string {
  const repo = mkdtempSync(join(tmpdir(), "statespec-init-"));
  initGitRepo(repo);
  writeFileSync(join(repo, "package.json"), '{ "name": "team", "private": true }\n');
  return repo;
}

describe.concurrent("statespec init", () => {
  it("writes a config, an overlay spec and .gitignore lines that validate and generate at once, without a warning", async () => {
    const repo = freshRepository();
    const init = await runCliIn(repo, ["init"]);
    expect(init, init.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(init.stdout).toBe(
      [
        "created statespec.config.yaml",
        "created spec/mycloud.yaml",
        "added to .gitignore: /generated/.statespec-staging-*/, /generated/.statespec-journal.json",
        "next: npx statespec validate, then npx statespec generate (writes generated/)",
        "",
      ].join("\n"),
    );
    expect(readFileSync(join(repo, ".gitignore"), "utf8")).toBe(
      "# statespec's working names inside its output folder while a run writes it\n/generated/.statespec-staging-*/\n/generated/.statespec-journal.json\n",
    );
    // The overlay is the smallest spec: no provenance readings, no notes; it extends openstack.
    const spec = parse(readFileSync(join(repo, "spec", "mycloud.yaml"), "utf8"));
    expect(spec).toEqual({
      id: "mycloud",
      vendor: { id: "mycloud", extends: "openstack" },
      locale: "en",
      provenance: { source: "mycloud-server-states.md", title: "mycloud server states", publisher: "mycloud" },
      states: {},
    });
    expect(parse(readFileSync(join(repo, "statespec.config.yaml"), "utf8"))).toEqual({
      specs: ["statespec:builtin", "spec"],
      out: "generated",
      vendors: ["openstack", "mycloud"],
      failOn: "warning",
    });

    // --all-warnings shows the shipped specs' own warnings too: only those, none about the team's files (the config's
    // failOn: warning would count the shipped ones, which a team cannot fix, so the option sets it back here).
    const validate = await runCliIn(repo, ["validate", "--all-warnings", "--fail-on", "error"]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(
      validate.stderr
        .split("\n")
        .filter((line) => /: (warning|error) /.test(line) && !line.startsWith("statespec:builtin/")),
    ).toEqual([]);
    const plain = await runCliIn(repo, ["validate"]);
    expect(plain).toMatchObject({ code: 0, stderr: "", stdout: "7 documents, 4 vendors: valid\n" });
    const generate = await runCliIn(repo, ["generate"]);
    expect(generate, generate.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(generate.stdout).toMatch(/^wrote \d+ file\(s\), 0 unchanged, removed 0 in generated\n$/);
    expect(readFileSync(join(repo, "generated", "mycloud", "index.ts"), "utf8")).toContain(
      "export function statusFromState(",
    );
    // Only the output and statespec's own working names are left for git; the working names are ignored.
    mkdirSync(join(repo, "generated", ".statespec-staging-0a1b2c3d.1.0123456789ab"));
    writeFileSync(join(repo, "generated", ".statespec-staging-0a1b2c3d.1.0123456789ab", "x"), "");
    writeFileSync(join(repo, "generated", ".statespec-journal.json"), "{}");
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
    expect(
      git("check-ignore", "generated/.statespec-journal.json", "generated/.statespec-staging-0a1b2c3d.1.0123456789ab/x")
        .trim()
        .split("\n"),
    ).toHaveLength(2);
  });

  it("a typo in a row fails validate and generate at once: the config init writes fails on warnings", async () => {
    const repo = freshRepository();
    expect((await runCliIn(repo, ["init"])).code).toBe(0);
    const file = join(repo, "spec", "mycloud.yaml");
    const rows = "mapping:\n  section: Rows\n  rows:\n    - vm_state: stoped\n      task_states: [rebooting]\n";
    writeFileSync(file, `${readFileSync(file, "utf8")}${rows}      status: SHUTOFF\n`);
    const validate = await runCliIn(repo, ["validate"]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain("spec/mycloud.yaml:");
    expect(validate.stderr).toContain("warning undeclared-value mapping row uses vm_state 'stoped'");
    expect(validate.stderr).toContain("did you mean 'stopped'?");
    const generate = await runCliIn(repo, ["generate"]);
    expect(generate.code).toBe(1);
    expect(existsSync(join(repo, "generated"))).toBe(false);
  });

  it("the commented example in the spec, uncommented, is valid too: a task state, a status and their row", async () => {
    const repo = freshRepository();
    expect((await runCliIn(repo, ["init", "--vendor", "acme-cloud", "--out", "src/states"])).code).toBe(0);
    const file = join(repo, "spec", "acme-cloud.yaml");
    const text = readFileSync(file, "utf8");
    const example = text
      .slice(text.indexOf("# states:"))
      .split("\n")
      .filter((line) => line.startsWith("#"))
      .map((line) => line.replace(/^# ?/, ""));
    writeFileSync(file, `${text.slice(0, text.indexOf("states: {}"))}${example.join("\n")}\n`);
    const generate = await runCliIn(repo, ["generate"]);
    expect(generate, generate.stderr).toMatchObject({ code: 0, stderr: "" });
    const module = readFileSync(join(repo, "src", "states", "acme-cloud", "index.ts"), "utf8");
    expect(module).toContain('BACKUP = "BACKUP"');
    expect(module).toContain('BACKING_UP = "backing_up"');
    expect(readFileSync(join(repo, ".gitignore"), "utf8")).toContain("/src/states/.statespec-journal.json\n");
  });

  it("never overwrites: a taken name writes nothing and exits 1 naming it; .gitignore lines are never added twice", async () => {
    const repo = freshRepository();
    writeFileSync(join(repo, ".gitignore"), "node_modules/\n/generated/.statespec-journal.json");
    writeFileSync(join(repo, "statespec.config.yaml"), "# ours\n");
    const before = tree(repo);
    const refused = await runBuilt(["init"], { cwd: repo });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      "statespec init: statespec.config.yaml exists; init never overwrites a file\n" +
        "statespec init: nothing was written (move it away)\n",
    );
    expect(tree(repo)).toEqual(before);
    // Without the config in the way: the spec is written, .gitignore gets only the line it lacked.
    writeFileSync(join(repo, "statespec.config.yaml"), "");
    const elsewhere = join(repo, "team");
    mkdirSync(elsewhere);
    cpSync(join(repo, ".gitignore"), join(elsewhere, ".gitignore"));
    const init = await runCliIn(elsewhere, ["init"]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("added to .gitignore: /generated/.statespec-staging-*/\n");
    // A config above this folder was the one read here until now: init says the new one takes over.
    expect(init.stderr).toBe(
      "statespec init: note: ../statespec.config.yaml is above this folder; from here down, the new statespec.config.yaml is read instead\n",
    );
    expect(readFileSync(join(elsewhere, ".gitignore"), "utf8")).toBe(
      "node_modules/\n/generated/.statespec-journal.json\n\n# statespec's working names inside its output folder while a run writes it\n/generated/.statespec-staging-*/\n",
    );
    const again = await runCliIn(elsewhere, ["init", "--vendor", "other"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("statespec.config.yaml exists");
    expect(readFileSync(join(elsewhere, ".gitignore"), "utf8").match(/statespec-staging/g)).toHaveLength(1);
    // Only the spec's name taken: another vendor is another spec file, so init says so.
    const specTaken = freshRepository();
    mkdirSync(join(specTaken, "spec"));
    writeFileSync(join(specTaken, "spec", "mycloud.yaml"), "# ours\n");
    expect((await runCliIn(specTaken, ["init"])).stderr).toBe(
      "statespec init: spec/mycloud.yaml exists; init never overwrites a file\n" +
        "statespec init: nothing was written (choose another vendor with --vendor, or move the file away)\n",
    );
    // spec/ a file: the spec cannot be written in it, so nothing is, the config neither.
    const specFile = freshRepository();
    writeFileSync(join(specFile, "spec"), "");
    const before2 = tree(specFile);
    const blocked = await runCliIn(specFile, ["init"]);
    expect([blocked.code, blocked.stdout]).toEqual([1, ""]);
    expect(blocked.stderr).toBe(
      "statespec init: spec is not a folder, and spec/mycloud.yaml would be in it; init never overwrites a file\n" +
        "statespec init: nothing was written (choose another vendor with --vendor, or move the file away)\n",
    );
    expect(tree(specFile)).toEqual(before2);
    // A spec folder that is a link to a folder is a folder.
    const linked = freshRepository();
    mkdirSync(join(linked, "specs-real"));
    symlinkSync("specs-real", join(linked, "spec"));
    expect((await runCliIn(linked, ["init"])).code).toBe(0);
    expect(existsSync(join(linked, "specs-real", "mycloud.yaml"))).toBe(true);
  });

  it("--out is written in one spelling: a//b/ is a/b in the config and in .gitignore", async () => {
    const repo = freshRepository();
    expect((await runCliIn(repo, ["init", "--out", "gen//states/"])).code).toBe(0);
    expect(parse(readFileSync(join(repo, "statespec.config.yaml"), "utf8")).out).toBe("gen/states");
    expect(readFileSync(join(repo, ".gitignore"), "utf8")).toContain("/gen/states/.statespec-journal.json\n");
  });

  it("a .gitignore too large to read whole (a sparse 3 GiB file) is left alone: init says which lines to add", async () => {
    const repo = freshRepository();
    writeFileSync(join(repo, ".gitignore"), "node_modules/\n");
    truncateSync(join(repo, ".gitignore"), 3 * 1024 ** 3);
    const result = await runCliIn(repo, ["init"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "statespec init: .gitignore: it is over 8388608 bytes; add these lines yourself: " +
        "/generated/.statespec-staging-*/ /generated/.statespec-journal.json\n",
    );
    expect(statSync(join(repo, ".gitignore")).size).toBe(3 * 1024 ** 3);
  });

  it.each([
    [["--vendor", "openstack"], "--vendor 'openstack' is a vendor statespec ships; name your own"],
    [["--vendor", "My Cloud"], "--vendor must be lower-case words joined by '-' (like acme-cloud), not 'My Cloud'"],
    [["--out", "../elsewhere"], "--out must be a folder below the project"],
    [["--out", "."], "--out must be a folder below the project"],
    [["--out", "C:\\gen"], "--out must be a folder below the project"],
    [["--out", "spec"], "--out spec: refusing to write to spec: it contains the spec folder spec"],
  ])("%j is a usage error (exit 2) that writes nothing", async (args, message) => {
    const repo = freshRepository();
    const before = tree(repo);
    const result = await runCliIn(repo, ["init", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(tree(repo)).toEqual(before);
  });
});

describe.concurrent("config discovery", () => {
  it("validate, generate, --check and check run from a subfolder on the project's config, paths relative to it", async () => {
    const repo = freshRepository();
    expect((await runCliIn(repo, ["init", "--vendor", "acme"])).code).toBe(0);
    const deep = join(repo, "src", "client");
    mkdirSync(deep, { recursive: true });
    const [validate, generate] = await Promise.all([runCliIn(deep, ["validate"]), runCliIn(deep, ["generate"])]);
    expect(validate).toMatchObject({ code: 0, stderr: "", stdout: "7 documents, 4 vendors: valid\n" });
    expect(generate, generate.stderr).toMatchObject({ code: 0, stderr: "" });
    // out is relative to the config, not to the working folder.
    expect(generate.stdout).toMatch(/ in \.\.\/\.\.\/generated\n$/);
    expect(tree(join(repo, "generated"))["acme/index.ts"]).toContain("statusFromState");
    const [current, check] = await Promise.all([
      runCliIn(deep, ["generate", "--check"]),
      runCliIn(deep, ["check", "--vendor", "acme", server]),
    ]);
    expect(current).toMatchObject({ code: 0, stderr: "" });
    expect(current.stdout).toMatch(/^\.\.\/\.\.\/generated is up to date \(\d+ files\)\n$/);
    expect(check, check.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(check.stdout).toContain("1 server checked against acme in 1 input: 0 errors, 0 warnings");
  });

  it("without a config every command uses the shipped specs and says so once; the search stops at the repository root", async () => {
    const outside = mkdtempSync(join(tmpdir(), "statespec-above-"));
    // A config above the repository is not the project's: the walk stops at the folder holding .git.
    writeFileSync(join(outside, "statespec.config.yaml"), "specs: [nowhere]\n");
    const repo = join(outside, "repo");
    mkdirSync(join(repo, "sub"), { recursive: true });
    initGitRepo(repo);
    const sub = join(repo, "sub");
    const [validate, check, exported] = await Promise.all([
      runCliIn(sub, ["validate"]),
      runCliIn(sub, ["check", server]),
      runCliIn(repo, ["export", "--vendor", "openstack"]),
    ]);
    expect(validate).toMatchObject({ code: 0, stdout: "6 documents, 3 vendors: valid\n" });
    expect(validate.stderr).toBe(
      `${notice} (..): using the shipped specs (statespec:builtin); 'statespec init' writes a config and a spec of your own\n`,
    );
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr.split(notice)).toHaveLength(2);
    expect(check.stdout).toContain("1 server checked against openstack in 1 input: 0 errors, 0 warnings");
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(
      `${notice}: using the shipped specs (statespec:builtin); 'statespec init' writes a config and a spec of your own\n`,
    );
    expect(JSON.parse(exported.stdout).vendors.map((vendor: { id: string }) => vendor.id)).toEqual(["openstack"]);
    // Where stderr is JSON (validate --format json), no line of prose is added to it.
    const json = await runCliIn(sub, [
      "validate",
      "--format",
      "json",
      "--spec",
      "statespec:builtin",
      "--spec",
      "nowhere",
    ]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr).diagnostics.map((d: { code: string }) => d.code)).toEqual(["spec-folder-missing"]);
    const quiet = await runCliIn(sub, ["validate", "--format", "json"]);
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stderr)).toEqual({
      schemaVersion: 1,
      diagnostics: [],
      summary: { errors: 0, warnings: 0 },
    });
  });

  it("a missing spec folder names the config that named it, at its line, or that none was found, and suggests init", async () => {
    const repo = freshRepository();
    const sub = join(repo, "sub");
    mkdirSync(sub);
    const none = await runCliIn(sub, ["validate", "--spec", "spec"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      "spec: error spec-folder-missing cannot read spec folder: no such folder; given with --spec; no statespec.config.yaml was found in this folder or above it up to the repository root (..): run 'statespec init' to write a config and a spec folder\n1 error, 0 warnings\n",
    );
    writeFileSync(join(repo, "statespec.config.yaml"), "specs:\n  - statespec:builtin\n  - specs\n");
    const named = await runCliIn(sub, ["generate"]);
    expect(named.code).toBe(1);
    expect(named.stderr).toBe(
      "../statespec.config.yaml:3:5: error spec-folder-missing cannot read spec folder ../specs: no such folder; named by ../statespec.config.yaml, whose paths are relative to its own folder: create the folder, correct the path, or run 'statespec init' to write a config and a spec folder\n1 error, 0 warnings\n",
    );
  });
});
