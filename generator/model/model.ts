// The one model every stage after `resolve` works on. Emitters, export, diff and tests all read these types.

export const stateKinds = ["vm_state", "task_state", "power_state", "status"] as const;
export type StateKind = (typeof stateKinds)[number];

/**
 * A task key: one task state, no task (`null` in the API), or any other task state. In a mapping row, "other" is
 * the vm_state's "any task state" row (every task state the vm_state's other rows do not list); in a derivation,
 * a task state outside the vendor's space. One type, so no sentinel string stands for "any".
 */
export type TaskKey = { kind: "task"; taskState: string } | { kind: "none" } | { kind: "other" };

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface StateValue {
  /** Exactly as the document spells it; an integer for power_state. */
  value: string | number;
  /** In the document's own language; null where the document gives none. */
  description: string | null;
  /** The document's symbolic name for the value (Nova's constant, e.g. SOFT_DELETED for `soft-delete`). */
  name?: string;
  /** The lower-case name Nova's code uses for a power state. */
  codeName?: string;
  /** The operation group a task state belongs to in the document. */
  group?: string;
  /** Table or section of the document the entry was transcribed from. */
  section: string;
  location: SourceLocation;
}

export type StateSets = Record<StateKind, StateValue[]>;

export interface MappingRow {
  /** Id of the document the row is written in. */
  document: string;
  vmState: string;
  task: TaskKey;
  status: string;
  /** What the document literally wrote in the task-state cell, where it is not a plain value. */
  written?: string;
  /** Why the project reads `written` as this task key, where the document does not say: the project's reading. */
  reading?: string;
  section: string;
  location: SourceLocation;
}

export interface Note {
  /** The nearest heading or caption above the text, as the document writes it. */
  section: string;
  /** Verbatim, in the document's language. */
  text: string;
  /** A transcriber's remark about the document, not the document's own text. */
  editorial: boolean;
  /** `note`: an admonition of the document; `code`: a code block. */
  kind?: "note" | "text" | "code";
}

/** A provenance field the document does not state: the project's reading of it, and why. */
export interface ProvenanceReading {
  field: "title" | "publisher" | "url" | "anchor" | "revision" | "references" | "translates";
  why: string;
}

/** One row of a document's own reverse table (status -> list filters), as the document gives it. */
export interface DocumentedFilter {
  status: string;
  /** The document says a request for this status is rejected; then vmStates is empty and taskStates null. */
  rejected: boolean;
  vmStates: string[];
  /** null: any task state. */
  taskStates: string[] | null;
  section: string;
  location: SourceLocation;
}

export interface Provenance {
  source: string;
  title: string;
  publisher: string;
  url?: string;
  anchor?: string;
  revision?: string;
  references: string[];
  /** Fields above that are the project's reading, not stated by the document. */
  readings?: ProvenanceReading[];
  /** Project knowledge about the source the document does not state (e.g. where the same text is published). */
  known?: string[];
}

/** How a vendor derives a status for a (vm_state, task_state) pair its own rows do not cover. */
export type UncoveredPolicy =
  /** `inherit`: the vendor extends the other one (vendor.extends) and takes its values too, not only its rows. */
  { kind: "fallback"; vendor: string; why: string; inherit: boolean } | { kind: "status"; status: string; why: string };

export interface SourceDocument {
  id: string;
  vendor: string;
  locale: string;
  /** Id of the document this one translates (zh-CN page of an English one). */
  translates?: string;
  provenance: Provenance;
  notes: Note[];
  states: StateSets;
  mapping: MappingRow[];
  /**
   * Where each row of `mapping` writes its vm_state and its status: four numbers per row (vm_state line, column,
   * status line, column), so a warning about a value points at the value. Packed rather than a location object
   * per value: a large spec has many rows, and only a warning reads them. Absent in documents built in code.
   */
  valuePositions?: Uint32Array;
  /** The document's own reverse table, where it has one. */
  filters?: DocumentedFilter[];
  uncovered?: UncoveredPolicy;
  /** Spec file the document was loaded from, as the user named it. */
  file: string;
  location: SourceLocation;
  /** Where the document names its vendor: vendor-level problems are reported there. */
  vendorLocation: SourceLocation;
  /** Where the document names the vendor it falls back to or extends, when it names one. */
  fallbackLocation?: SourceLocation;
}

export interface VendorValue extends StateValue {
  /** Descriptions from translating documents, keyed by locale. */
  translations: Record<string, string>;
  /** Ids of the vendor's documents that declare the value; empty when only a mapping row uses it. */
  declaredBy: string[];
  /**
   * Set when no document of the vendor lists or uses the value, but its derivation answers with it or from a row
   * naming it, through its fallback: the id of that fallback vendor.
   */
  inheritedFrom?: string;
}

/** A task key of the effective derivation (the name the public API has for TaskKey). */
export type DerivationTask = TaskKey;

/** Why a pair derives the status it does. */
export type AnswerOrigin =
  /** A mapping row of one of the vendor's documents (the row itself: its facts are stored once). */
  | { kind: "row"; row: MappingRow }
  /** The fallback vendor's answer for the same pair, with that vendor's own origin. */
  | { kind: "fallback"; vendor: string; origin: AnswerOrigin }
  /** The vendor's fixed status for what its documents do not cover (vendor.uncovered.status: the answer's status). */
  | { kind: "policy" };

export interface Answer {
  status: string;
  origin: AnswerOrigin;
}

/** Every answer for one vm_state of the vendor's space. */
export interface VmStateAnswers {
  vmState: string;
  /** One answer per task state of the space, index for index with `Derivation.taskStates`. */
  tasks: Answer[];
  /** No task (task_state null). */
  none: Answer;
  /** Any task state outside the space. */
  other: Answer;
}

/**
 * A vendor's effective derivation, computed once in resolve: for every vm_state of its space (its vm_state set)
 * x every task state of its space (its task_state set), no task and any other, the status and where it comes
 * from. Every artifact, diff, conformance and export read this; nothing else implements the precedence.
 */
export interface Derivation {
  taskStates: string[];
  vmStates: VmStateAnswers[];
  /** A vm_state outside the space. */
  unknownVmState: Answer;
}

export interface Vendor {
  id: string;
  /** Document ids, primary (the one with the vendor's policy) first. */
  documents: string[];
  locales: string[];
  states: Record<StateKind, VendorValue[]>;
  /** The vendor's own rows, one task key per row, in document order. */
  mapping: MappingRow[];
  uncovered: UncoveredPolicy;
  derivation: Derivation;
}

export interface Model {
  documents: SourceDocument[];
  vendors: Vendor[];
  /**
   * The vendors a config's `vendors` left out, when it names some: never emitted, but read where a page compares a
   * selected vendor with the one it falls back to.
   */
  unselected?: Vendor[];
}
