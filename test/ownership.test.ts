// What statespec may touch: only files its manifest says it wrote, only inside out/, never an out/ that holds the
// project. Each case in a temporary project; in-process (runCliIn), as what is printed and written is the same there,
// except one refused out folder and one foreign file, run by the built CLI as a real process for its exit code.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuilt, runCliIn } from "./helpers/cli.js";
import { tempProject, tree } from "./helpers/folders.js";

// Absolute: an in-process run of a concurrent test changes the working folder while it runs.
const minimal = resolve("test/fixtures/valid-minimal/spec");
// JSON Schema and Markdown only: no TypeScript compiler to load, so each process is quick.
const config = "artifacts: [json-schema, markdown]\n";

describe.concurrent("an output folder that holds the project is refused before any write", () => {
  it("the project folder, a parent of it, a folder holding the specs or the config: exit 1, located, nothing touched", async () => {
    const project = tempProject(minimal, config);
    writeFileSync(join(project, "package.json"), "{}\n");
    mkdirSync(join(project, "gen"));
    cpSync(minimal, join(project, "gen", "specs"), { recursive: true });
    const before = tree(project);
    const parentBefore = tree(join(project, ".."));
    const cases: [string[], RegExp][] = [
      [
        ["--out", "."],
        /^\S+: error out-folder-refused refusing to write to \S+: it is the project folder; choose a folder of its own/m,
      ],
      [
        ["--out", ".."],
        /^\.\.: error out-folder-refused refusing to write to \.\.: it is a parent of the project folder/m,
      ],
      [["--out", "/"], /error out-folder-refused refusing to write to \S+: it is a parent of the project folder/m],
      [
        ["--out", "gen", "--spec", "gen/specs"],
        /^gen: error out-folder-refused refusing to write to gen: it contains the spec folder gen\/specs/m,
      ],
      [["--out", "spec/.."], /error out-folder-refused .*it is the project folder/m],
      [["--out", "package.json"], /error out-folder-refused .*it is a file, not a folder/m],
    ];
    // The first as the executable (its exit code), the others in-process.
    const results = await Promise.all(
      cases.map(([args], index) =>
        index === 0 ? runBuilt(["generate", ...args], { cwd: project }) : runCliIn(project, ["generate", ...args]),
      ),
    );
    for (const [index, result] of results.entries()) {
      expect(result.code, cases[index]![0].join(" ")).toBe(1);
      expect(result.stderr, cases[index]![0].join(" ")).toMatch(cases[index]![1]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    // A folder that holds the spec folder, and `out: ..` in the config, located at the config line.
    const nested = tempProject(minimal, "out: ..\n");
    mkdirSync(join(nested, "inner"));
    writeFileSync(join(nested, "inner", "statespec.config.yaml"), "specs: [../spec]\nout: ..\n");
    const [fromConfig, holdingSpecs, checkToo] = await Promise.all([
      runCliIn(nested, ["generate"]),
      runCliIn(join(nested, "inner"), ["generate"]),
      runCliIn(project, ["generate", "--check", "--out", "."]),
    ]);
    expect(fromConfig.stderr).toMatch(
      /^statespec\.config\.yaml:1:6: error out-folder-refused refusing to write to \.\.: it is a parent of the project folder/m,
    );
    expect(holdingSpecs.stderr).toMatch(
      /^statespec\.config\.yaml:2:6: error out-folder-refused refusing to write to \.\.: it is a parent of the project folder/m,
    );
    expect(checkToo.code).toBe(1);
    expect(checkToo.stderr).toContain("error out-folder-refused");
    expect(tree(project)).toEqual(before);
    expect(tree(join(project, ".."))).toEqual(parentBefore);
  });
});

describe.concurrent("statespec writes, replaces and removes only files it wrote", () => {
  it("src/ with user files: a file in the way stops the run before any write; others are left alone, and --check names them", async () => {
    const project = tempProject(minimal, config);
    const src = join(project, "src");
    mkdirSync(src);
    writeFileSync(join(src, "main.ts"), "export const mine = 1;\n");
    writeFileSync(join(src, "README.md"), "# My project\n");
    const before = tree(project);
    const blocked = await runBuilt(["generate", "--out", "src"], { cwd: project });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(
      /^src\/README\.md: error foreign-file statespec writes this file, but did not write the one that is there\. Move it out of src or delete it, then run again .*nothing was written$/m,
    );
    expect(tree(project)).toEqual(before);

    // Without the collision the run writes beside the user's file, and never touches it.
    rmSync(join(src, "README.md"));
    const written = await runCliIn(project, ["generate", "--out", "src"]);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain("left 1 file(s) statespec did not write");
    expect(readFileSync(join(src, "main.ts"), "utf8")).toBe("export const mine = 1;\n");
    const check = await runCliIn(project, ["generate", "--check", "--out", "src"]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("foreign:  src/main.ts (not written by statespec; generate leaves it alone");
    expect(check.stderr).toContain("src holds 1 file(s) statespec did not write: move them elsewhere");
    expect(check.stderr).not.toContain("out of date");

    // A spec with other vendors: statespec removes its own old files, never the user's.
    const other = mkdtempSync(join(tmpdir(), "statespec-other-spec-"));
    writeFileSync(
      join(other, "other.yaml"),
      readFileSync(join(minimal, "base.yaml"), "utf8").replace(/^ {2}id: acme$/m, "  id: other"),
    );
    const switched = await runCliIn(project, ["generate", "--out", "src", "--spec", other]);
    expect(switched.code).toBe(0);
    expect(Object.keys(tree(src)).filter((path) => path.startsWith("acme"))).toEqual([]);
    expect(readFileSync(join(src, "main.ts"), "utf8")).toBe("export const mine = 1;\n");
  });

  it("an out/ with a hand-written file where statespec writes one: nothing is written; an old manifest's files count as statespec's", async () => {
    const project = tempProject(minimal, config);
    const first = await runCliIn(project, ["generate"]);
    expect(first.code).toBe(0);
    // The manifest of an earlier version: no generatorHash, other inputs. Its files are still statespec's.
    const manifestPath = join(project, "out", ".statespec-manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    delete manifest.generatorHash;
    manifest.inputs = "0".repeat(32);
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(project, "out", "acme", "README.md"), "old generated text\n");
    const upgraded = await runCliIn(project, ["generate"]);
    expect(upgraded.code).toBe(0);
    expect(upgraded.stdout).toMatch(/^wrote 2 file\(s\)/);

    // Now a file statespec never listed, where it must write: the run stops before writing anything.
    rmSync(manifestPath);
    writeFileSync(join(project, "out", "acme", "README.md"), "# written by hand\n");
    writeFileSync(
      join(project, "spec", "base.yaml"),
      readFileSync(join(project, "spec", "base.yaml"), "utf8").replace("Running.", "Running now."),
    );
    const before = tree(project);
    const result = await runCliIn(project, ["generate"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^out\/acme\/README\.md: error foreign-file /m);
    // Files identical to what statespec writes are adopted; different ones are named, every one of them.
    expect(result.stderr).toMatch(/^out\/acme\/schema\/vm-state\.schema\.json: error foreign-file /m);
    expect(tree(project)).toEqual(before);
  });

  it("a folder link inside out/ to the outside is never followed: no write, rename or removal lands outside", async () => {
    const project = tempProject(minimal, config);
    expect((await runCliIn(project, ["generate"])).code).toBe(0);
    const outside = mkdtempSync(join(tmpdir(), "statespec-outside-"));
    writeFileSync(join(outside, "README.md"), "# not statespec's\n");
    writeFileSync(join(outside, "victim.txt"), "keep me\n");
    const outsideBefore = tree(outside);
    // The vendor folder replaced by a link, and a forged manifest that claims a file behind another link.
    rmSync(join(project, "out", "acme"), { recursive: true });
    symlinkSync(outside, join(project, "out", "acme"));
    symlinkSync(outside, join(project, "out", "elsewhere"));
    const manifestPath = join(project, "out", ".statespec-manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.files["elsewhere/victim.txt"] = "0000000000000000";
    manifest.files["../outside-victim.txt"] = "0000000000000000";
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const before = tree(project);
    const blocked = await runCliIn(project, ["generate"]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(
      /^out\/acme: error foreign-file statespec writes acme\/\S+ in this folder, but it is a symbolic link, and statespec never writes through links/m,
    );
    expect(tree(project)).toEqual(before);
    expect(tree(outside)).toEqual(outsideBefore);

    // With the vendor folder back, the run completes; the claimed file behind the other link is not removed.
    rmSync(join(project, "out", "acme"));
    const done = await runCliIn(project, ["generate"]);
    expect(done.code).toBe(0);
    expect(tree(outside)).toEqual(outsideBefore);
    expect(tree(project)["out/elsewhere"]).toBe(`-> ${outside}`);
    const check = await runCliIn(project, ["generate", "--check"]);
    expect(check.stderr).toContain("foreign:  out/elsewhere (not written by statespec");
  });
});
