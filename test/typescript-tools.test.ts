// Every generated TypeScript module through the tools its reviewers run: tsc --strict and prettier --check at the
// project's width of 100. The modules are the committed ones, out/<vendor>/index.ts (enum style) and those of every
// golden folder (const style among them); golden.test.ts fails when they are not what the generator writes. And the
// derivation table is exhaustive for real: a copy without one vm_state's entry does not compile.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { check, format } from "prettier";
import { beforeAll, describe, expect, it } from "vitest";
import * as openstack from "../out/openstack/index.js";
import { typeCheck } from "./helpers/typecheck.js";

function indexModules(folder: string): string[] {
  return (readdirSync(folder, { recursive: true, encoding: "utf8" }) as string[])
    .map((path) => path.split("\\").join("/"))
    .filter((path) => path.endsWith("/index.ts") && !path.includes("node_modules"))
    .sort()
    .map((path) => join(folder, path));
}

const modules = [
  ...indexModules("out"),
  ...readdirSync("test/golden/generate").flatMap((name) =>
    indexModules(join("test/golden/generate", name, "expected")),
  ),
];

/** A copy of `module` without its derivation table's first vm_state entry, and the vm_state it lost. */
interface Truncated {
  file: string;
  /** The entry's key (`VmState.ACTIVE`) and the value it names (`"active"`). */
  member: string;
  value: string;
}

function withoutFirstEntry(module: string, folder: string, index: number): Truncated | undefined {
  const lines = readFileSync(module, "utf8").split("\n");
  const table = lines.findIndex((line) => line.startsWith("export const derivationTable"));
  const first = table + 1;
  const key = /^ {2}\[(VmState\.\w+)\]: /.exec(lines[first] ?? "");
  if (key === null) return undefined; // an empty table (no vm_state documented) has nothing to lose
  // The entry is one line, or runs to the line that closes it at its own indentation.
  const last = lines[first]!.endsWith(",") ? first : lines.indexOf("  },", first);
  const name = key[1]!.slice("VmState.".length);
  const value = new RegExp(`^ {2}${name}(?: = |: )("[^"]*"),$`, "m").exec(lines.join("\n"))![1]!;
  const file = join(folder, `${index}-without-${name.toLowerCase()}.ts`);
  writeFileSync(file, [...lines.slice(0, first), ...lines.slice(last + 1)].join("\n"));
  return { file, member: key[1]!, value };
}

let truncated: Truncated[];
/** What tsc printed, by file (resolved path); `""` holds what names no file. */
let diagnostics: Map<string, string>;

beforeAll(() => {
  const folder = mkdtempSync(join(tmpdir(), "statespec-truncated-"));
  truncated = modules
    .map((module, index) => withoutFirstEntry(module, folder, index))
    .filter((copy) => copy !== undefined);
  // One program for all. Every file is a module. Without @types or the DOM library: a generated module needs no
  // globals but the language's (test/artifacts.test.ts compiles a consumer of out/ with the default libraries).
  const files = [...modules, ...truncated.map((copy) => copy.file)];
  diagnostics = typeCheck(files, { types: [], lib: ["lib.es2022.d.ts"] }).byFile;
});

describe("generated TypeScript, every vendor and golden", () => {
  it("finds the modules: the shipped vendors in out/, and both styles in the golden folders", () => {
    expect(modules).toEqual(
      expect.arrayContaining([
        "out/openstack/index.ts",
        "test/golden/generate/const-style/expected/openstack/index.ts",
      ]),
    );
    expect(modules.length).toBeGreaterThanOrEqual(8);
    // Every module with a vm_state set has a copy without one entry.
    expect(truncated.length).toBeGreaterThanOrEqual(modules.length - 2);
  });

  it("compiles with tsc --strict", async () => {
    const found = diagnostics;
    const about = [...found].filter(([file]) => file === "" || modules.some((module) => resolve(module) === file));
    expect(about.map(([, text]) => text).join("")).toBe("");
  });

  it("has an exhaustive derivation table: without one vm_state's entry, the module does not compile", async () => {
    const found = diagnostics;
    for (const copy of truncated) {
      const text = found.get(resolve(copy.file)) ?? "";
      // tsc names the missing key by the member (enum style) or by its value (const style).
      const missing = [`[${copy.member}]`, JSON.parse(copy.value) as string].map(
        (name) => `Property '${name}' is missing`,
      );
      expect(text, copy.file).toContain("TS2741");
      expect(
        missing.some((phrase) => text.includes(phrase)),
        `${copy.file}: ${text}`,
      ).toBe(true);
    }
  });

  it("is formatted as prettier formats it at width 100", async () => {
    const options = { parser: "typescript", printWidth: 100 } as const;
    for (const module of modules) {
      const text = readFileSync(module, "utf8");
      if (await check(text, options)) continue;
      // Name the first line prettier would change, so a failure says where.
      const want = (await format(text, options)).split("\n");
      const line = text.split("\n").findIndex((actual, index) => actual !== want[index]);
      expect({ module: relative(".", module), line: line + 1, got: text.split("\n")[line] }).toEqual({
        module,
        line: line + 1,
        got: want[line],
      });
    }
  });
});

describe("the generated lookups", () => {
  it.each([["constructor"], ["__proto__"], ["toString"], ["hasOwnProperty"]])(
    "a task state named %s is not a key of the table: the vm_state's answer",
    (taskState) => {
      expect(openstack.statusFromState("active", taskState)).toBe("ACTIVE");
      expect(openstack.statusFromState("paused", taskState)).toBe("PAUSED");
    },
  );

  it("answers no task and a task state from the typed table", () => {
    expect(openstack.derivationTable[openstack.VmState.ACTIVE].tasks?.[openstack.TaskState.REBOOTING]).toBe(
      openstack.ServerStatus.REBOOT,
    );
    expect(openstack.statusFromState("active", undefined)).toBe("ACTIVE");
    expect(openstack.statusFromState("stopped", "powering-on")).toBe("SHUTOFF");
  });
});
