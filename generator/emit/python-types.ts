// The types of a vendor's Python module: the enums (on bases that print members as their values), the Literal
// aliases of the JSON values and the ServerState TypedDict. python.ts puts them together with the lookups.
import { stateKinds, type StateKind, type Vendor } from "../model/model.js";
import { valueDocumentation } from "./header.js";
import { kindFields, kindTypeNames, memberNames } from "./names.js";
import { assignment, call, display, docstring, pyLines } from "./python-printer.js";

/**
 * A Python string literal. The values JSON gives (state values match [A-Za-z][A-Za-z0-9_.-]*, names are
 * identifiers) need no escape, so the double quotes black prefers are what JSON writes.
 */
export function literal(value: string | number): string {
  return JSON.stringify(value);
}

export const valueAliases: Record<StateKind, string> = {
  vm_state: "VmStateValue",
  task_state: "TaskStateValue",
  power_state: "PowerStateValue",
  status: "ServerStatusValue",
};

/**
 * The enums' bases. A (str, Enum) member prints as `ServerStatus.ACTIVE` on 3.11+ and as `ACTIVE` before, and an
 * IntEnum's str() changed the other way; defining __str__ and __format__ on the class itself gives the value on
 * every version (as enum.StrEnum does from 3.11), so f"/servers?status={status}" does not depend on the interpreter.
 */
export function enumBases(): string[][] {
  const base = (name: string, bases: string, type: string, text: string) => [
    `class ${name}(${bases}):`,
    ...docstring(text, 4),
    "",
    "    def __str__(self) -> str:",
    `        return ${type}.__${type === "int" ? "repr" : "str"}__(self)`,
    "",
    "    def __format__(self, format_spec: str) -> str:",
    `        return ${type}.__format__(self, format_spec)`,
  ];
  const same = (since: string) => `str(), format() and f-strings give the value on every Python version, as ${since}.`;
  return [
    base(
      "_StrEnum",
      "str, enum.Enum",
      "str",
      `A str enum whose members print as their values.\n\n${same("enum.StrEnum does from 3.11")}`,
    ),
    base(
      "_IntEnum",
      "enum.IntEnum",
      "int",
      `An IntEnum whose members print as their values.\n\n${same("enum.IntEnum does from 3.11")}`,
    ),
  ];
}

export function enumClass(vendor: Vendor, kind: StateKind): string[] {
  const values = vendor.states[kind];
  const base = kind === "power_state" ? "_IntEnum" : "_StrEnum";
  const summary =
    values.length === 0
      ? `\`${kindFields[kind]}\`: ${vendor.id}'s documents list no values.`
      : `\`${kindFields[kind]}\` values documented for ${vendor.id}, in document order.`;
  const result = [`class ${kindTypeNames[kind]}(${base}):`, ...docstring(summary, 4)];
  const names = memberNames(values);
  // Undocumented members stand together; a documented one is set apart with its docstring below it.
  let previousDocumented = true;
  values.forEach((entry, index) => {
    const text = valueDocumentation(vendor.id, entry);
    if (previousDocumented || text !== undefined) result.push("");
    result.push(...pyLines(assignment(names[index], literal(entry.value), false), 4));
    if (text !== undefined) result.push(...docstring(text, 4));
    previousDocumented = text !== undefined;
  });
  return result;
}

/** A kind's values as JSON gives them (plain str and int, not enum members): `Literal[...]`, for the TypedDict. */
function valueAlias(vendor: Vendor, kind: StateKind): string[] {
  const values = vendor.states[kind];
  const code =
    values.length === 0
      ? `${valueAliases[kind]} = ${kind === "power_state" ? "int" : "str"}`
      : call(
          `${valueAliases[kind]} = Literal`,
          "[",
          values.map((entry) => literal(entry.value)),
          "]",
        );
  return [...pyLines(code), ...docstring(`\`${kindFields[kind]}\` as the JSON of a response carries it.`, 0)];
}

export function serverState(vendor: Vendor): string[][] {
  // The OS-EXT-STS:* keys are not identifiers, so the functional syntax; `status` is required and the extended
  // attributes are optional, which 3.9 can only say through a total=False base (NotRequired is 3.11). The call's
  // arguments are evaluated at run time, where 3.9 has no `X | None`: Optional stays there.
  const fields = [
    `${literal(kindFields.vm_state)}: Optional[${valueAliases.vm_state}]`,
    `${literal(kindFields.task_state)}: Optional[${valueAliases.task_state}]`,
    `${literal(kindFields.power_state)}: Optional[${valueAliases.power_state}]`,
  ];
  const extended = call(
    "_ServerStateExtended = TypedDict",
    "(",
    [literal("_ServerStateExtended"), display("", "{", fields, "}", true), "total=False"],
    ")",
    "",
    true,
  );
  const text =
    `The state fields of a server as ${vendor.id}'s API reports them.\n\nAs in server.schema.json: status always, ` +
    "the others with the extended status attributes. Values are the JSON strings and integers; the enums above " +
    "compare equal to them.";
  return [
    [
      ...stateKinds.flatMap((kind, index) => [...(index === 0 ? [] : [""]), ...valueAlias(vendor, kind)]),
      "",
      "",
      ...pyLines(extended),
    ],
    ["class ServerState(_ServerStateExtended):", ...docstring(text, 4), "", `    status: ${valueAliases.status}`],
  ];
}
