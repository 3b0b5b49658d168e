// The input shapes `check` recognises, told apart by their keys, and where each comes from.
import type { JsonRecord } from "./json-events.js";

export const shapes = {
  /** Compute API `GET /servers/{id}` (and the create/rebuild responses): `{"server": {...}}`. */
  "api-server": "Compute API GET /servers/{id}: {\"server\": {...}}",
  /** Compute API `GET /servers/detail`: `{"servers": [...], "servers_links": [...]}`. */
  "api-servers": "Compute API GET /servers/detail: {\"servers\": [...]}",
  /**
   * A bare server object with `status` and `OS-EXT-STS:*` keys: what `openstack server show -f json` prints
   * (openstackclient renames the SDK's attributes back to the API's names), or one element of `servers` cut out
   * by a tool such as `jq -c '.servers[]'`.
   */
  "server-object": "server object (openstack server show -f json)",
  /** A row of `openstack server list --long -f json`: `ID`, `Name`, `Status`, `Task State`, `Power State`; no vm_state. */
  "cli-list-row": "openstack server list --long -f json row",
} as const;

export type ShapeId = keyof typeof shapes;

/** One of the four state fields as the input holds it. */
export interface Field {
  /** The key in the input (`OS-EXT-STS:vm_state`, `Task State`, ...). */
  key: string;
  present: boolean;
  value: unknown;
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

export type Classified = { server: ServerView } | { problem: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(object: Record<string, unknown>, key: string): Field {
  const present = Object.prototype.hasOwnProperty.call(object, key);
  return { key, present, value: present ? object[key] : undefined };
}

const apiKeys = { status: "status", vmState: "OS-EXT-STS:vm_state", taskState: "OS-EXT-STS:task_state", powerState: "OS-EXT-STS:power_state" };

function apiView(object: Record<string, unknown>, shape: ShapeId): ServerView {
  return {
    shape,
    id: object.id,
    name: object.name,
    status: field(object, apiKeys.status),
    vmState: field(object, apiKeys.vmState),
    taskState: field(object, apiKeys.taskState),
    powerState: field(object, apiKeys.powerState),
    powerNamesAllowed: shape === "server-object",
  };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (isObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 ? "an empty object" : `an object with keys ${keys.slice(0, 5).map((key) => JSON.stringify(key)).join(", ")}${keys.length > 5 ? ", ..." : ""}`;
  }
  return `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}

/** Which shape a record has, and its state fields; or why it is not a server at all. */
export function classify(record: JsonRecord): Classified {
  const value = record.value;
  if (!isObject(value)) return { problem: `expected a server object, found ${describe(value)}` };
  if (record.place === "servers") return { server: apiView(value, "api-servers") };
  if (record.place === "top" && Object.prototype.hasOwnProperty.call(value, "server") && !Object.prototype.hasOwnProperty.call(value, "status")) {
    const inner = value.server;
    if (!isObject(inner)) return { problem: `"server" should be an object, found ${describe(inner)}` };
    return { server: apiView(inner, "api-server") };
  }
  if (record.place === "top" && Object.prototype.hasOwnProperty.call(value, "servers")) {
    return { problem: `"servers" should be an array of servers, found ${describe(value.servers)}` };
  }
  if ("Status" in value || "Task State" in value || "Power State" in value) {
    return {
      server: { shape: "cli-list-row", id: value.ID, name: value.Name, status: field(value, "Status"), taskState: field(value, "Task State"), powerState: field(value, "Power State"), powerNamesAllowed: true },
    };
  }
  if ("status" in value || Object.keys(value).some((key) => key.startsWith("OS-EXT-STS:"))) return { server: apiView(value, "server-object") };
  return { problem: `expected a server (keys status and OS-EXT-STS:*, or Status and Task State), found ${describe(value)}` };
}

/**
 * openstackclient's names for power states (its PowerStateColumn). Current releases print the integer with
 * `-f json` (cliff emits a column's machine-readable value); older ones printed these names.
 */
export const cliPowerNames: Record<string, number> = { NOSTATE: 0, Running: 1, Paused: 3, Shutdown: 4, Crashed: 6, Suspended: 7 };
