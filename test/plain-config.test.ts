// The no-op run's reader of statespec.config.yaml (generator/config/plain-config.ts): what it reads must be what
// yaml reads, and what it cannot be sure of it must refuse (the full CLI then reads the file). yaml is the oracle.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { shippedSpecFolder } from "../generator/common/package-root.js";
import { loadConfig } from "../generator/config/config.js";
import { plainConfig, readPlainSettings } from "../generator/config/plain-config.js";
import { starterConfig } from "../generator/config/starter.js";

const read: [string, { given: string; want: object }][] = [
  ["empty file", { given: "", want: {} }],
  ["comments and blank lines", { given: "# statespec\n\n  # indented\n", want: {} }],
  [
    "flow lists and plain scalars",
    {
      given: "specs: [spec, statespec:builtin]\nout: gen\nartifacts: [typescript, json-schema]\n",
      want: { specs: ["spec", "statespec:builtin"], out: "gen", artifacts: ["typescript", "json-schema"] },
    },
  ],
  [
    "block list, quoted items",
    {
      given: "specs:\n  - \"/abs/spec\"\n  - './more specs'\nvendors: []\n",
      want: { specs: ["/abs/spec", "./more specs"], vendors: [] },
    },
  ],
  [
    "block list at the key's indentation",
    { given: "vendors:\n- openstack\n- mycloud\n", want: { vendors: ["openstack", "mycloud"] } },
  ],
  [
    "comments after values",
    {
      given: "out: gen # beside the config\nenumStyle: const\nschemaBaseUri: https://example.com/schemas/ # ours\n",
      want: { out: "gen", enumStyle: "const", schemaBaseUri: "https://example.com/schemas/" },
    },
  ],
];

const refused: [string, string][] = [
  ["a flow mapping", "{ out: gen }\n"],
  ["an unknown key", "output: gen\n"],
  ["a key twice", "out: a\nout: b\n"],
  ["a number", "out: 1.5\n"],
  ["a boolean", "out: true\n"],
  ["null", "out: ~\n"],
  ["an escape in a quoted string", 'out: "a\\tb"\n'],
  ["a plain scalar with a space", "out: my out\n"],
  ["an anchor", "out: &dir gen\n"],
  ["a document marker", "---\nout: gen\n"],
  ["CRLF line ends", "out: gen\r\n"],
  ["a list item without a list", "- spec\n"],
  ["a list where a string belongs", "out: [gen]\n"],
  ["a string where a list belongs", "specs: spec\n"],
  ["a quoted item with a comma", 'specs: ["a,b"]\n'],
];

describe("the no-op run's config reader", () => {
  it.each(read)("reads %s as yaml does", (_, { given, want }) => {
    expect(readPlainSettings(given)).toEqual(want);
    expect(parse(given) ?? {}).toEqual(want);
  });

  it.each(refused)("refuses %s", (_, given) => {
    expect(readPlainSettings(given)).toBeUndefined();
  });
});

describe("both readers find and read the same config", () => {
  it("reads the config `statespec init` writes as yaml does", () => {
    const text = starterConfig({ vendor: "acme", out: "generated" });
    expect(readPlainSettings(text)).toEqual(parse(text));
  });

  it("from a subfolder: the nearest config upward, paths relative to it; none above the repository root", async () => {
    const outer = mkdtempSync(join(tmpdir(), "statespec-discover-"));
    writeFileSync(join(outer, "statespec.config.yaml"), "out: outer\n");
    const project = join(outer, "project");
    const deep = join(project, "a", "b");
    mkdirSync(deep, { recursive: true });
    mkdirSync(join(project, "spec"));
    writeFileSync(
      join(project, "statespec.config.yaml"),
      "specs: [statespec:builtin, spec]\nout: gen # beside the config\n",
    );
    const full = (await loadConfig(deep)).config!;
    const plain = plainConfig(deep, {})!;
    expect(plain).toEqual({
      ...full,
      specsAt: undefined,
      vendorsAt: undefined,
      outAt: undefined,
      specsFromOption: undefined,
    });
    expect([full.out, full.specs[1], full.configPath]).toEqual([
      join(project, "gen"),
      join(project, "spec"),
      join(project, "statespec.config.yaml"),
    ]);
    // Without a config of its own, the project finds the one above it, until it is a repository of its own.
    rmSync(join(project, "statespec.config.yaml"));
    expect((await loadConfig(deep)).config!.out).toBe(join(outer, "outer"));
    mkdirSync(join(project, ".git"));
    const none = (await loadConfig(deep)).config!;
    expect([none.configPath, none.specs, none.out, none.notice !== undefined]).toEqual([
      undefined,
      [shippedSpecFolder()],
      join(deep, "out"),
      true,
    ]);
    // The no-op path leaves a run without a config to the full CLI, which says that it uses the shipped specs.
    expect(plainConfig(deep, {})).toBeUndefined();
  });

  it.each(["out: 'C:\\gen'\n", "specs: ['a\\b']\n", "out: C:/gen\n"])(
    "both refuse a path that cannot be a folder here: %j",
    async (text) => {
      const project = mkdtempSync(join(tmpdir(), "statespec-refused-"));
      writeFileSync(join(project, "statespec.config.yaml"), text);
      expect(plainConfig(project, {})).toBeUndefined();
      expect((await loadConfig(project)).diagnostics.map((d) => d.code)).toEqual(["config-invalid"]);
    },
  );
});
