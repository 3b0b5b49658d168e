// Stage 2b: a file that passed the schema becomes a typed SourceDocument, every entry carrying its location.
import { nodeAt, positionOf, type LoadedFile } from "./load.js";
import {
  stateKinds,
  type DocumentedFilter,
  type MappingRow,
  type Provenance,
  type SourceDocument,
  type SourceLocation,
  type StateSets,
  type StateValue,
  type TaskKey,
} from "../model/model.js";
import { otherTask, taskOf } from "../model/task.js";

/** The shape the spec schema guarantees; kept next to the schema's only reader. */
export interface SpecEntry {
  value: string | number;
  description?: string;
  name?: string;
  codeName?: string;
  group?: string;
  section?: string;
}
interface SpecFile {
  id: string;
  vendor: { id: string; uncovered?: { fallback?: string; status?: string; why: string }; extends?: string };
  translates?: string;
  locale: string;
  // The model's provenance, except that a spec file may leave out its references.
  provenance: Omit<Provenance, "references"> & { references?: string[] };
  notes?: { section: string; text: string; editorial?: boolean; kind?: "note" | "text" | "code" }[];
  states: Partial<Record<(typeof stateKinds)[number], { section: string; values: SpecEntry[] }>>;
  mapping?: {
    section: string;
    reading?: string;
    rows: { vm_state: string; task_states: "any" | (string | null)[]; status: string; written?: string }[];
  };
  filters?: {
    section: string;
    rows: { status: string; vm_states?: string[]; task_states?: "any" | string[]; rejected?: true }[];
  };
}

export function readDocument(loaded: LoadedFile): SourceDocument {
  const spec = loaded.data as SpecFile;
  const locate = (...path: (string | number)[]): SourceLocation => {
    const at = positionOf(loaded, nodeAt(loaded, path));
    return { file: at.file, line: at.line ?? 1, column: at.column ?? 1 };
  };
  const states = {} as StateSets;
  for (const kind of stateKinds) {
    const set = spec.states[kind];
    states[kind] = (set?.values ?? []).map((entry, index): StateValue => ({
      value: entry.value,
      description: entry.description ?? null,
      ...(entry.name !== undefined && { name: entry.name }),
      ...(entry.codeName !== undefined && { codeName: entry.codeName }),
      ...(entry.group !== undefined && { group: entry.group }),
      section: entry.section ?? set!.section,
      location: locate("states", kind, "values", index),
    }));
  }
  const mapping: MappingRow[] = [];
  const valuePositions: number[] = [];
  (spec.mapping?.rows ?? []).forEach((row, rowIndex) => {
    // A row listing several task states is several rows of the table: one (vm_state, task) pair each.
    const tasks: TaskKey[] = row.task_states === "any" ? [otherTask] : row.task_states.map(taskOf);
    const vmStateAt = locate("mapping", "rows", rowIndex, "vm_state");
    const statusAt = locate("mapping", "rows", rowIndex, "status");
    tasks.forEach((task, taskIndex) => {
      valuePositions.push(vmStateAt.line, vmStateAt.column, statusAt.line, statusAt.column);
      mapping.push({
        document: spec.id,
        vmState: row.vm_state,
        task,
        status: row.status,
        ...(row.written !== undefined && { written: row.written }),
        ...(row.written !== undefined && spec.mapping!.reading !== undefined && { reading: spec.mapping!.reading }),
        section: spec.mapping!.section,
        location:
          row.task_states === "any"
            ? locate("mapping", "rows", rowIndex)
            : locate("mapping", "rows", rowIndex, "task_states", taskIndex),
      });
    });
  });
  const uncovered =
    spec.vendor.extends !== undefined
      ? { fallback: spec.vendor.extends, why: `extends vendor ${spec.vendor.extends}` }
      : spec.vendor.uncovered;
  const inherit = spec.vendor.extends !== undefined;
  return {
    id: spec.id,
    vendor: spec.vendor.id,
    locale: spec.locale,
    ...(spec.translates !== undefined && { translates: spec.translates }),
    provenance: {
      source: spec.provenance.source,
      title: spec.provenance.title,
      publisher: spec.provenance.publisher,
      ...(spec.provenance.url !== undefined && { url: spec.provenance.url }),
      ...(spec.provenance.anchor !== undefined && { anchor: spec.provenance.anchor }),
      ...(spec.provenance.revision !== undefined && { revision: spec.provenance.revision }),
      references: spec.provenance.references ?? [],
      ...(spec.provenance.readings !== undefined && {
        readings: spec.provenance.readings.map((reading) => ({ field: reading.field, why: reading.why })),
      }),
      ...(spec.provenance.known !== undefined && { known: [...spec.provenance.known] }),
    },
    notes: (spec.notes ?? []).map((note) => ({
      section: note.section,
      text: note.text,
      editorial: note.editorial ?? false,
      ...(note.kind !== undefined && { kind: note.kind }),
    })),
    states,
    mapping,
    valuePositions: Uint32Array.from(valuePositions),
    ...(spec.filters !== undefined && {
      filters: spec.filters.rows.map((row, index): DocumentedFilter => ({
        status: row.status,
        rejected: row.rejected === true,
        vmStates: row.vm_states ?? [],
        taskStates: row.task_states === undefined || row.task_states === "any" ? null : row.task_states,
        section: spec.filters!.section,
        location: locate("filters", "rows", index),
      })),
    }),
    ...(uncovered !== undefined && {
      uncovered:
        uncovered.fallback !== undefined
          ? { kind: "fallback" as const, vendor: uncovered.fallback, why: uncovered.why, inherit }
          : { kind: "status" as const, status: uncovered.status!, why: uncovered.why },
    }),
    file: loaded.file,
    location: locate(),
    vendorLocation: locate("vendor"),
    // Where the vendor it falls back to is named (extends:, or uncovered.fallback:): an unknown one is reported there.
    ...(uncovered?.fallback !== undefined && {
      fallbackLocation: inherit ? locate("vendor", "extends") : locate("vendor", "uncovered", "fallback"),
    }),
  };
}
