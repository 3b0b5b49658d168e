// Holds a vendor's generated artifacts against each other for every pair of its space: the generated module's
// statusFromState, its ServerStatus, status.schema.json, the OpenAPI enum, the standalone server schema (under ajv
// strict and @hyperjump/json-schema), statesForStatus, the Markdown mapping table and `statespec export`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { registerSchema, validate as hyperjumpValidate } from "@hyperjump/json-schema/draft-2020-12";
import { parse } from "yaml";
import { expect } from "vitest";

type ExportedOrigin =
  | { kind: "row"; document: string }
  | { kind: "fallback"; vendor: string; origin: ExportedOrigin }
  | { kind: "policy"; status: string };
interface ExportedAnswer {
  status: string;
  origin: ExportedOrigin;
}
export interface ExportedVendor {
  id: string;
  derivation: {
    task_states: string[];
    vm_states: {
      vm_state: string;
      any_other: ExportedAnswer;
      exceptions: ({ task_state: string | null } & ExportedAnswer)[];
    }[];
    unknown_vm_state: ExportedAnswer;
  };
}

interface VendorModule {
  statusFromState(vmState: string | null | undefined, taskState: string | null | undefined): string;
  statesForStatus(status: string): { vmStates: string[]; taskStates: (string | null)[] | null } | undefined;
  serverStatuses: readonly string[];
}

function fromRow(origin: ExportedOrigin): boolean {
  if (origin.kind === "fallback") return fromRow(origin.origin);
  return origin.kind === "row";
}

/**
 * The derivation table of a vendor page ("How status is derived"): one row per vm_state, its status for any other
 * task, then "STATUS for TASK, TASK ← `origin`; for TASK ← `origin`" groups, one per line; "any other vm_state" last.
 * Each status stands once in a row; origins are checked by the Markdown emitter's own tests, and dropped here.
 */
function markdownAnswers(page: string): { lookup(vmState: string, taskState: string | null | undefined): string } {
  const start = page.indexOf("| vm_state | status | but for these task states |");
  expect(start).toBeGreaterThan(0);
  const rows = page.slice(start).split("\n").slice(2);
  const table = new Map<string, { other: string; tasks: Map<string | null, string> }>();
  let unknown = "";
  const unquote = (cell: string) => cell.replace(/^`|`$/g, "");
  const statuses = new Set<string>();
  for (const line of rows) {
    if (!line.startsWith("|")) break;
    const [vmCell, statusCell, exceptionsCell] = line
      .slice(1, -1)
      .split("|")
      .map((cell) => cell.trim().replace(/&nbsp;← `[^`]*`/g, ""));
    const status = unquote(statusCell.split("; ")[0]);
    statuses.clear();
    statuses.add(status);
    if (vmCell === "any other vm_state") {
      unknown = status;
      continue;
    }
    const entry = { other: status, tasks: new Map<string | null, string>() };
    table.set(unquote(vmCell), entry);
    for (const group of exceptionsCell === "" ? [] : exceptionsCell.split("<br>")) {
      const [groupStatus, ...parts] = group.split(/(?:; )?for /).map((part) => part.trim());
      // No status twice in one row.
      expect(statuses.has(unquote(groupStatus)), line).toBe(false);
      statuses.add(unquote(groupStatus));
      for (const task of parts.join(", ").split(", "))
        entry.tasks.set(task === "no task (`null`)" ? null : unquote(task), unquote(groupStatus));
    }
  }
  expect(unknown).not.toBe("");
  return {
    lookup(vmState, taskState) {
      const entry = table.get(vmState);
      if (!entry) return unknown;
      return entry.tasks.get(taskState ?? null) ?? entry.other;
    },
  };
}

let schemaCount = 0;

/** Every assertion of the one-truth property for one generated vendor; returns the number of pairs checked. */
export async function checkVendor(out: string, vendor: ExportedVendor): Promise<number> {
  const folder = join(out, vendor.id);
  const module = (await import(pathToFileURL(join(folder, "index.ts")).href)) as VendorModule;
  const statusSchema = JSON.parse(readFileSync(join(folder, "schema", "status.schema.json"), "utf8")) as {
    oneOf: { const: string }[];
  };
  const openapi = parse(readFileSync(join(folder, "openapi.yaml"), "utf8")) as {
    components: { schemas: { ServerStatus: { enum: string[] } } };
  };
  const server = JSON.parse(readFileSync(join(folder, "schema", "server.schema.json"), "utf8")) as { $id: string };
  // Compiled alone: no sibling schema is added to either validator.
  const ajvCheck = new Ajv2020({ strict: true }).compile(server);
  const id = `https://one-truth.invalid/${++schemaCount}/server.schema.json`;
  registerSchema({ ...server, $id: id });
  const hyperjump = await hyperjumpValidate(id);
  const markdown = markdownAnswers(readFileSync(join(folder, "README.md"), "utf8"));
  const statuses = statusSchema.oneOf.map((branch) => branch.const);
  // Disagreements are collected and compared with [] once: thousands of expect() calls would dominate the run.
  const problems: string[] = [];
  const same = (what: string, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      problems.push(`${vendor.id}: ${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  };
  const derivedStatuses = new Set<string>();
  let pairs = 0;
  for (const entry of vendor.derivation.vm_states) {
    const vmState = entry.vm_state;
    // An unlisted task state takes the "any other" answer everywhere.
    const other = module.statusFromState(vmState, "\u0000not a task state");
    same(`${vmState} + any other`, other, entry.any_other.status);
    same(`Markdown ${vmState} + any other`, markdown.lookup(vmState, "\u0000not a task state"), other);
    for (const [index, taskState] of [...vendor.derivation.task_states, null].entries()) {
      const where = `${vmState} + ${taskState}`;
      const derived = module.statusFromState(vmState, taskState);
      derivedStatuses.add(derived);
      const exported = entry.exceptions.find((exception) => exception.task_state === taskState) ?? entry.any_other;
      same(`export ${where}`, derived, exported.status);
      same(`Markdown ${where}`, markdown.lookup(vmState, taskState), derived);
      const triple = { status: derived, "OS-EXT-STS:vm_state": vmState, "OS-EXT-STS:task_state": taskState };
      // The server schema accepts exactly the derived status for the pair.
      same(
        `server schema ${where}`,
        statuses.filter((status) => ajvCheck({ ...triple, status })),
        [derived],
      );
      if (taskState === null)
        same(
          `server schema ${where} (task_state absent)`,
          ajvCheck({ status: derived, "OS-EXT-STS:vm_state": vmState }),
          true,
        );
      same(`hyperjump ${where}`, hyperjump(triple).valid, true);
      // A second validator's rejection, once per vm_state.
      const wrong = statuses.find((status) => status !== derived);
      if (index === 0 && wrong !== undefined)
        same(`hyperjump ${where} with ${wrong}`, hyperjump({ ...triple, status: wrong }).valid, false);
      // A status from a row selects the pair in Nova's filter; a fixed status (UNKNOWN) is not filterable.
      if (fromRow(exported.origin)) {
        const filter = module.statesForStatus(derived);
        same(
          `statesForStatus(${derived}) selects ${where}`,
          filter !== undefined &&
            filter.vmStates.includes(vmState) &&
            (filter.taskStates === null || filter.taskStates.includes(taskState)),
          true,
        );
        // Folded as Python's str.lower(): the Kelvin sign lower-cases to k, 'ſ' stays 'ſ' (Nova: 400).
        same(
          `statesForStatus(${derived}) with a Kelvin sign`,
          module.statesForStatus(derived.toLowerCase().replace(/k/g, "\u212a")),
          filter,
        );
        if (/s/i.test(derived))
          same(
            `statesForStatus(${derived}) with a long s`,
            module.statesForStatus(derived.toLowerCase().replace(/s/g, "\u017f")),
            undefined,
          );
      }
      pairs++;
    }
  }
  const unknown = module.statusFromState("\u0000not a vm_state", null);
  derivedStatuses.add(unknown);
  same("unknown vm_state", unknown, vendor.derivation.unknown_vm_state.status);
  same("Markdown unknown vm_state", markdown.lookup("\u0000not a vm_state", null), unknown);
  for (const status of derivedStatuses) {
    same(`ServerStatus has ${status}`, module.serverStatuses.includes(status), true);
    same(`status.schema.json has ${status}`, statuses.includes(status), true);
    same(`OpenAPI ServerStatus has ${status}`, openapi.components.schemas.ServerStatus.enum.includes(status), true);
  }
  // status alone is still a valid response.
  for (const status of statuses) same(`{ status: ${status} } alone`, ajvCheck({ status }), true);
  expect(problems).toEqual([]);
  return pairs;
}
