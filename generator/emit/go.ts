// Go per vendor: a module (go.mod) holding one package with typed string constants, a PowerState with String(), the
// derivation table as maps, Nova's two lookups and a struct of the server's state fields. Every line is laid out by
// go-printer.ts, as gofmt prints it; names follow Go's initialisms (tests run gofmt, go vet and staticcheck).
import { stateKinds, type StateKind, type Vendor } from "../model/model.js";
import { headerLine, headerSentences, valueDocumentation } from "./header.js";
import type { GeneratedFile } from "./contract.js";
import { derivation, statusFilters } from "./go-lookups.js";
import { alignedLines, comment, exprLines, func, list, literal } from "./go-printer.js";
import {
  goConstantNames,
  goModulePath,
  goPackage,
  goTypeNames,
  kindFields,
  memberNames,
  valueReferences,
} from "./names.js";

/** The Go version the modules declare: Debian's golang-go (1.19) builds them, and any later Go. */
const goVersion = "1.19";

export function* emitGo(model: { vendors: readonly Vendor[] }): Iterable<GeneratedFile> {
  for (const vendor of model.vendors) {
    const name = goPackage(vendor.id);
    yield {
      path: `${vendor.id}/go/${name}/go.mod`,
      contents: `// ${headerLine()}\n\nmodule ${goModulePath(vendor.id)}\n\ngo ${goVersion}\n`,
    };
    yield { path: `${vendor.id}/go/${name}/states.go`, contents: vendorPackage(vendor, name) };
  }
}

/** Each kind's Go constants, and how code refers to a value (every value the derivation uses is in its set). */
function constants(vendor: Vendor): {
  names: Record<StateKind, string[]>;
  ref: (kind: StateKind, value: string) => string;
} {
  const names = Object.fromEntries(
    stateKinds.map((kind) => [kind, goConstantNames(kind, memberNames(vendor.states[kind]))]),
  ) as Record<StateKind, string[]>;
  return { names, ref: valueReferences(vendor, (_kind, name) => name, names) };
}

function vendorPackage(vendor: Vendor, name: string): string {
  const [generated, instruction] = headerSentences();
  const { names, ref } = constants(vendor);
  const sections = [
    // The line Go's tools recognise as generated code: ^// Code generated .* DO NOT EDIT\.$
    [
      `// Code ${generated.charAt(0).toLowerCase()}${generated.slice(1)} DO NOT EDIT.`,
      `// ${instruction.replace(/^Do not edit: c/, "C")}`,
    ].join("\n"),
    [
      ...comment([
        `Package ${name} holds the server states of ${vendor.id}: the values of the four state fields, how`,
        `status is derived from vm_state and task_state, and Nova's list filter.`,
      ]),
      `package ${name}`,
    ].join("\n"),
    ["import (", '\t"strconv"', '\t"strings"', ")"].join("\n"),
    ...stateKinds.flatMap((kind) => kindSections(vendor, kind, names[kind])),
    powerStateString(vendor, names.power_state),
    serverState(vendor),
    ...derivation(vendor, ref),
    ...statusFilters(vendor, ref),
  ];
  return `${sections.join("\n\n")}\n`;
}

function kindSections(vendor: Vendor, kind: StateKind, names: string[]): string[] {
  const type = goTypeNames[kind];
  const values = vendor.states[kind];
  const summary =
    values.length === 0
      ? [`${type} is \`${kindFields[kind]}\`: ${vendor.id}'s documents list no values.`]
      : [
          `${type} is \`${kindFields[kind]}\`; the constants are the values documented for ${vendor.id},`,
          "in document order.",
        ];
  const sections = [[...comment(summary), `type ${type} ${kind === "power_state" ? "int" : "string"}`].join("\n")];
  if (values.length > 0) {
    const specs = values.map((entry, index) => {
      const text = valueDocumentation(vendor.id, entry);
      const value = typeof entry.value === "number" ? String(entry.value) : literal(entry.value);
      // A doc comment starts with the name it documents (Go's convention); the description follows verbatim.
      return {
        ...(text !== undefined && { doc: comment(`${names[index]} - ${text}`, 1) }),
        cells: [names[index], type, `= ${value}`],
      };
    });
    sections.push(["const (", ...alignedLines(specs, 1), ")"].join("\n"));
  }
  const listName = {
    vm_state: "VMStates",
    task_state: "TaskStates",
    power_state: "PowerStates",
    status: "ServerStatuses",
  }[kind];
  const returned = exprLines(list(`[]${type}{`, names), 1, "return ".length);
  sections.push(
    func([`// ${listName} returns every ${type} in document order.`], `func ${listName}() []${type}`, [
      `\treturn ${returned[0]}`,
      ...returned.slice(1),
    ]),
  );
  return sections;
}

function powerStateString(vendor: Vendor, names: string[]): string {
  const members = memberNames(vendor.states.power_state);
  const cases = names.flatMap((name, index) => [`\tcase ${name}:`, `\t\treturn ${literal(members[index])}`]);
  return func(
    comment([
      `String returns the power state's member name (as in the other artifacts), or PowerState(n) for a value`,
      `${vendor.id} does not document.`,
    ]),
    "func (p PowerState) String() string",
    [
      ...(cases.length === 0 ? [] : ["\tswitch p {", ...cases, "\t}"]),
      '\treturn "PowerState(" + strconv.Itoa(int(p)) + ")"',
    ],
  );
}

function serverState(vendor: Vendor): string {
  const fields = [
    ["Status", "ServerStatus", kindFields.status],
    ["VMState", "VMState", `${kindFields.vm_state},omitempty`],
    ["TaskState", "*TaskState", kindFields.task_state],
    ["PowerState", "*PowerState", kindFields.power_state],
  ];
  return [
    ...comment([
      `ServerState is the state fields of a server as ${vendor.id}'s API reports them (server.schema.json):`,
      `status always, the others with the extended status attributes. VMState is empty when null or absent: a`,
      `null vm_state derives UnknownStatus, an absent one leaves no pair to derive, so decode into a map where`,
      `that difference matters. TaskState and PowerState are nil when null or absent (nil task state: no task).`,
    ]),
    "type ServerState struct {",
    ...alignedLines(
      fields.map(([field, type, tag]) => ({ cells: [field, type, `\`json:${literal(tag)}\``] })),
      1,
    ),
    "}",
  ].join("\n");
}
