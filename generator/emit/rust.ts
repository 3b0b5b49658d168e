// Rust per vendor: one dependency-free crate (edition 2021, Rust 1.63+, Debian 12's rustc) with an enum per kind
// (as_str(), FromStr and Display giving the wire value; PowerState with its code), the derivation as one match and
// Nova's list filter. Every line is laid out by rust-printer.ts as rustfmt prints it (tests run rustfmt --check,
// cargo build and cargo clippy -D warnings).
import { stateKinds, type StateKind, type Vendor } from "../model/model.js";
import { headerSentences, valueDocumentation } from "./header.js";
import type { GeneratedFile } from "./contract.js";
import { generatorVersion } from "../common/version.js";
import { kindFields, kindTypeNames, memberNames, rustCrate, rustVariantNames, valueReferences } from "./names.js";
import { arm, assignedArray, docLines, docProse, literal } from "./rust-printer.js";
import { derivation, statusFilters } from "./rust-lookups.js";

/** The oldest Rust the crates are built with: Debian 12's rustc. */
export const rustVersion = "1.63";

export function* emitRust(model: { vendors: readonly Vendor[] }): Iterable<GeneratedFile> {
  for (const vendor of model.vendors) {
    yield { path: `${vendor.id}/rust/Cargo.toml`, contents: manifest(vendor) };
    yield { path: `${vendor.id}/rust/src/lib.rs`, contents: crateSource(vendor) };
  }
}

function summary(vendor: Vendor): string {
  return `Server states of ${vendor.id}: values, status derivation and Nova's list filter.`;
}

function manifest(vendor: Vendor): string {
  return [
    ...headerSentences().map((sentence) => `# ${sentence}`),
    "[package]",
    `name = ${JSON.stringify(rustCrate(vendor.id))}`,
    // The generator's version: the crate has no release cycle of its own; the header's hash tells contents apart.
    `version = ${JSON.stringify(generatorVersion)}`,
    'edition = "2021"',
    `rust-version = ${JSON.stringify(rustVersion)}`,
    `description = ${JSON.stringify(summary(vendor))}`,
    // Generated for a project to use by path, never to be published under a name someone else may own.
    "publish = false",
    "",
    "[dependencies]",
    "",
  ].join("\n");
}

/** Each kind's variants, and how code refers to a value (every value the derivation uses is in its set). */
function variants(vendor: Vendor): {
  names: Record<StateKind, string[]>;
  ref: (kind: StateKind, value: string) => string;
} {
  const names = Object.fromEntries(
    stateKinds.map((kind) => [kind, rustVariantNames(memberNames(vendor.states[kind]))]),
  ) as Record<StateKind, string[]>;
  return { names, ref: valueReferences(vendor, (kind, name) => `${kindTypeNames[kind]}::${name}`, names) };
}

function crateSource(vendor: Vendor): string {
  const { names, ref } = variants(vendor);
  const sections = [
    [
      ...headerSentences().map((sentence) => `// ${sentence}`),
      "",
      ...docProse(
        `${summary(vendor)}\n\nThe values of the four state fields as enums, how status derives from vm_state ` +
          "and task_state ([`status_from_state`]), and the vm_states and task_states a status selects in Nova's " +
          "list filter ([`states_for_status`]).",
        0,
        "//!",
      ),
    ],
    ["use std::fmt;", "use std::str::FromStr;"],
    ...stateKinds.flatMap((kind) => kindSections(vendor, kind, names[kind])),
    unknownValue(vendor),
    ...derivation(vendor, ref),
    ...statusFilters(vendor, ref),
  ];
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

function kindSections(vendor: Vendor, kind: StateKind, names: string[]): string[][] {
  const type = kindTypeNames[kind];
  const values = vendor.states[kind];
  const summary =
    values.length === 0
      ? `\`${kindFields[kind]}\`: ${vendor.id}'s documents list no values.`
      : `\`${kindFields[kind]}\`: the values documented for ${vendor.id}, in document order.`;
  const members = values.flatMap((entry, index) => {
    const text = valueDocumentation(vendor.id, entry);
    return [...(text === undefined ? [] : docLines(text, 1)), `    ${names[index]},`];
  });
  const qualified = names.map((name) => `${type}::${name}`);
  const matchOver = (body: (index: number) => string) =>
    names.length === 0
      ? ["        match self {}"]
      : ["        match self {", ...qualified.flatMap((name, index) => arm(3, name, body(index))), "        }"];
  const isPower = kind === "power_state";
  const memberNamesOfSet = memberNames(values);
  const methods = isPower
    ? [
        "    /// The code as the API writes it.",
        "    pub fn code(self) -> i32 {",
        ...matchOver((index) => String(values[index].value)),
        "    }",
        "",
        "    /// The member name, as in the other artifacts (`NOSTATE`).",
        "    pub fn name(self) -> &'static str {",
        ...matchOver((index) => literal(memberNamesOfSet[index])),
        "    }",
        "",
        `    /// The power state of a code, or \`None\` for a code ${vendor.id} does not document.`,
        "    pub fn from_code(code: i32) -> Option<PowerState> {",
        "        PowerState::ALL",
        "            .iter()",
        "            .copied()",
        "            .find(|member| member.code() == code)",
        "    }",
      ]
    : [
        "    /// The value as the API writes it.",
        "    pub fn as_str(self) -> &'static str {",
        ...matchOver((index) => literal(String(values[index].value))),
        "    }",
      ];
  const sections = [
    [
      ...docProse(summary, 0),
      "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]",
      ...(members.length === 0 ? [`pub enum ${type} {}`] : [`pub enum ${type} {`, ...members, "}"]),
    ],
    [
      `impl ${type} {`,
      "    /// Every value, in document order.",
      ...assignedArray(1, `pub const ALL: [${type}; ${names.length}] = `, qualified, ";"),
      "",
      ...methods,
      "}",
    ],
    [
      `impl fmt::Display for ${type} {`,
      `    /// Writes the ${isPower ? "code" : "value"} as the API writes it.`,
      "    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {",
      isPower ? "        fmt::Display::fmt(&self.code(), f)" : "        f.pad(self.as_str())",
      "    }",
      "}",
    ],
  ];
  // The error type by its name, never `Self::Err`: in an enum's impl, `Self::Err` would also name a variant `Err`.
  if (!isPower)
    sections.push([
      `impl FromStr for ${type} {`,
      "    type Err = UnknownValue;",
      "",
      "    /// The member of a value exactly as the API writes it (case-sensitive).",
      "    fn from_str(value: &str) -> Result<Self, UnknownValue> {",
      `        ${type}::ALL`,
      "            .iter()",
      "            .copied()",
      "            .find(|member| member.as_str() == value)",
      `            .ok_or_else(|| UnknownValue::new(${literal(kindFields[kind])}, value))`,
      "    }",
      "}",
    ]);
  return sections;
}

function unknownValue(vendor: Vendor): string[] {
  return [
    ...docProse(
      `A value no document of ${vendor.id} lists, refused by [\`FromStr\`]: values are exact, another case ` +
        "or spelling included.",
      0,
    ),
    "#[derive(Clone, Debug, PartialEq, Eq, Hash)]",
    "pub struct UnknownValue {",
    "    /// The field whose value it is (`OS-EXT-STS:vm_state`, `OS-EXT-STS:task_state` or `status`).",
    "    pub field: &'static str,",
    "    /// The text that was parsed.",
    "    pub value: String,",
    "}",
    "",
    "impl UnknownValue {",
    "    fn new(field: &'static str, value: &str) -> Self {",
    "        UnknownValue {",
    "            field,",
    "            value: value.to_owned(),",
    "        }",
    "    }",
    "}",
    "",
    "impl fmt::Display for UnknownValue {",
    "    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {",
    '        write!(f, "unknown {} {:?}", self.field, self.value)',
    "    }",
    "}",
    "",
    "impl std::error::Error for UnknownValue {}",
  ];
}
