// The input shapes `check` recognises, told apart by their keys, and where each comes from.
import type { JsonRecord } from "./json-events.js";
import { hasOwn, isMixed, mixProblem } from "./key-shapes.js";
import { ServerText, readKeys } from "./server-text.js";

export const shapes = {
  /** Compute API `GET /servers/{id}` (and the create/rebuild responses): `{"server": {...}}`. */
  "api-server": 'Compute API GET /servers/{id}: {"server": {...}}',
  /** Compute API `GET /servers/detail`: `{"servers": [...], "servers_links": [...]}`. */
  "api-servers": 'Compute API GET /servers/detail: {"servers": [...]}',
  /**
   * A bare server object with `status` and `OS-EXT-STS:*` keys: what `openstack server show -f json` prints
   * (openstackclient renames the SDK's attributes back to the API's names), or one element of `servers` cut out
   * by a tool such as `jq -c '.servers[]'`.
   */
  "server-object": "server object (openstack server show -f json)",
  /**
   * A row of `openstack server list --long -f json`: `ID`, `Name`, `Status`, `Task State`, `Power State`; no
   * vm_state.
   */
  "cli-list-row": "openstack server list --long -f json row",
} as const;

export type ShapeId = keyof typeof shapes;

/** One of the four state fields as the input holds it. */
export interface Field {
  /** The key in the input (`OS-EXT-STS:vm_state`, `Task State`, ...). */
  key: string;
  present: boolean;
  value: unknown;
  /** A number as the input wrote it, where the parsed value cannot show it (1e400, 9007199254740993, 0.10). */
  written?: string;
}

export interface ServerView {
  shape: ShapeId;
  id: unknown;
  name: unknown;
  status: Field;
  /** Absent by nature in a server list row: the CLI has no vm_state column. */
  vmState?: Field;
  taskState: Field;
  powerState: Field;
  /** Power states may be printed by name (older openstackclient): accepted only in the CLI's shapes. */
  powerNamesAllowed: boolean;
}

/** A problem is `not-a-server` unless it says otherwise; `at` locates it better than the record's start. */
export type Classified =
  { server: ServerView } | { problem: string; code?: "duplicate-key"; at?: { line: number; column: number } };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `integer`: a power state, whose number as written is kept where it has a fraction or an exponent: it is judged by
 * that text, not by the double JSON.parse made of it (server-checks.ts, writtenInteger). */
function field(object: Record<string, unknown>, key: string, source: ServerText, integer = false): Field {
  const present = hasOwn(object, key);
  const value = present ? object[key] : undefined;
  // A safe integer is shown exactly by String(); anything else may have lost digits or become Infinity.
  const written =
    typeof value !== "number"
      ? undefined
      : !Number.isSafeInteger(value)
        ? source.written(key)
        : integer
          ? source.fraction(key)
          : undefined;
  return { key, present, value, ...(written !== undefined && { written }) };
}

/** An id or name as a label shows it: a number as written. */
function label(object: Record<string, unknown>, key: string, source: ServerText): unknown {
  const value = object[key];
  return typeof value === "number" && !Number.isSafeInteger(value) ? source.written(key) : value;
}

const apiKeys = {
  status: "status",
  vmState: "OS-EXT-STS:vm_state",
  taskState: "OS-EXT-STS:task_state",
  powerState: "OS-EXT-STS:power_state",
};
const apiRead = readKeys(["id", "name", ...Object.values(apiKeys)]);
const cliRead = readKeys(["ID", "Name", "Status", "Task State", "Power State"]);
const wrapperRead = readKeys(["server"]);

function apiView(object: Record<string, unknown>, shape: ShapeId, source: ServerText): Classified {
  const duplicate = source.duplicate(object, apiRead);
  if (duplicate) return duplicate;
  const server: ServerView = {
    shape,
    id: label(object, "id", source),
    name: label(object, "name", source),
    status: field(object, apiKeys.status, source),
    vmState: field(object, apiKeys.vmState, source),
    taskState: field(object, apiKeys.taskState, source),
    powerState: field(object, apiKeys.powerState, source, true),
    powerNamesAllowed: shape === "server-object",
  };
  return { server };
}

/** `text`: the value as written, for a record that is a number (shown as the input wrote it). */
function describe(value: unknown, text?: string): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (isObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0
      ? "an empty object"
      : `an object with keys ${keys
          .slice(0, 5)
          .map((key) => JSON.stringify(key))
          .join(", ")}${keys.length > 5 ? ", ..." : ""}`;
  }
  const shown = typeof value === "number" && text !== undefined ? text.trim() : JSON.stringify(value);
  return `${typeof value} ${shown.slice(0, 40)}`;
}

/** Which shape a record has, and its state fields; or why it is not a server at all. */
export function classify(record: JsonRecord): Classified {
  const value = record.value;
  if (!isObject(value)) return { problem: `expected a server object, found ${describe(value, record.text)}` };
  // One object, one response: a mix is read as neither (key-shapes.ts), whatever else the record holds.
  const mixed = isMixed(value) ? mixProblem(record) : undefined;
  if (mixed) return mixed;
  if (record.place === "servers") return apiView(value, "api-servers", new ServerText(record, false));
  if (record.place === "top" && hasOwn(value, "server")) {
    const wrapper = new ServerText(record, false).duplicate(value, wrapperRead);
    if (wrapper) return wrapper;
    const inner = value.server;
    if (!isObject(inner)) return { problem: `"server" should be an object, found ${describe(inner)}` };
    return apiView(inner, "api-server", new ServerText(record, true));
  }
  if (record.place === "top" && hasOwn(value, "servers")) {
    return { problem: `"servers" should be an array of servers, found ${describe(value.servers)}` };
  }
  const source = new ServerText(record, false);
  if ("Status" in value || "Task State" in value || "Power State" in value) {
    const duplicate = source.duplicate(value, cliRead);
    if (duplicate) return duplicate;
    const [status, taskState, powerState] = [
      field(value, "Status", source),
      field(value, "Task State", source),
      field(value, "Power State", source, true),
    ];
    return {
      server: {
        shape: "cli-list-row",
        id: label(value, "ID", source),
        name: label(value, "Name", source),
        status,
        taskState,
        powerState,
        powerNamesAllowed: true,
      },
    };
  }
  if ("status" in value || Object.keys(value).some((key) => key.startsWith("OS-EXT-STS:")))
    return apiView(value, "server-object", source);
  return {
    problem: `expected a server (keys status and OS-EXT-STS:*, or Status and Task State), found ${describe(value)}`,
  };
}
