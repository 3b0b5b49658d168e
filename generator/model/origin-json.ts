// Where a derived status comes from, in the one JSON shape every command prints it in (diff's pairs, check's
// findings, export's answers) and states.json carries: a document row, a fallback vendor's answer, or the vendor's
// fixed status for uncovered pairs.
import { finalOrigin } from "./derive.js";
import type { AnswerOrigin } from "./model.js";
import { taskJson } from "./task.js";

/** `taskState`: a task state, null for "no task", "*" for a vm_state's "any task state" row. */
export type OriginJson =
  | { kind: "row"; document: string; vmState: string; taskState: string | null; file: string; line: number }
  | { kind: "fallback"; vendor: string; origin: OriginJson }
  | { kind: "policy"; status: string };

/**
 * The JSON of an answer's origin; `status` is the answer's (a fixed status is the answer's own status). Built from
 * the final origin outwards, in a loop: a fallback chain may be as long as the specs make it. `fileName` names a
 * row's spec file: as the model names it (for the commands), or without its folder (in a generated file, which must
 * not depend on the working directory).
 */
export function originJson(
  origin: AnswerOrigin,
  status: string,
  fileName: (file: string) => string = (file) => file,
): OriginJson {
  const via: string[] = [];
  const final = finalOrigin(origin, via);
  let json: OriginJson =
    final.kind === "policy"
      ? { kind: "policy", status }
      : {
          kind: "row",
          document: final.row.document,
          vmState: final.row.vmState,
          taskState: taskJson(final.row.task),
          file: fileName(final.row.location.file),
          line: final.row.location.line,
        };
  for (const vendor of via.reverse()) json = { kind: "fallback", vendor, origin: json };
  return json;
}

/**
 * A short origin: `row base:41`, `openstack: row nova-upstream:296`, `policy`. The one wording of an origin for a
 * reader: diff's pull-request comment and the vendor pages' derivation table both print it.
 */
export function originLabel(origin: OriginJson): string {
  if (origin.kind === "fallback") return `${origin.vendor}: ${originLabel(origin.origin)}`;
  if (origin.kind === "policy") return "policy";
  return `row ${origin.document}:${origin.line}`;
}
