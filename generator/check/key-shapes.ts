// The four responses an object may be, told apart by its keys: an object is exactly one of them. A mix of two is a
// hostile or broken input that check would otherwise read as one of them, passing over the other (a contradiction
// in the ignored half exits 0). The scanner (json-state.ts) judges an object that holds `servers` key by key, as it
// is never one record; shapes.ts judges every record; both say it in the words of mixMessage.
import { quote } from "./findings.js";
import { membersOf, positionIn } from "./json-members.js";
import type { JsonRecord } from "./json-events.js";

/** `{"servers": [...]}`, `{"server": {...}}`, one server in the Compute API's keys, one `server list --long` row. */
export type KeyShape = "list" | "wrapper" | "api" | "cli";

const cliKeys = new Set(["Status", "Task State", "Power State"]);

/** The response a key makes its object, or undefined for a key any of them may hold (id, name, links, ...). */
export function keyShape(key: string): KeyShape | undefined {
  // Run on every top-level key the scanner reads: most keys (id, name, flavor, ...) leave at their first letter.
  const first = key.charCodeAt(0);
  if (first !== 0x73 && first !== 0x4f && first !== 0x53 && first !== 0x54 && first !== 0x50) return undefined;
  if (key === "servers") return "list";
  if (key === "server") return "wrapper";
  if (key === "status" || key.startsWith("OS-EXT-STS:")) return "api";
  return cliKeys.has(key) ? "cli" : undefined;
}

const shapeNames: Record<KeyShape, string> = {
  list: "a server list's",
  wrapper: "a one-server response's",
  api: "a Compute API server's",
  cli: "an openstack server list row's",
};

/** `first`: the object's first key that names a response; `key`: its first key that names another one. */
export function mixMessage(first: string, key: string): string {
  const named = (name: string) => `${quote(name)} (${shapeNames[keyShape(name)!]} key)`;
  return `this object holds ${named(first)} and also ${named(key)}, two responses in one`;
}

export function hasOwn(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Whether a parsed object's keys name two responses. Cheap for the common record: a few own-key lookups. */
export function isMixed(object: Record<string, unknown>): boolean {
  // `in` rather than an own-key call, on every record: Object.prototype holds none of these names, so for an
  // object JSON.parse made (whose keys, __proto__ included, are all its own) the two agree.
  const list = "servers" in object;
  const wrapper = "server" in object;
  const cli = "Status" in object || "Task State" in object || "Power State" in object;
  let api =
    "status" in object ||
    "OS-EXT-STS:vm_state" in object ||
    "OS-EXT-STS:task_state" in object ||
    "OS-EXT-STS:power_state" in object;
  // Any other OS-EXT-STS: key names the API's server too: looked for only where another response's key is held.
  if (!api && (list || wrapper || cli)) api = Object.keys(object).some((key) => key.startsWith("OS-EXT-STS:"));
  return Number(list) + Number(wrapper) + Number(cli) + Number(api) > 1;
}

/** A mixed record (isMixed) as a problem, located at its first key of another response than its first one's. */
export function mixProblem(record: JsonRecord): { problem: string; at: { line: number; column: number } } | undefined {
  let first: { key: string; shape: KeyShape } | undefined;
  for (const member of membersOf(record.text, 0)) {
    const shape = keyShape(member.key);
    if (shape === undefined) continue;
    if (!first) first = { key: member.key, shape };
    else if (shape !== first.shape)
      return {
        problem: `${mixMessage(first.key, member.key)}: neither is checked; give each its own object`,
        at: positionIn(record.text, member.at, record.line, record.column),
      };
  }
  return undefined;
}
