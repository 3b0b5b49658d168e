// Table tests of one emitter: a small spec fragment in, that emitter's files out. A row reads
// `[name, { given, want }]`: `given` is the fragment (and options), `want` the lines or values that matter.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { expect } from "vitest";
import { buildModel } from "../../generator/compile/compile.js";
import { emitAll, isGeneratedFile, type ArtifactKind, type EmitOptions } from "../../generator/emit/index.js";
import { loadTemplates } from "../../generator/load/templates.js";
import { templatesFolder } from "../../generator/common/package-root.js";

type Value = string | number | { value: string | number; description?: string; name?: string };
type Kind = "vm_state" | "task_state" | "power_state" | "status";

/** One spec document, shortened: every field has a default, so a row names only what it is about. */
export interface Fragment {
  id?: string;
  /** Default: vendor `acme`, uncovered pairs answer UNKNOWN. */
  vendor?: { id: string; uncovered?: { status?: string; fallback?: string; why: string }; extends?: string };
  locale?: string;
  translates?: string;
  /** Added to (or replacing) the default source file, title `Document <id>` and publisher `Acme`. */
  provenance?: Record<string, string | string[]>;
  notes?: { section: string; text: string; editorial?: boolean }[];
  states?: Partial<Record<Kind, Value[]>>;
  /** `[vm_state, task states ("any" or a list, null for no task), status]` */
  rows?: [string, "any" | (string | null)[], string][];
}

export interface Given {
  /** The documents, by file name; one document is the usual row. */
  specs: Record<string, Fragment>;
  /** Also load the shipped spec/ (for a vendor that falls back to or extends `openstack`). */
  shipped?: boolean;
  enumStyle?: EmitOptions["enumStyle"];
}

const acme = { id: "acme", uncovered: { status: "UNKNOWN", why: "Like Nova." } };

function specText(fragment: Fragment, name: string): string {
  const id = fragment.id ?? name.replace(/\.yaml$/, "");
  const document: Record<string, unknown> = {
    id,
    vendor: fragment.vendor ?? acme,
    ...(fragment.translates === undefined ? {} : { translates: fragment.translates }),
    locale: fragment.locale ?? "en",
    provenance: { source: `${name}.txt`, title: `Document ${id}`, publisher: "Acme", ...fragment.provenance },
    ...(fragment.notes === undefined ? {} : { notes: fragment.notes }),
    states: Object.fromEntries(
      Object.entries(fragment.states ?? {}).map(([kind, values]) => [
        kind,
        { section: `${kind} table`, values: values.map((value) => (typeof value === "object" ? value : { value })) },
      ]),
    ),
    ...(fragment.rows === undefined
      ? {}
      : {
          mapping: {
            section: "Mapping",
            rows: fragment.rows.map(([vm_state, task_states, status]) => ({ vm_state, task_states, status })),
          },
        }),
  };
  return stringify(document);
}

let templates: Promise<Record<string, string>> | undefined;

/** Every file the emitter of `kind` writes for `given`, by path, through the registry (as `generate` emits them). */
export async function emitted(kind: ArtifactKind, given: Given): Promise<Map<string, string>> {
  const folder = mkdtempSync(join(tmpdir(), "statespec-emit-table-"));
  for (const [name, fragment] of Object.entries(given.specs))
    writeFileSync(join(folder, name), specText(fragment, name));
  const built = await buildModel(given.shipped ? ["spec", folder] : [folder]);
  const errors = built.diagnostics.filter((d) => d.severity === "error");
  expect(errors, "the given spec is valid").toEqual([]);
  templates ??= loadTemplates(templatesFolder());
  const options: EmitOptions = {
    enumStyle: given.enumStyle ?? "enum",
    schemaBaseUri: "https://statespec.invalid/schemas/",
    templates: await templates,
  };
  const files = new Map<string, string>();
  const problems: unknown[] = [];
  for await (const item of emitAll(built.model!, [kind], options)) {
    if (isGeneratedFile(item)) files.set(item.path, item.contents);
    else problems.push(item);
  }
  expect(problems, "the emitter reports nothing for a valid spec").toEqual([]);
  return files;
}

/** `block` (lines joined by LF) appears in `text` as whole consecutive lines. */
export function expectLines(text: string | undefined, block: string, label: string): void {
  expect(text, `${label} is emitted`).toBeTypeOf("string");
  const found = `\n${text}`.includes(`\n${block}\n`);
  // On failure, show the file: the diff tells where the emitted lines differ.
  if (!found) expect(text, `${label} holds these lines:\n${block}`).toContain(block);
  expect(found, `${label}: the block starts and ends on line boundaries`).toBe(true);
}

/** The value at a dot path (`components.schemas.VmState`, `oneOf.1`) of parsed JSON or YAML. */
export function at(document: unknown, path: string): unknown {
  return path === ""
    ? document
    : path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

/** Two documents used by several tables: `nova` answers pairs, `acme` covers `active` itself and falls back to `nova`. */
export const novaLike: Fragment = {
  vendor: { id: "nova", uncovered: { status: "UNKNOWN", why: "Nova answers UNKNOWN." } },
  states: {
    vm_state: [{ value: "active", description: "Running." }, "shelved"],
    task_state: ["rebooting"],
    status: ["ACTIVE", "REBOOT", "SHELVED", "UNKNOWN"],
  },
  rows: [
    ["active", "any", "ACTIVE"],
    ["active", ["rebooting"], "REBOOT"],
    ["shelved", "any", "SHELVED"],
  ],
};
export const fallsBackToNova: Fragment = {
  vendor: { id: "acme", uncovered: { fallback: "nova", why: "Runs Nova." } },
  states: { vm_state: [{ value: "active", description: "Up." }], status: ["ACTIVE"] },
  rows: [["active", "any", "ACTIVE"]],
};

/** The one mapping row most table rows need: active with any task state is ACTIVE. */
export const activeAny: [string, "any", string][] = [["active", "any", "ACTIVE"]];
