// Random valid specs (fast-check) and the answers the model gives for one, shared by the property tests and the
// tests that run generated code of random specs in its own language (Python, Go, Rust).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { forbiddenInText } from "../../generator/common/text-safety.js";
import { answerFor, compactDerivation, statesForStatus } from "../../generator/model/derive.js";
import { memberNames } from "../../generator/emit/names.js";
import type { Vendor } from "../../generator/model/model.js";
import type { TypeScriptModule } from "./sdk.js";

const tricky = [
  "*/ code",
  "`tick` ${x}",
  "a | b",
  "<script>x</script>",
  "{{x}} {{{y}}}",
  "line\nbreak",
  "quote \" '",
  "# heading",
  "[l](http://x)",
  "ü 中文 ✓",
];
// Printable graphemes include U+2028 and U+2029, which validation refuses (unsafe-character): not a valid spec.
export const text = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).filter((value) => !forbiddenInText.test(value)),
  fc.constantFrom(...tricky),
);
export const lowerValue = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,10}$/);
export const upperValue = fc.stringMatching(/^[A-Z][A-Z_]{0,10}$/).filter((value) => value !== "UNKNOWN");
const entries = <T>(values: fc.Arbitrary<T[]>) =>
  values.chain((list) =>
    fc.tuple(
      ...list.map((value) =>
        fc.record({ value: fc.constant(value), description: fc.option(text, { nil: undefined }) }),
      ),
    ),
  );

export const validSpec = fc
  .record({
    vmStates: fc.uniqueArray(lowerValue, { minLength: 1, maxLength: 4 }),
    taskStates: fc.uniqueArray(lowerValue, { maxLength: 4 }),
    powerStates: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 3 }),
    statuses: fc.uniqueArray(upperValue, { minLength: 1, maxLength: 4 }),
    note: text,
  })
  .chain((sets) =>
    fc.record({
      sets: fc.constant(sets),
      vm: entries(fc.constant(sets.vmStates)),
      task: entries(fc.constant(sets.taskStates)),
      power: entries(fc.constant(sets.powerStates)),
      status: entries(fc.constant(sets.statuses)),
      // Per vm_state: an any-task row or not, and a status for each task key it names.
      rows: fc.tuple(
        ...sets.vmStates.map((vmState) =>
          fc.record({
            vmState: fc.constant(vmState),
            any: fc.option(fc.constantFrom(...sets.statuses), { nil: undefined }),
            tasks: fc
              .subarray([null, ...sets.taskStates])
              .chain((tasks) =>
                fc.tuple(...tasks.map((task) => fc.tuple(fc.constant(task), fc.constantFrom(...sets.statuses)))),
              ),
          }),
        ),
      ),
    }),
  )
  .map(({ sets, vm, task, power, status, rows }) => {
    const set = (list: { value: unknown; description?: string }[]) => ({
      section: "Table",
      values: list.map((entry) => (entry.description === undefined ? { value: entry.value } : entry)),
    });
    return {
      id: "random",
      vendor: { id: "random", uncovered: { status: "UNKNOWN", why: "random" } },
      locale: "en",
      provenance: { source: "random.txt", title: "Random", publisher: "fast-check" },
      notes: [{ section: "Notes", text: sets.note }],
      states: {
        vm_state: set(vm),
        task_state: set(task),
        power_state: set(power),
        status: set([...status, { value: "UNKNOWN" }]),
      },
      mapping: {
        section: "Rows",
        rows: rows.flatMap((row) => [
          ...(row.any ? [{ vm_state: row.vmState, task_states: "any", status: row.any }] : []),
          ...row.tasks.map(([taskState, rowStatus]) => ({
            vm_state: row.vmState,
            task_states: [taskState],
            status: rowStatus,
          })),
        ]),
      },
    };
  });

/** The model's answers (derive.ts, what every generated module is printed from) in the shape of a generated module. */
export function modelAnswers(vendor: Vendor): TypeScriptModule {
  const values = <T>(kind: "vm_state" | "task_state" | "power_state" | "status") =>
    vendor.states[kind].map((entry) => entry.value as T);
  const powerNames = memberNames(vendor.states.power_state);
  return {
    vmStates: values<string>("vm_state"),
    taskStates: values<string>("task_state"),
    powerStates: values<number>("power_state"),
    serverStatuses: values<string>("status"),
    PowerState: Object.fromEntries(vendor.states.power_state.map((entry, index) => [entry.value, powerNames[index]])),
    statusFromState: (vmState, taskState) => answerFor(vendor.derivation, vmState, taskState).status,
    statesForStatus: (status) => statesForStatus(compactDerivation(vendor.derivation), status),
  };
}

export function writeSpec(text: string): string {
  const folder = mkdtempSync(join(tmpdir(), "statespec-prop-"));
  writeFileSync(join(folder, "random.yaml"), text);
  return folder;
}

// Three vendors over one pool of values, so their sets overlap: a fixed-status base, a vendor that falls back to
// it, and one that extends that one (a chain of two fallbacks).
const pool = fc.record({
  vmStates: fc.uniqueArray(lowerValue, { minLength: 2, maxLength: 5 }),
  taskStates: fc.uniqueArray(lowerValue, { maxLength: 5 }),
  statuses: fc.uniqueArray(upperValue, { minLength: 1, maxLength: 4 }),
});

function documentOf(
  sets: { vmStates: string[]; taskStates: string[]; statuses: string[] },
  id: string,
  vendor: object,
) {
  return fc
    .record({
      vmStates: fc.subarray(sets.vmStates, { minLength: 1 }),
      taskStates: fc.subarray(sets.taskStates),
      statuses: fc.subarray(sets.statuses, { minLength: 1 }),
    })
    .chain((own) =>
      fc.record({
        own: fc.constant(own),
        rows: fc.tuple(
          ...own.vmStates.map((vmState) =>
            fc.record({
              vmState: fc.constant(vmState),
              any: fc.option(fc.constantFrom(...own.statuses), { nil: undefined }),
              tasks: fc
                .subarray([null, ...own.taskStates])
                .chain((tasks) =>
                  fc.tuple(...tasks.map((task) => fc.tuple(fc.constant(task), fc.constantFrom(...own.statuses)))),
                ),
            }),
          ),
        ),
      }),
    )
    .map(({ own, rows }) => {
      const set = (values: unknown[]) => ({ section: "Table", values: values.map((value) => ({ value })) });
      return {
        id,
        vendor,
        locale: "en",
        provenance: { source: `${id}.txt`, title: id, publisher: "fast-check" },
        states: {
          vm_state: set(own.vmStates),
          task_state: set(own.taskStates),
          power_state: set([]),
          status: set(id === "base" ? [...own.statuses, "UNKNOWN"] : own.statuses),
        },
        mapping: {
          section: "Rows",
          rows: rows.flatMap((row) => [
            ...(row.any ? [{ vm_state: row.vmState, task_states: "any", status: row.any }] : []),
            ...row.tasks.map(([taskState, rowStatus]) => ({
              vm_state: row.vmState,
              task_states: [taskState],
              status: rowStatus,
            })),
          ]),
        },
      };
    });
}

export const vendorChain = pool.chain((sets) =>
  fc.tuple(
    documentOf(sets, "base", { id: "base", uncovered: { status: "UNKNOWN", why: "random" } }),
    documentOf(sets, "middle", { id: "middle", uncovered: { fallback: "base", why: "random" } }),
    documentOf(sets, "top", { id: "top", extends: "middle" }),
  ),
);

/**
 * `count` random valid specs of the property tests' generator (seeded), each its own vendor random-<index>, so one
 * generate run writes them all. `trailingSpaces`: every description ends in a no-break space and a space, which
 * gofmt and black trim from comments and docstrings, so the emitters must as well.
 */
export function randomVendorSpecs(count: number, seed: number, trailingSpaces = false) {
  return fc.sample(validSpec, { numRuns: count, seed }).map((spec, index) => {
    if (trailingSpaces)
      for (const set of Object.values(spec.states))
        for (const entry of set.values as { description?: string }[])
          if (entry.description !== undefined) entry.description += "\u00a0 ";
    return { ...spec, id: `random-${index}`, vendor: { ...spec.vendor, id: `random-${index}` } };
  });
}
