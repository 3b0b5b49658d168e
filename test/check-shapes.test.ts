// check reads one response per object: a `servers` list, a `server` wrapper, one server in the Compute API's keys, or
// one `openstack server list --long` row. An object mixing two would be read as one of them, the other passed over
// (a contradiction in it exits 0), so every mix is a not-a-server error at the key where the object became two, in
// either order, one per line (the scanner's fast path) and pretty-printed (its slow path). A power state is an
// integer by its written value: 0.99999999999999999 is wrong-type though JSON.parse reads it as 1. In-process (runCliIn) for what
// is printed; the hostile tester's lines also through the built CLI on stdin, a real process, for its exit code.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkJson } from "./helpers/check-schema.js";
import { builtCli, runCliIn } from "./helpers/cli.js";

interface Found {
  code: string;
  message: string;
  line?: number;
  column?: number;
}

const consistent = '{"id":"ok","status":"ACTIVE","OS-EXT-STS:vm_state":"active","OS-EXT-STS:task_state":null}';
// Each response's members, as [key, value] pairs; every one but the list holds a contradiction of its own.
const responses: Record<string, [string, string][]> = {
  list: [["servers", `[${consistent}]`]],
  wrapper: [["server", '{"status":"ACTIVE","OS-EXT-STS:vm_state":"stopped","OS-EXT-STS:task_state":null}']],
  api: [
    ["status", '"ACTIVE"'],
    ["OS-EXT-STS:vm_state", '"stopped"'],
  ],
  cli: [
    ["Status", '"HARD_REBOOT"'],
    ["Task State", "null"],
    ["Power State", "1"],
  ],
};

/** The object holding `first`'s members, then `second`'s, on one line or one member a line, and the offset of
 * `second`'s first key (its quote): where the object became two responses. */
function mixed(first: string, second: string, pretty: boolean): { text: string; at: number } {
  const [open, between, close] = pretty ? ["{\n  ", ",\n  ", "\n}"] : ["{", ",", "}"];
  const members = (name: string) => responses[name].map(([key, value]) => `${JSON.stringify(key)}: ${value}`);
  const head = open + members(first).join(between) + between;
  return { text: head + members(second).join(between) + close, at: head.length };
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const names = Object.keys(responses);
const pairs = names.flatMap((first) => names.filter((second) => second !== first).map((second) => [first, second]));

async function check(files: Record<string, string>, file: string) {
  const folder = mkdtempSync(join(tmpdir(), "statespec-check-shapes-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  const result = await runCliIn(folder, ["check", "--spec", "statespec:builtin", "--format", "json", file]);
  expect(result.stderr).toBe("");
  const report = checkJson(result.stdout);
  return { code: result.code, findings: report.findings as Found[], servers: report.summary.servers as number };
}

describe("an object that mixes two responses", () => {
  it("has a case for each of the twelve ordered pairs of the four responses", () => {
    expect(pairs).toHaveLength(12);
  });

  for (const pretty of [false, true]) {
    const layout = pretty ? "pretty-printed, one after another (slow path)" : "one a line, NDJSON (fast path)";
    it(`is a not-a-server error at the second response's first key, either order: ${layout}`, async () => {
      let text = "";
      const expected: Found[] = [];
      for (const [first, second] of pairs) {
        const object = mixed(first, second, pretty);
        const at = position(text + object.text, text.length + object.at);
        const key = responses[second][0][0];
        expected.push({ code: "not-a-server", message: `and also '${key}'`, ...at });
        text += `${object.text}\n`;
      }
      const { code, findings, servers } = await check({ "mixed.json": text }, "mixed.json");
      expect(code).toBe(1);
      const shown = findings.map((found) => ({ code: found.code, line: found.line, column: found.column }));
      expect(shown).toEqual(expected.map(({ code, line, column }) => ({ code, line, column })));
      findings.forEach((found, index) => {
        const [first, second] = pairs[index];
        expect(found.message, `${first} then ${second}`).toContain(`this object holds '${responses[first][0][0]}'`);
        expect(found.message, `${first} then ${second}`).toContain(expected[index].message);
        expect(found.message, `${first} then ${second}`).toContain("two responses in one");
      });
      // Only a list's elements are read (and are consistent): no half of any other mix is read as a server.
      expect(servers).toBe(pairs.filter((pair) => pair.includes("list")).length);
    });
  }

  it("is an error in a list's element too, and said once where a servers key holds no list", async () => {
    const document = [
      '{"servers": [',
      `  ${consistent},`,
      '  {"id": "x", "status": "ACTIVE", "OS-EXT-STS:vm_state": "stopped",',
      '   "Status": "SHUTOFF", "Task State": null}',
      "]}",
      "[",
      '  {"ID": "r", "Status": "ACTIVE", "Task State": null, "server": {"status": "ACTIVE"}}',
      "]",
      '{"servers": {"status": "ACTIVE"}, "status": "ACTIVE"}',
    ].join("\n");
    const { code, findings, servers } = await check({ "lists.json": `${document}\n` }, "lists.json");
    expect(code).toBe(1);
    const lines = document.split("\n");
    expect(findings.map((found) => [found.code, found.line, found.column])).toEqual([
      ["not-a-server", 4, lines[3].indexOf('"Status"') + 1],
      ["not-a-server", 7, lines[6].indexOf('"server"') + 1],
      ["not-a-server", 9, lines[8].lastIndexOf('"status"') + 1],
    ]);
    expect(findings[0].message).toContain("'status' (a Compute API server's key) and also 'Status'");
    expect(servers).toBe(1);
  });

  it("still reads each response in its own object, one after another", async () => {
    const objects = [
      `{"servers": [${consistent}]}`,
      `{"server": ${consistent}}`,
      consistent,
      '{"ID":"r","Status":"ACTIVE","Task State":null,"Power State":1}',
    ];
    const { code, findings, servers } = await check({ "apart.ndjson": `${objects.join("\n")}\n` }, "apart.ndjson");
    expect(findings).toEqual([]);
    expect(code).toBe(0);
    expect(servers).toBe(4);
  });
});

describe("a power state written with a fraction or an exponent", () => {
  // As JSON Schema's `integer` (server.schema.json): by the written value. 1.0 and 1e0 are integers; a number
  // JSON.parse rounds to 1 is not.
  const apiServer = (power: string, extra = "") =>
    `{"id":"p","status":"ACTIVE","OS-EXT-STS:vm_state":"active","OS-EXT-STS:task_state":null${extra},` +
    `"OS-EXT-STS:power_state": ${power}}`;
  const cliRow = (power: string) => `{"ID":"r","Status":"ACTIVE","Task State":null,"Power State": ${power}}`;
  const fractions = ["0.99999999999999999", "1.0000000000000001", "1.00000000000000001e0", "9999999999999999e-16"];
  const integers = ["1e0", "1E0", "1.0", "10e-1", "0.1e1", "1.000e+0"];

  for (const pretty of [false, true]) {
    const layout = pretty ? "pretty-printed (slow path)" : "one a line (fast path)";
    it(`is wrong-type, shown as written, in the API's key and the CLI's column: ${layout}`, async () => {
      const records = fractions.flatMap((power) => [apiServer(power), cliRow(power)]);
      const text = records.map((record) => (pretty ? record.replace(/,"/g, ',\n  "') : record)).join("\n");
      const { code, findings } = await check({ "power.json": `${text}\n` }, "power.json");
      expect(code).toBe(1);
      expect(findings.map((found) => found.code)).toEqual(records.map(() => "wrong-type"));
      findings.forEach((found, index) => {
        const power = fractions[Math.floor(index / 2)];
        expect(found.message).toMatch(/^(OS-EXT-STS:power_state|Power State) should be an integer/);
        expect(found.message).toContain(`found number ${power}`);
      });
    });
  }

  it("written as an integer with a fraction of zeros or an exponent, it is one: no finding, as the schema says", async () => {
    const records = integers.flatMap((power) => [apiServer(power), cliRow(power)]);
    const { code, findings } = await check({ "integers.ndjson": `${records.join("\n")}\n` }, "integers.ndjson");
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });

  it("reads the number JSON.parse kept, not another written beside it or an escaped key's", async () => {
    const records = [
      // The same key in a nested object holds a fraction; the server's own power state is an integer.
      apiServer("1", ',"metadata":{"OS-EXT-STS:power_state": 1.5}'),
      // An escape anywhere in the record: the key is read member by member.
      apiServer("1.0000000000000001", ',"name":"a \\"quoted\\" name"'),
      `{"id":"e","status":"ACTIVE","OS-EXT-STS:vm_state":"active","OS-EXT-STS:power\\u005fstate": 0.99999999999999999}`,
      apiServer("1"),
      cliRow("1"),
      apiServer("-0"),
    ];
    const { findings } = await check({ "decoys.ndjson": `${records.join("\n")}\n` }, "decoys.ndjson");
    expect(findings.map((found) => [found.code, found.line])).toEqual([
      ["wrong-type", 2],
      ["wrong-type", 3],
    ]);
    expect(findings[0].message).toContain("found number 1.0000000000000001");
    expect(findings[1].message).toContain("found number 0.99999999999999999");
  });
});

describe("the hostile tester's lines through the built CLI on stdin", () => {
  const lines = [
    '{"status":"ACTIVE","OS-EXT-STS:vm_state":"active","server":{"status":"ACTIVE","OS-EXT-STS:vm_state":"stopped"}}',
    '{"server":{"status":"ACTIVE","OS-EXT-STS:vm_state":"stopped"},"status":"ACTIVE","OS-EXT-STS:vm_state":"active"}',
    '{"Status":"ACTIVE","status":"ACTIVE","OS-EXT-STS:vm_state":"stopped","Task State":null,"Power State":1}',
    '{"status":"ACTIVE","OS-EXT-STS:vm_state":"active","OS-EXT-STS:task_state":null,"OS-EXT-STS:power_state":0.99999999999999999}',
  ];
  for (const [index, line] of lines.entries()) {
    it(`exits 1 on line ${index + 1}`, () => {
      const result = spawnSync(process.execPath, [builtCli, "check", "-"], { input: `${line}\n`, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/^<stdin>:1:\d+: error (not-a-server|wrong-type) /);
      expect(result.stdout).toContain(index < 3 ? "two responses in one" : "should be an integer");
    });
  }
});
