// Identifiers derived from state values: deterministic, documented in the README, and collision-free per set.
import { stateKinds, type StateKind, type Vendor, type VendorValue } from "../model/model.js";

// A vendor's package, module and crate names: in model/, where validate's name-collision check reads them too.
export { goModulePath, goPackage, javaPackage, pythonPackage, rustCrate } from "../model/vendor-names.js";

/** TypeScript / OpenAPI names of the four kinds. */
export const kindTypeNames: Record<StateKind, string> = {
  vm_state: "VmState",
  task_state: "TaskState",
  power_state: "PowerState",
  status: "ServerStatus",
};

/** The API field each kind is reported in. */
export const kindFields: Record<StateKind, string> = {
  vm_state: "OS-EXT-STS:vm_state",
  task_state: "OS-EXT-STS:task_state",
  power_state: "OS-EXT-STS:power_state",
  status: "status",
};

const spelled: Record<string, string> = { "-": "HYPHEN", ".": "DOT", _: "UNDERSCORE" };

/**
 * Member names for one set of values, unique within the set:
 * 1. a string value is upper-cased and every run of characters other than letters and digits becomes '_'
 *    (`soft-delete` -> SOFT_DELETE, `soft_deleted` -> SOFT_DELETED); an integer uses the document's name
 *    (NOSTATE) or STATE_<n>; a name that would not start with a letter or '_' gets V_ in front;
 * 2. values that share a name spell out their separators (`powering-off` -> POWERING_HYPHEN_OFF,
 *    `powering_off` -> POWERING_UNDERSCORE_OFF);
 * 3. a value whose name is still taken gets _2, _3, ... in document order, skipping every name another value
 *    has or would have (`active`, `Active`, `active_2` -> ACTIVE, ACTIVE_3, ACTIVE_2).
 * Names are upper case, so none is a reserved word, `constructor` or `__proto__`, in any enum or object, nor a
 * keyword or literal of Python, Go or Java (lower case, or capitalized as Python's `None`, `True` and `False`).
 */
export function memberNames(values: readonly Pick<VendorValue, "value" | "name">[]): string[] {
  const plain = values.map((entry) => basicName(entry));
  const counts = countBy(plain);
  const unique = (index: number) => counts.get(plain[index]) === 1;
  const wanted = values.map((entry, index) =>
    !unique(index) && typeof entry.value === "string" ? spelledName(entry.value) : plain[index],
  );
  // A name that only one value has is claimed first: a value keeps its plain name whatever else the set holds.
  const taken = new Set(plain.filter((_, index) => unique(index)));
  const wantedNames = new Set(wanted);
  return wanted.map((name, index) => {
    if (unique(index)) return name;
    let candidate = name;
    for (let suffix = 2; taken.has(candidate) || (candidate !== name && wantedNames.has(candidate)); suffix++)
      candidate = `${name}_${suffix}`;
    taken.add(candidate);
    return candidate;
  });
}

function basicName(entry: Pick<VendorValue, "value" | "name">): string {
  if (typeof entry.value === "number")
    return entry.name !== undefined ? identifier(entry.name) : `STATE_${entry.value}`;
  return identifier(entry.value);
}

function identifier(text: string): string {
  const name = text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[A-Z_]/.test(name) ? name : `V_${name}`;
}

function spelledName(value: string): string {
  const parts = value.split(/([^A-Za-z0-9])/).filter((part) => part !== "");
  const name = parts
    .map((part) =>
      /^[A-Za-z0-9]+$/.test(part)
        ? part.toUpperCase()
        : (spelled[part] ?? `U${part.codePointAt(0)!.toString(16).toUpperCase()}`),
    )
    .join("_");
  return /^[A-Z_]/.test(name) ? name : `V_${name}`;
}

function countBy(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** The Go type of each kind: the TypeScript names in Go's initialism spelling (VM, not Vm). */
export const goTypeNames: Record<StateKind, string> = {
  vm_state: "VMState",
  task_state: "TaskState",
  power_state: "PowerState",
  status: "ServerStatus",
};

/** The initialisms staticcheck's ST1003 (and golint before it) wants in upper case, as a word of a name. */
const goInitialisms = new Set([
  ..."ACL API ASCII CPU CSS DB DNS EOF GID GUID HTML HTTP HTTPS ID IP JSON QPS RAM RPC SIP SLA SMTP SQL SSH".split(" "),
  ..."TCP TLS TS TTL UDP UI UID UUID URI URL UTF8 VM XML XMPP XSRF XSS".split(" "),
]);

/**
 * The Go constants of one set, by member name (memberNames): the kind's Go type, then each '_'-separated part of
 * the member name capitalized, or upper case when it is an initialism (SOFT_DELETE -> VMStateSoftDelete,
 * VM_ID -> ...VMID); a '_' stays only between two digits (V_1_2 -> V1_2), as staticcheck allows. Where two member
 * names still give one Go name (STATE_1 and STATE1), the first in document order keeps it and each later one gets
 * V2, V3, ... after it, skipping every name another value has. The type-name prefix keeps every constant exported
 * and apart from the other kinds' constants and the package's other names.
 */
export function goConstantNames(kind: StateKind, memberNames: readonly string[]): string[] {
  return distinct(memberNames.map((member) => `${goTypeNames[kind]}${camelWords(member, goInitialisms)}`));
}

/**
 * The Rust enum variants of one set, by member name (memberNames): each '_'-separated part of the member name
 * capitalized (SOFT_DELETE -> SoftDelete, VM_ID -> VmId), a '_' only between two digits (V_1_2 -> V1_2), as
 * rustc's non_camel_case_types allows. `Self`, the one Rust keyword a capitalized word can be, becomes `Self_`
 * (a raw identifier cannot be `Self`). Where two member names still give one variant (STATE_1 and STATE1), the
 * first in document order keeps it and each later one gets V2, V3, ... as in Go.
 */
export function rustVariantNames(memberNames: readonly string[]): string[] {
  return distinct(
    memberNames
      .map((member) => camelWords(member, new Set()))
      .map((name) => (rustReservedVariants.has(name) ? `${name}_` : name)),
  );
}

/** Rust keywords a capitalized name can be: the others (`self`, `match`, `type`, ...) are lower case. */
const rustReservedVariants = new Set(["Self"]);

/** Names made unique in document order: a later duplicate gets V2, V3, ..., skipping every name already there. */
function distinct(plain: readonly string[]): string[] {
  const taken = new Set(plain);
  const claimed = new Set<string>();
  return plain.map((name) => {
    if (!claimed.has(name)) {
      claimed.add(name);
      return name;
    }
    let suffix = 2;
    while (taken.has(`${name}V${suffix}`)) suffix++;
    taken.add(`${name}V${suffix}`);
    return `${name}V${suffix}`;
  });
}

function camelWords(memberName: string, initialisms: ReadonlySet<string>): string {
  const parts = memberName.split("_").filter((part) => part !== "");
  return parts
    .map((part, index) => {
      const word = initialisms.has(part) ? part : part.charAt(0) + part.slice(1).toLowerCase();
      const betweenDigits = index > 0 && /[0-9]$/.test(parts[index - 1]) && /^[0-9]/.test(part);
      return betweenDigits ? `_${word}` : word;
    })
    .join("");
}

/**
 * How generated code refers to a value of a vendor (`spell` turns a kind and its member name into a constant or
 * enum member). `names`: the language's names of each kind's values, in value order, where they are not the member
 * names (Go's constants, Rust's variants). Every value the derivation uses is in its set (closed sets), so a miss is
 * a bug.
 */
export function valueReferences(
  vendor: Vendor,
  spell: (kind: StateKind, memberName: string) => string,
  names?: Readonly<Record<StateKind, readonly string[]>>,
): (kind: StateKind, value: string) => string {
  const byKind = new Map(
    stateKinds.map((kind) => {
      const kindNames = names?.[kind] ?? memberNames(vendor.states[kind]);
      return [
        kind,
        new Map(vendor.states[kind].map((entry, index) => [entry.value, spell(kind, kindNames[index])])),
      ] as const;
    }),
  );
  return (kind, value) => {
    const reference = byKind.get(kind)!.get(value);
    if (reference === undefined)
      throw new Error(`bug: ${kind} '${value}' of ${vendor.id}'s derivation is not in its value set`);
    return reference;
  };
}
