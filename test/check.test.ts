// statespec check: real response shapes in, exact output in every format out (RECORD=1 rewrites the expected files).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lint } from "markdownlint/sync";
import { describe, expect, it } from "vitest";
import { githubData, githubProperty } from "../generator/common/text-safety.js";
import { JsonSyntaxError, scanJson, type JsonEvent } from "../generator/check/json-stream.js";
import { checkJson } from "./helpers/check-schema.js";
import { recording, runCli } from "./helpers/cli.js";

const root = "test/fixtures/check";
const cases = readdirSync(root).sort();
const formats = ["text", "json", "markdown", "github"] as const;

function inputsOf(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name !== "args" && !name.startsWith("expected."))
    .sort()
    .map((name) => join(folder, name));
}

function argsOf(folder: string): string[] {
  const file = join(folder, "args");
  return existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line !== "")
    : [];
}

describe("statespec check on response fixtures", () => {
  it("has a fixture for each input shape, NDJSON, another vendor and broken input", () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        "api-server",
        "api-servers-detail",
        "server-show",
        "server-list-long",
        "ndjson-dump",
        "rackspace",
        "broken",
      ]),
    );
  });

  for (const name of cases) {
    for (const format of formats) {
      it(`${name} as ${format}`, async () => {
        const folder = join(root, name);
        const result = await runCli(["check", ...argsOf(folder), "--format", format, ...inputsOf(folder)]);
        const actual = `exit ${result.code}\n${result.stdout}${result.stderr === "" ? "" : `--- stderr\n${result.stderr}`}`;
        const expectedFile = join(folder, `expected.${format}`);
        if (recording || !existsSync(expectedFile)) {
          if (!recording) throw new Error(`${expectedFile} is missing; run with RECORD=1 and review it`);
          writeFileSync(expectedFile, actual);
        }
        expect(actual).toBe(readFileSync(expectedFile, "utf8"));
        expect(result.stderr).toBe("");
        if (format === "json") {
          const report = checkJson(result.stdout);
          expect(report.summary.vendor).toBe(argsOf(folder)[1] ?? "openstack");
          const { errors, warnings, accepted } = report.summary;
          expect(report.findings.length).toBe(errors + warnings + accepted);
        }
        if (format === "markdown") {
          // A pull-request comment, not a file: it opens with an h3 like diff's, so MD041 (first line h1) is off.
          const config = { ...JSON.parse(readFileSync(".markdownlint.json", "utf8")), MD041: false };
          expect(lint({ strings: { [name]: result.stdout }, config }).toString()).toBe("");
        }
        if (format === "github") {
          for (const line of result.stdout.split("\n").filter((text) => text.startsWith("::"))) {
            // Workflow command: properties carry no raw ':' ',' CR LF, data no raw CR LF.
            expect(line).toMatch(/^::(error|warning) file=[^:,\r\n]+(,line=\d+,col=\d+)?,title=[^:,\r\n]+::[^\r\n]+$/);
          }
        }
      });
    }
  }
});

describe("statespec check verdicts and exit codes", () => {
  const folder = mkdtempSync(join(tmpdir(), "statespec-check-"));
  const warningOnly = join(folder, "warning-only.json");
  writeFileSync(
    warningOnly,
    '{"server": {"id": "w", "status": "PAUSED", "OS-EXT-STS:vm_state": "paused", "OS-EXT-STS:task_state": null, "OS-EXT-STS:power_state": 2}}\n',
  );

  it("passes consistent servers and names the pair, the derived status and the row of a contradiction", () => {
    // The recorded outputs (checked against real runs above) must say this, whatever RECORD=1 wrote.
    expect(readFileSync(join(root, "api-server", "expected.text"), "utf8")).toMatch(
      /^exit 0\n1 server checked against openstack in 1 input: 0 errors, 0 warnings\n/,
    );
    const caught = readFileSync(join(root, "api-servers-detail", "expected.text"), "utf8");
    expect(caught).toMatch(/^exit 1\n/);
    expect(caught).toContain("servers.json:14:9: error status-mismatch server #2 'web-2'");
    expect(caught).toContain(
      "status 'ACTIVE' contradicts vm_state 'stopped' with task_state null: openstack derives SHUTOFF (row 'stopped + any task -> SHUTOFF' of document nova-upstream, spec/openstack-nova-upstream.yaml:",
    );
    expect(caught).toContain("did you mean 'powering-off'? (rackspace spells it so)");
    expect(readFileSync(join(root, "server-list-long", "expected.text"), "utf8")).toContain(
      "status 'HARD_REBOOT' with task_state null: no vm_state of openstack derives it",
    );
  });

  it("exits by --fail-on, but always 1 on input it cannot read", async () => {
    expect((await runCli(["check", warningOnly])).code).toBe(0);
    expect((await runCli(["check", "--fail-on", "warning", warningOnly])).code).toBe(1);
    expect((await runCli(["check", "--fail-on", "never", join(root, "api-servers-detail", "servers.json")])).code).toBe(
      0,
    );
    // An unreadable input is not a finding about servers: --fail-on never does not hide it.
    expect((await runCli(["check", "--fail-on", "never", join(root, "broken", "empty.json")])).code).toBe(1);
    // A file that is not there is said in words, as a spec file that is not there is.
    const missing = await runCli(["check", "--fail-on", "never", join(folder, "no-such-file.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("error input-unreadable cannot read: no such file or folder\n");
  });

  it("cuts a long value from the input in every table and message: one name cannot fill a pull-request comment", async () => {
    const long = join(folder, "long-name.json");
    const server = { id: "i".repeat(70_000), name: "N".repeat(70_000), status: "S".repeat(70_000) };
    writeFileSync(long, JSON.stringify({ server: { ...server, "OS-EXT-STS:vm_state": "v".repeat(70_000) } }));
    for (const format of ["text", "markdown", "github"]) {
      const result = await runCli(["check", "--format", format, long]);
      expect(result.code, format).toBe(1);
      expect(result.stdout.length, format).toBeLessThan(5_000);
      expect(result.stdout, format).toContain(`${"N".repeat(77)}...`);
    }
  });

  it("an object with 'servers' and one server's keys beside it is an error, whichever comes first (fails closed)", async () => {
    const server = '{"id":"a","status":"ACTIVE","OS-EXT-STS:vm_state":"stopped","OS-EXT-STS:task_state":null}';
    const inputs = {
      "list-first.json": `{"servers": [], "server": ${server}}\n`,
      "server-first.json": `{"server": ${server},\n "servers": []}\n`,
      "fields-beside.json": `{"servers": [${server}], "status": "ACTIVE"}\n`,
    };
    for (const [name, text] of Object.entries(inputs)) {
      writeFileSync(join(folder, name), text);
      const result = await runCli(["check", "--format", "json", join(folder, name)]);
      expect(result.code, name).toBe(1);
      const codes = JSON.parse(result.stdout).findings.map((f: { code: string; message: string }) => f.code);
      expect(codes, name).toContain("not-a-server");
      expect(result.stdout, name).toContain("two responses in one");
    }
    // NDJSON of single servers and a list document after them are each one response: no such finding.
    writeFileSync(join(folder, "separate.ndjson"), `{"server": ${server}}\n{"servers": []}\n`);
    const separate = await runCli(["check", "--format", "json", join(folder, "separate.ndjson")]);
    expect(separate.stdout).not.toContain("two responses in one");
  });

  it("prints at most --max-findings findings and counts all of them", async () => {
    const result = await runCli(["check", "--max-findings", "1", join(root, "api-servers-detail", "servers.json")]);
    expect(result.stdout.split("\n").filter((line) => / (error|warning) [a-z-]+ server #/.test(line))).toHaveLength(1);
    expect(result.stdout).toContain("2 findings not shown (--max-findings); counted above");
    expect(result.stdout).toContain("2 errors, 1 warning");
  });

  it("refuses bad usage with exit 2", async () => {
    expect((await runCli(["check", "--vendor", "nova", warningOnly])).code).toBe(2);
    expect((await runCli(["check", "--format", "yaml", warningOnly])).code).toBe(2);
    expect((await runCli(["check", "--max-findings", "-1", warningOnly])).code).toBe(2);
    expect((await runCli(["check", "-", "-"])).code).toBe(2);
  });

  it("reads standard input in the built CLI", async () => {
    const input = readFileSync(join(root, "api-servers-detail", "servers.json"));
    const result = spawnSync(process.execPath, ["dist/generator/cli/bin.cjs", "check", "--format", "json", "-"], {
      input,
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    const report = checkJson(result.stdout);
    expect(report.summary.servers).toBe(5);
    expect(report.summary.files[0].file).toBe("<stdin>");
    expect(report.findings[0]).toMatchObject({
      code: "status-mismatch",
      file: "<stdin>",
      line: 14,
      column: 9,
      server: { index: 2, name: "web-2" },
    });
    // The help names the command. That the built CLI has it registered is the run above; the help is main()'s
    // text, printed the same in-process, without a second process.
    expect((await runCli(["--help"])).stdout).toMatch(/^ {2}check {5}/m);
  });

  it("stops quietly when the reader closes the pipe early (| head)", async () => {
    const file = join(folder, "many.ndjson");
    const line =
      '{"id":"x","name":"n","status":"ACTIVE","OS-EXT-STS:vm_state":"stopped","OS-EXT-STS:task_state":null,"OS-EXT-STS:power_state":4}\n';
    // 4,000 contradictions print some 1.1 MB, many times a pipe's 64 KB: the CLI still writes after the reader left.
    writeFileSync(file, line.repeat(4_000));
    const child = spawn(process.execPath, ["dist/generator/cli/bin.cjs", "check", "--max-findings", "100000", file], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (data) => (stderr += data));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(1);
  });
});

async function scanAll(chunks: string[]): Promise<{ events: JsonEvent[]; error?: string }> {
  const events: JsonEvent[] = [];
  async function* source() {
    yield* chunks;
  }
  try {
    for await (const event of scanJson(source())) events.push(event);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { events, error: `${error.line}:${error.column} ${error.message}` };
  }
  return { events };
}

function split(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return chunks;
}

describe("the JSON scanner", () => {
  const samples = [
    ...cases.flatMap((name) => inputsOf(join(root, name)).map((file) => readFileSync(file, "utf8"))),
    '{"servers": [], "servers_links": []}',
    '[{"a": "\\u00e9\\"x"}, 1, "two", null]\n',
    '{"servers": [1] "x": 2}',
    '{"a": tru}',
    '{"a": 01}',
    '{"a": "bad \\q escape"}',
    '{"a": "unterminated',
    "\ufeff[true, false]",
    "[1,]",
  ];

  it("gives the same records and the same located error however the input is cut into chunks", async () => {
    for (const sample of samples) {
      const whole = await scanAll([sample]);
      for (const size of [1, 2, 3, 7, 64]) expect(await scanAll(split(sample, size))).toEqual(whole);
    }
  });

  it("locates syntax errors as line:col", async () => {
    expect((await scanAll(['{\n  "a": 1,\n  "b" 2\n}'])).error).toBe(
      "3:7 expected ':' after an object key, found \"2\"",
    );
    expect((await scanAll(['{"a": tru}'])).error).toBe('1:7 invalid literal or number "tru"');
    expect((await scanAll(["[1,]"])).error).toBe('1:4 expected a value, found "]"');
    expect((await scanAll(['{"a": "x\ny"}'])).error).toBe(
      "1:9 control character U+000A inside a string (write it escaped)",
    );
    expect((await scanAll(["  "])).error).toBe("1:3 no JSON value in the input (it is empty)");
  });

  it("yields a record before the rest of the input exists (it never reads the whole input first)", async () => {
    let release!: () => void;
    const rest = new Promise<void>((resolve) => (release = resolve));
    let restRead = false;
    async function* source() {
      yield '{"servers": [{"status": "ACTIVE"}, ';
      await rest;
      restRead = true;
      yield '{"status": "BUILD"}]}';
    }
    const iterator = scanJson(source());
    expect((await iterator.next()).value).toMatchObject({ kind: "list", place: "servers" });
    expect((await iterator.next()).value).toMatchObject({
      kind: "record",
      value: { status: "ACTIVE" },
      line: 1,
      column: 14,
    });
    expect(restRead).toBe(false);
    release();
    expect((await iterator.next()).value).toMatchObject({ kind: "record", value: { status: "BUILD" } });
    expect((await iterator.next()).done).toBe(true);
  });

  // The source is the reader holding the input file open: one left suspended keeps its descriptor until garbage
  // collection (Node warns, DEP0137), once per checked file with a syntax error when check runs through the API.
  it("ends its source when the scan stops early: at a syntax error, or when its caller stops reading", async () => {
    const ended: string[] = [];
    function source(name: string, chunks: string[]) {
      return (async function* () {
        try {
          yield* chunks;
        } finally {
          ended.push(name);
        }
      })();
    }
    await expect(async () => {
      for await (const event of scanJson(source("error", ['{"a": tru}', "more"]))) void event;
    }).rejects.toThrow(JsonSyntaxError);
    for await (const event of scanJson(source("stopped", ["[1, 2, ", "3]"]))) if (event.kind === "record") break;
    expect(ended).toEqual(["error", "stopped"]);
  });
});

describe("GitHub workflow-command escaping", () => {
  it("escapes %, CR and LF in data, and also ':' and ',' in properties", () => {
    expect(githubData("50% done\r\nnext: a,b")).toBe("50%25 done%0D%0Anext: a,b");
    expect(githubProperty("dir:x/a,b%\n.json")).toBe("dir%3Ax/a%2Cb%25%0A.json");
  });
});
