// `validate` on unchanged inputs prints what an earlier run recorded (generator/compile/validation-record.ts):
// the same output as building the model, and a record only for the very inputs it was made from. In-process
// (runCliIn): the cache folder is read from STATESPEC_CACHE_DIR at each run, and the record is what is printed. The
// `generate --check` on an unusable cache stays a real process: the executable reads its no-op record there first.
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuilt, runCliIn } from "./helpers/cli.js";

describe("validate's record of the model it built", () => {
  it("prints the same on unchanged inputs, builds again after an edit, and can be turned off", async () => {
    const cache = mkdtempSync(join(tmpdir(), "statespec-validate-cache-"));
    const project = mkdtempSync(join(tmpdir(), "statespec-validate-record-"));
    cpSync(resolve("spec"), join(project, "spec"), { recursive: true });
    const env = { STATESPEC_CACHE_DIR: cache };
    const run = (...args: string[]) => runCliIn(project, ["validate", "--spec", "spec", ...args], env);
    const output = (result: { code: number; stdout: string; stderr: string }) => [
      result.code,
      result.stdout,
      result.stderr,
    ];

    const [text, json] = [await run(), await run("--format", "json")];
    expect(text.stdout).toMatch(/^6 documents, 3 vendors: valid\n$/);
    expect(text.stderr).toContain("warning");
    const entries = readdirSync(join(cache, "validate"));
    expect(entries).toHaveLength(1);
    // From the record: the same, in every format (formats apply to the recorded diagnostics).
    expect(output(await run())).toEqual(output(text));
    expect(output(await run("--format", "json"))).toEqual(output(json));
    expect(readdirSync(join(cache, "validate"))).toEqual(entries);

    // The record is what is printed: a changed entry shows (so a well-formed entry is read, not rebuilt)...
    const entry = join(cache, "validate", entries[0]);
    const recorded = readFileSync(entry, "utf8");
    writeFileSync(entry, recorded.replace(/"documents":6/, '"documents":7'));
    expect((await run()).stdout).toBe("7 documents, 3 vendors: valid\n");
    // ...and one of the wrong shape is built again.
    writeFileSync(entry, recorded.replace(/"severity":"warning"/g, '"severity":"fatal"'));
    expect(output(await run())).toEqual(output(text));

    // An edited spec is other inputs: built, with the edit's diagnostics.
    const file = join(project, "spec", readdirSync(join(project, "spec")).sort()[0]);
    writeFileSync(file, `${readFileSync(file, "utf8")}\nnot: [closed\n`);
    const edited = await run();
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/error yaml-syntax/);
    expect(output(await run())).toEqual(output(edited));
    expect(readdirSync(join(cache, "validate"))).toHaveLength(2);

    // STATESPEC_CACHE_DIR set empty: no cache, the same output.
    const uncached = await runCliIn(project, ["validate", "--spec", "spec"], { STATESPEC_CACHE_DIR: "" });
    expect(output(uncached)).toEqual(output(edited));
  }, 60_000);

  it("keeps the 256 records used last: every edit makes one, and a long session does not fill the disk", async () => {
    const cache = mkdtempSync(join(tmpdir(), "statespec-validate-prune-"));
    const folder = join(cache, "validate");
    mkdirSync(folder, { mode: 0o700 });
    // 258 records of earlier edits, each older than the next; then a run of specs none of them is for.
    const planted = Array.from({ length: 258 }, (_, index) => `${index.toString(16).padStart(40, "0")}.json`);
    for (const [index, name] of planted.entries()) {
      writeFileSync(join(folder, name), "{}\n", { mode: 0o600 });
      utimesSync(join(folder, name), 1000 + index, 1000 + index);
    }
    const project = mkdtempSync(join(tmpdir(), "statespec-validate-prune-project-"));
    cpSync(resolve("spec"), join(project, "spec"), { recursive: true });
    const result = await runCliIn(project, ["validate", "--spec", "spec"], { STATESPEC_CACHE_DIR: cache });
    expect(result.stdout).toBe("6 documents, 3 vendors: valid\n");
    const left = readdirSync(folder);
    expect(left).toHaveLength(256);
    // The three planted first are gone; the new record is kept.
    expect(left.filter((name) => !planted.includes(name))).toHaveLength(1);
    expect(planted.filter((name) => !left.includes(name))).toEqual(planted.slice(0, 3));
  }, 60_000);

  it("is only a speed-up: an unwritable cache, a shared folder, another user's entry or a planted link change nothing", async () => {
    const project = mkdtempSync(join(tmpdir(), "statespec-validate-untrusted-"));
    cpSync(resolve("spec"), join(project, "spec"), { recursive: true });
    const validate = (cache: string) =>
      runCliIn(project, ["validate", "--spec", "spec"], { STATESPEC_CACHE_DIR: cache });
    const valid = "6 documents, 3 vendors: valid\n";

    // A cache folder that cannot be made (a path through a device): the commands run as without one.
    // validate in-process (an error thrown out of main() fails the test too); generate --check as the executable.
    const args = ["--spec", "spec", "--out", "out"];
    const unusable = { STATESPEC_CACHE_DIR: "/dev/null" };
    // generate with a config of JSON Schema alone, beside the project: the cache is the subject (the no-op record and
    // the config's cached reading are both looked for there), not the artifacts, and TypeScript's would be most of it.
    const config = join(mkdtempSync(join(tmpdir(), "statespec-validate-config-")), "statespec.config.yaml");
    writeFileSync(config, "artifacts: [json-schema]\n");
    const generateArgs = ["generate", "--check", "--config", config, ...args];
    for (const [command, result] of [
      ["validate", await runCliIn(project, ["validate", ...args], unusable)],
      ["generate", await runBuilt(generateArgs, { cwd: project, env: unusable })],
    ] as const)
      expect(result.stderr, command).not.toMatch(/ENOTDIR|internal error|at .*\.js/);
    expect((await validate("/dev/null")).stdout).toBe(valid);
    // A relative folder is no cache: nothing is written where the command runs.
    expect((await validate("relative-cache")).stdout).toBe(valid);
    expect(existsSync(join(project, "relative-cache"))).toBe(false);

    const cache = mkdtempSync(join(tmpdir(), "statespec-validate-cache-"));
    expect((await validate(cache)).stdout).toBe(valid);
    const folder = join(cache, "validate");
    const entry = join(folder, readdirSync(folder)[0]);
    const recorded = readFileSync(entry, "utf8");
    const forged = recorded.replace(/"documents":6/, '"documents":9');
    writeFileSync(entry, forged);
    expect((await validate(cache)).stdout, "the user's own entry is read").toBe("9 documents, 3 vendors: valid\n");
    // A folder others can write to is not read from.
    chmodSync(folder, 0o777);
    expect((await validate(cache)).stdout).toBe(valid);
    chmodSync(folder, 0o700);
    // Nor an entry another user owns (only root can give one away: the case is skipped for other users).
    if (process.getuid?.() === 0) {
      chownSync(entry, 65534, 65534);
      expect((await validate(cache)).stdout).toBe(valid);
    }
    // A link planted at the entry's name is neither read nor written through.
    const outside = join(project, "outside.json");
    writeFileSync(outside, forged);
    rmSync(entry);
    symlinkSync(outside, entry);
    expect((await validate(cache)).stdout).toBe(valid);
    const dangling = join(project, "not-there.json");
    rmSync(entry);
    symlinkSync(dangling, entry);
    expect((await validate(cache)).stdout).toBe(valid);
    expect(existsSync(dangling), "nothing written through the link").toBe(false);
  }, 60_000);
});
