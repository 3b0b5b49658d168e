// The no-op run's reader of statespec.config.yaml (generator/config/plain-config.ts): what it reads must be what
// yaml reads, and what it cannot be sure of it must refuse (the full CLI then reads the file). yaml is the oracle.
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { readPlainSettings } from "../generator/config/plain-config.js";

const read: [string, { given: string; want: object }][] = [
  ["empty file", { given: "", want: {} }],
  ["comments and blank lines", { given: "# statespec\n\n  # indented\n", want: {} }],
  ["flow lists and plain scalars", { given: "specs: [spec, statespec:builtin]\nout: gen\nartifacts: [typescript, json-schema]\n", want: { specs: ["spec", "statespec:builtin"], out: "gen", artifacts: ["typescript", "json-schema"] } }],
  ["block list, quoted items", { given: 'specs:\n  - "/abs/spec"\n  - \'./more specs\'\nvendors: []\n', want: { specs: ["/abs/spec", "./more specs"], vendors: [] } }],
  ["block list at the key's indentation", { given: "vendors:\n- openstack\n- mycloud\n", want: { vendors: ["openstack", "mycloud"] } }],
  ["comments after values", { given: "out: gen # beside the config\nenumStyle: const\nschemaBaseUri: https://example.com/schemas/ # ours\n", want: { out: "gen", enumStyle: "const", schemaBaseUri: "https://example.com/schemas/" } }],
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
