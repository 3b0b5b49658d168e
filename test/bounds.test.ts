// Every input read is bounded and typed, and its problems are told as what they are (issue 24, items 5 and 7):
// templates that are not files, check input with a huge key or in another encoding, a fallback chain thousands of
// vendors deep, numbers shown as written, duplicate keys. Through the built CLI as a real process where the process
// is the subject: a package copy's own templates, a pipe under a small heap, a small stack; what is only about the
// printed findings of check and validate runs in-process (runCliIn, main() as the executable runs it), but for the
// 32 MiB string, which the built CLI scans for less CPU.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuilt, runCliIn } from "./helpers/cli.js";
import { packageCopy } from "./helpers/folders.js";

const noStack = /\n\s+at |internal error/;

/** A copy of the package (its own templates/) with a config of the one artifact kind that reads templates: the
 * other emitters, TypeScript's above all, are not what these tests are about. */
function templatesCopy(): { cwd: string; bin: string } {
  const copy = packageCopy();
  writeFileSync(join(copy.cwd, "statespec.config.yaml"), "specs: [statespec:builtin]\nartifacts: [markdown]\n");
  return copy;
}

/** A folder with the given check inputs (no config: the shipped specs). */
function checkFolder(files: Record<string, string | Buffer>): string {
  const cwd = mkdtempSync(join(tmpdir(), "statespec-bounds-check-"));
  writeFileSync(join(cwd, "statespec.config.yaml"), "specs: [statespec:builtin]\n");
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(cwd, name), contents);
  return cwd;
}

const server = (fields: string) =>
  `{"id": "s1", "name": "web", "status": "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null, ${fields}}`;

describe("templates are read like spec files", () => {
  // One package copy and one run for every template that cannot be read: each is its own file, each error names
  // its file, and the run reports them all (it reads every template before compiling one).
  let brokenTemplates: Promise<{ cwd: string; result: Awaited<ReturnType<typeof runBuilt>> }> | undefined;
  const runWithBrokenTemplates = () =>
    (brokenTemplates ??= (async () => {
      const { cwd, bin } = templatesCopy();
      execFileSync("mkfifo", [join(cwd, "templates", "x.hbs")]);
      symlinkSync("/dev/zero", join(cwd, "templates", "zero.hbs"));
      mkdirSync(join(cwd, "templates", "dir.hbs"));
      writeFileSync(
        join(cwd, "templates", "index.md.hbs"),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("# {{title}}\n", "utf16le")]),
      );
      return { cwd, result: await runBuilt(["generate"], { cwd, bin, timeoutMs: 60_000 }) };
    })());

  it("a FIFO, a link to /dev/zero and a folder named *.hbs are located template errors: no hang, no stack trace", async () => {
    const { cwd, result } = await runWithBrokenTemplates();
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("templates/x.hbs: error template-error is a FIFO (named pipe), not a regular file");
    expect(result.stderr).toContain(
      "templates/zero.hbs: error template-error is a character device, not a regular file",
    );
    expect(result.stderr).toContain("templates/dir.hbs: error template-error is a folder, not a regular file");
    expect(result.stderr).not.toMatch(/write-failed|is missing/);
    expect(result.stderr).not.toMatch(noStack);
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("a UTF-16 template is a template error that names the encoding", async () => {
    const { result } = await runWithBrokenTemplates();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "templates/index.md.hbs:1:1: error template-error file is UTF-16 LE (byte order mark FF FE), not UTF-8",
    );
    expect(result.stderr).not.toMatch(noStack);
  });
});

describe("templates are compiled within bounds", () => {
  it("blocks nested 20,000 deep are a located template error, not minutes of compiling or a stack overflow", async () => {
    const { cwd, bin } = templatesCopy();
    writeFileSync(
      join(cwd, "templates", "index.md.hbs"),
      `# Index\n\n${"{{#if vendors}}".repeat(20_000)}x${"{{/if}}".repeat(20_000)}\n`,
    );
    const result = await runBuilt(["generate"], { cwd, bin, timeoutMs: 120_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "templates/index.md.hbs:3:1: error template-error blocks nested deeper than 100 levels on line 3",
    );
    expect(result.stderr).not.toMatch(noStack);
  });
});

describe("check input: every token is bounded", () => {
  it("a key with no end after the servers array, streamed on stdin under a 96 MB heap, ends in a located error", async () => {
    // The writer never ends the key; it stops quietly when check closes the pipe. A check that read on, or kept
    // what it read, would never end or would run out of its heap: only the bound ends it, at 32 MiB and 1 byte.
    const writer = `
      process.stdout.on("error", () => process.exit(0));
      const piece = "k".repeat(1 << 20);
      process.stdout.write('{"servers": [], "');
      const more = () => { while (process.stdout.write(piece)); process.stdout.once("drain", more); };
      more();`;
    const cwd = checkFolder({ "writer.cjs": writer });
    const result = await runBuilt([], {
      cwd,
      shell: `"$STATESPEC_NODE" writer.cjs | NODE_OPTIONS=--max-old-space-size=96 statespec check -`,
      timeoutMs: 120_000,
    });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("<stdin>:1:17: error json-syntax a key longer than 32 MiB starts here");
    expect(result.stdout + result.stderr).not.toMatch(noStack);
  });

  it("a long string value outside any record is bounded too", async () => {
    // Just over the bound: it is checked where a 64 KiB read ends, so the string goes on two reads past 32 MiB.
    const length = (32 << 20) + (128 << 10);
    const cwd = checkFolder({ "links.json": `{"servers": [], "servers_links": "${"x".repeat(length)}"}` });
    // The built CLI as a process: its bundled scanner reads the 32 MiB for less CPU than the sources run in this
    // worker (measured here: about 1.3 s for the process, 2.1 s in-process).
    const result = await runBuilt(["check", "links.json"], { cwd, timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("links.json:1:34: error json-syntax a string longer than 32 MiB starts here");
  });
});

describe("check input in another encoding is named, located", () => {
  const json = `{"servers": [${server('"OS-EXT-STS:power_state": 1')}]}\n`;
  const cases: [string, Buffer, string][] = [
    [
      "UTF-16 LE with a BOM",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")]),
      "1:1: error json-syntax the input is UTF-16 LE (byte order mark FF FE), not UTF-8",
    ],
    [
      "UTF-16 BE with a BOM",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, "utf16le").swap16()]),
      "1:1: error json-syntax the input is UTF-16 BE (byte order mark FE FF), not UTF-8",
    ],
    [
      "UTF-16 LE without a BOM",
      Buffer.from(json, "utf16le"),
      "1:1: error json-syntax the input is UTF-16 LE (no byte order mark), not UTF-8",
    ],
    [
      "UTF-32 LE with a BOM",
      Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]),
      "1:1: error json-syntax the input is UTF-32 LE (byte order mark FF FE 00 00), not UTF-8",
    ],
    [
      "Latin-1",
      Buffer.from(json.replace('"web"', '"caf\u00e9"'), "latin1"),
      "1:39: error json-syntax the input is not valid UTF-8: byte 0xE9 here is not UTF-8",
    ],
  ];
  for (const [name, bytes, expected] of cases) {
    it(name, async () => {
      const cwd = checkFolder({ "servers.json": bytes });
      const result = await runCliIn(cwd, ["check", "servers.json"]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`servers.json:${expected}`);
      expect(result.stdout).not.toContain("\uFFFD");
    });
  }

  it("valid UTF-8 cut anywhere by the pipe still reads (multi-byte characters across chunks)", async () => {
    const names = Array.from({ length: 3000 }, (_, index) =>
      server(`"OS-EXT-STS:power_state": 1, "note": "${"é€😀".repeat(index % 7)}"`),
    ).join("\n");
    const cwd = checkFolder({ "servers.ndjson": names });
    const result = await runCliIn(cwd, ["check", "servers.ndjson"]);
    expect(result.stdout).toContain("3000 servers checked");
    expect(result.code).toBe(0);
  });

  it("a UTF-16 spec file is an invalid-utf8 error that names the encoding", async () => {
    const cwd = checkFolder({});
    mkdirSync(join(cwd, "spec"));
    writeFileSync(
      join(cwd, "spec", "a.yaml"),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("id: a\n", "utf16le").swap16()]),
    );
    const result = await runCliIn(cwd, ["validate", "--spec", "spec"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "spec/a.yaml:1:1: error invalid-utf8 file is UTF-16 BE (byte order mark FE FF), not UTF-8",
    );
  });
});

describe("a fallback chain of any depth", () => {
  it("2,000 vendors on a sixth of Node's stack, each falling back to the next file's: validate, and export says it is too deep; no stack overflow", async () => {
    // Reverse file order: the first vendor read falls back to the last one built, through every other. On a stack of
    // 150 KB (Node's default is 984 KB) 2,000 levels weigh as much as 13,000 on the default stack: a recursion over
    // the chain overflows as it would there, in a fifth of the files.
    const cwd = mkdtempSync(join(tmpdir(), "statespec-bounds-chain-"));
    mkdirSync(join(cwd, "spec"));
    const depth = 2_000;
    const onSmallStack = (args: string) => `"$STATESPEC_NODE" --stack-size=150 "$STATESPEC_BIN" ${args}`;
    for (let index = 0; index < depth; index++) {
      const policy =
        index === depth - 1
          ? "  uncovered:\n    status: UNKNOWN\n    why: the end of the chain\n"
          : `  uncovered:\n    fallback: v${index + 1}\n    why: the next one\n`;
      const states =
        "states:\n  vm_state:\n    section: S\n    values:\n      - value: active\n  status:\n    section: S\n    values:\n      - value: ACTIVE\n";
      // Each vendor's own row; a vm_state outside them all is answered through the whole chain.
      const rows =
        "mapping:\n  section: S\n  rows:\n    - vm_state: active\n      task_states: any\n      status: ACTIVE\n";
      const text = `id: d${index}\nvendor:\n  id: v${index}\n${policy}locale: en\nprovenance:\n  source: s${index}.txt\n  title: T\n  publisher: P\n${states}${rows}`;
      writeFileSync(join(cwd, "spec", `${String(index).padStart(5, "0")}.yaml`), text);
    }
    const validated = await runBuilt([], { cwd, shell: onSmallStack("validate --spec spec"), timeoutMs: 300_000 });
    expect(validated.stderr).not.toMatch(noStack);
    expect(validated.stdout).toContain(`${depth} documents, ${depth} vendors: valid`);
    expect(validated.code).toBe(0);
    // The first vendor's answers nest 2,000 origins deep, too deep for JSON text: said so, exit 1, no stack trace.
    const deep = await runBuilt([], { cwd, shell: onSmallStack("export --spec spec --vendor v0"), timeoutMs: 300_000 });
    expect(deep.stderr).toContain("statespec export: the model is too deep to print as JSON");
    expect(deep.stderr).not.toMatch(noStack);
    expect(deep.code).toBe(1);
  }, 900_000);
});

describe("check shows what the input says", () => {
  it("numbers as written: 1e400, 9007199254740993, 0.10", async () => {
    const lines = [
      server('"OS-EXT-STS:power_state": 1e400'),
      server('"OS-EXT-STS:power_state": 9007199254740993'),
      server('"OS-EXT-STS:power_state": 0.10'),
      server('"OS-EXT-STS:power_state": 1').replace(
        '"OS-EXT-STS:task_state": null',
        '"OS-EXT-STS:task_state": -1E+999',
      ),
      "12345678901234567890123",
    ];
    const cwd = checkFolder({ "servers.ndjson": `${lines.join("\n")}\n` });
    const result = await runCliIn(cwd, ["check", "servers.ndjson"]);
    expect(result.stdout).toContain(
      "servers.ndjson:1:1: error wrong-type server #1 'web' (id 's1'): OS-EXT-STS:power_state should be an integer, a power state name or null, found number 1e400",
    );
    expect(result.stdout).toContain(
      "servers.ndjson:2:1: warning unknown-power-state server #2 'web' (id 's1'): OS-EXT-STS:power_state 9007199254740993 is not one of openstack's power states",
    );
    expect(result.stdout).toContain("found number 0.10");
    expect(result.stdout).toContain("OS-EXT-STS:task_state should be a string or null, found number -1E+999");
    expect(result.stdout).toContain(
      "servers.ndjson:5:1: error not-a-server record #5: expected a server object, found number 12345678901234567890123",
    );
    expect(result.stdout).not.toMatch(/number null|9007199254740992|Infinity/);
    expect(result.code).toBe(1);
  });

  it("a key the check reads, twice in one server object, is a located duplicate-key error naming it", async () => {
    const cases = [
      // NDJSON, the fast path
      `{"id": "s1", "status": "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null, "OS-EXT-STS:power_state": 1, "status": "ERROR"}`,
      // spelled with an escape
      `{"id": "s2", "status": "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null, "OS-EXT-STS:power_state": 1, "st\\u0061tus": "ERROR"}`,
      // in a {"server": ...} wrapper, over two lines (the scanner's path)
      `{"server": {"id": "s3", "status": "ACTIVE", "OS-EXT-STS:vm_state": "active",\n "OS-EXT-STS:vm_state": "stopped", "OS-EXT-STS:task_state": null, "OS-EXT-STS:power_state": 1}}`,
      // the wrapper key itself
      `{"server": {"id": "s4"}, "server": {"id": "s5"}}`,
      // a list row
      `[{"ID": "s6", "Status": "ACTIVE", "Task State": null, "Power State": 1, "Task State": "deleting"}]`,
      // a nested key of the same name is no duplicate
      `{"id": "s7", "status": "ACTIVE", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null, "OS-EXT-STS:power_state": 1, "fault": {"status": "x"}}`,
    ];
    const cwd = checkFolder({ "servers.json": `${cases.join("\n")}\n` });
    const result = await runCliIn(cwd, ["check", "servers.json"]);
    const found = result.stdout
      .split("\n")
      .filter((line) => line.startsWith("servers.json:") && line.includes("duplicate-key"));
    expect(found).toEqual([
      expect.stringMatching(
        /^servers\.json:1:127: error duplicate-key record #1: the server object has the key "status" twice;/,
      ),
      expect.stringMatching(
        /^servers\.json:2:127: error duplicate-key record #2: the server object has the key "status" twice;/,
      ),
      expect.stringMatching(
        /^servers\.json:4:2: error duplicate-key record #3: the server object has the key "OS-EXT-STS:vm_state" twice;/,
      ),
      expect.stringMatching(
        /^servers\.json:5:26: error duplicate-key record #4: the server object has the key "server" twice;/,
      ),
      expect.stringMatching(
        /^servers\.json:6:73: error duplicate-key record #5: the server object has the key "Task State" twice;/,
      ),
    ]);
    expect(result.stdout).toContain("1 server checked");
    expect(result.code).toBe(1);
  });
});
