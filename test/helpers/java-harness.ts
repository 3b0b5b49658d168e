// Runs generated Java packages in batches: one javac (-Xlint:all -Werror) over every package and a harness class
// that calls each by its full name, and one JVM that answers every target's cases, read from stdin one per line.
// The answers come back in the shape of sdk-harness.ts, so tests compare them with the TypeScript's.
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, type Answers, type Cases } from "./sdk.js";

/** The source root of a vendor's Java (a Maven/Gradle src/main/java) and its one package's name. */
export function javaPackageOf(vendorFolder: string): { root: string; name: string; files: string[] } {
  const root = join(vendorFolder, "java", "src", "main", "java");
  const segments: string[] = [];
  let folder = root;
  for (;;) {
    const entries = readdirSync(folder);
    const java = entries.filter((entry) => entry.endsWith(".java"));
    if (java.length > 0) return { root, name: segments.join("."), files: java.map((file) => join(folder, file)) };
    if (entries.length !== 1 || !statSync(join(folder, entries[0])).isDirectory())
      throw new Error(`expected one package folder under ${folder}, found ${entries.join(", ")}`);
    segments.push(entries[0]);
    folder = join(folder, entries[0]);
  }
}

/** The harness: per line `S target vm task`, `F target status` or `V target`; `-` is null, `+text` a string. */
function harness(packages: readonly string[]): string {
  const each = (body: (pkg: string) => string) =>
    packages.map((pkg, index) => `      case ${index}: {\n        ${body(pkg)}\n      }`).join("\n");
  const cases = (name: string, body: (pkg: string) => string) =>
    [
      `    switch (${name}) {`,
      each(body),
      "      default:",
      '        throw new IllegalArgumentException("target");',
      "    }",
    ].join("\n");
  const filter = (pkg: string) =>
    `return ${pkg}.ServerStates.statesForStatus(status).map(f -> join(f.vmStates()) + "|" + ` +
    `f.taskStates().map(Harness::join).orElse("*") + "|" + f.noTask()).orElse("-");`;
  const values = (pkg: string) =>
    [
      `StringBuilder out = new StringBuilder();`,
      `for (${pkg}.VmState m : ${pkg}.VmState.values()) { check(m.value().equals(m.toString()) && ` +
        `${pkg}.VmState.fromValue(m.value()).get() == m); out.append(m.value()).append(','); }`,
      `out.append('|');`,
      `for (${pkg}.TaskState m : ${pkg}.TaskState.values()) { check(m.value().equals(m.toString()) && ` +
        `${pkg}.TaskState.fromValue(m.value()).get() == m); out.append(m.value()).append(','); }`,
      `out.append('|');`,
      `for (${pkg}.PowerState m : ${pkg}.PowerState.values()) { check(${pkg}.PowerState.fromCode(m.code()).get() ` +
        `== m && m.toString().equals(m.name())); out.append(m.name()).append('=').append(m.code()).append(','); }`,
      `out.append('|');`,
      `for (${pkg}.ServerStatus m : ${pkg}.ServerStatus.values()) { check(m.value().equals(m.toString()) && ` +
        `${pkg}.ServerStatus.fromValue(m.value()).get() == m); out.append(m.value()).append(','); }`,
      `check(${pkg}.PowerState.fromCode(65536).isEmpty() && ${pkg}.VmState.fromValue(null).isEmpty() && ` +
        `${pkg}.ServerStates.statesForStatus(null).isEmpty() && ` +
        `${pkg}.ServerStates.statusFromState(null, null) == ${pkg}.ServerStates.UNKNOWN_STATUS);`,
      `return out.toString();`,
    ].join("\n        ");
  return `import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

public final class Harness {
  private Harness() {}

  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] fields = line.split("\\t", -1);
      int target = Integer.parseInt(fields[1]);
      if (fields[0].equals("S")) {
        out.println(status(target, text(fields[2]), text(fields[3])));
      } else if (fields[0].equals("F")) {
        out.println(filter(target, text(fields[2])));
      } else {
        out.println(values(target));
      }
    }
    out.flush();
  }

  private static String text(String field) {
    return field.equals("-") ? null : field.substring(1);
  }

  private static void check(boolean condition) {
    if (!condition) {
      throw new IllegalStateException("check failed");
    }
  }

  private static String join(List<?> members) {
    return members.stream().map(Object::toString).collect(Collectors.joining(","));
  }

  private static String status(int target, String vmState, String taskState) {
${cases("target", (pkg) => `return ${pkg}.ServerStates.statusFromState(vmState, taskState).value();`)}
  }

  private static String filter(int target, String status) {
${cases("target", filter)}
  }

  private static String values(int target) {
${cases("target", values)}
  }
}
`;
}

export type JavaAnswers = Answers;

/** A client VM and serial GC: a short compile or run spends most of its time starting the JVM's JIT. */
export const javaQuick = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];

/** A field of a harness line: `-` for null, else `+` and the text (cases hold no tab or line break). */
function field(value: string | null): string {
  return value === null ? "-" : `+${value}`;
}

function split(list: string): string[] {
  return list === "" ? [] : list.split(",").filter((item, index, all) => index < all.length - 1 || item !== "");
}

/**
 * Compiles every package with the harness in one javac run (`-Xlint:all -Werror`), then answers every target's
 * cases in one JVM. A failed compile is reported with javac's output rather than answers.
 */
export async function javaAnswers(
  targets: readonly { folder: string; cases: Cases }[],
  extraSources: readonly string[] = [],
): Promise<{ javac: { code: number; output: string }; answers: JavaAnswers[]; classes: string }> {
  const work = mkdtempSync(join(tmpdir(), "statespec-java-"));
  const packages = targets.map((target) => javaPackageOf(target.folder));
  writeFileSync(join(work, "Harness.java"), harness(packages.map((pkg) => pkg.name)));
  const sources = [...packages.flatMap((pkg) => pkg.files), join(work, "Harness.java"), ...extraSources];
  const classes = join(work, "classes");
  const quick = javaQuick;
  const javac = await run("javac", [
    ...quick.map((option) => `-J${option}`),
    ...["-Xlint:all", "-Werror", "-encoding", "UTF-8", "-d", classes],
    ...sources,
  ]);
  if (javac.code !== 0)
    return { javac: { code: javac.code, output: javac.stdout + javac.stderr }, answers: [], classes };
  const lines = targets.flatMap((target, index) => [
    ...target.cases.pairs.map(([vmState, taskState]) => `S\t${index}\t${field(vmState)}\t${field(taskState)}`),
    ...target.cases.statuses.map((status) => `F\t${index}\t${field(status)}`),
    `V\t${index}`,
  ]);
  const java = await run("java", [...quick, "-cp", classes, "Harness"], {
    input: `${lines.join("\n")}\n`,
  });
  if (java.code !== 0) throw new Error(`java failed:\n${java.stderr}`);
  const output = java.stdout.split("\n");
  let next = 0;
  const answers = targets.map((target): JavaAnswers => {
    const pairs = target.cases.pairs.map(() => output[next++]);
    const filters = target.cases.statuses.map((): Answers["filters"][number] => {
      const line = output[next++];
      if (line === "-") return null;
      const [vmStates, tasks, noTask] = line.split("|");
      return {
        vmStates: split(vmStates),
        taskStates: tasks === "*" ? null : [...(noTask === "true" ? [null] : []), ...split(tasks)],
      };
    });
    const [vm, task, power, status] = output[next++].split("|");
    return {
      pairs,
      filters,
      vmStates: split(vm),
      taskStates: split(task),
      powerStates: split(power).map((entry) => {
        const [name, code] = entry.split("=");
        return [name, Number(code)];
      }),
      serverStatuses: split(status),
    };
  });
  return { javac: { code: 0, output: javac.stdout + javac.stderr }, answers, classes };
}

/** A payload field for the verdict program: `a` absent, `-` null, `+text` a string, `#` any other JSON type. */
function payloadField(payload: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(payload, key)) return "a";
  const value = payload[key];
  return value === null ? "-" : typeof value === "string" ? `+${value}` : "#";
}

/** The rule of test/verdict.test.ts (verdictOf) with a vendor's generated Java lookups: fromValue, statusFromState. */
function verdictProgram(packages: readonly string[]): string {
  const rule = (pkg: string) =>
    [
      `if (!known(status, v -> ${pkg}.ServerStatus.fromValue(v).isPresent())`,
      `    || invalid(vmState, v -> ${pkg}.VmState.fromValue(v).isPresent())`,
      `    || invalid(taskState, v -> ${pkg}.TaskState.fromValue(v).isPresent())) {`,
      `  return "invalid";`,
      `}`,
      `if (vmState.equals("a")) {`,
      `  return "not checked";`,
      `}`,
      `String derived = ${pkg}.ServerStates.statusFromState(text(vmState), text(taskState)).value();`,
      `return derived.equals(text(status)) ? "consistent" : "contradiction";`,
    ].join("\n        ");
  const cases = packages.map((pkg, index) => `      case ${index}: {\n        ${rule(pkg)}\n      }`).join("\n");
  return `import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

public final class Verdicts {
  private Verdicts() {}

  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] fields = line.split("\\t", -1);
      out.append(verdict(Integer.parseInt(fields[0]), fields[1], fields[2], fields[3])).append('\\n');
    }
    System.out.print(out);
  }

  /** absent or null: null; a string: its text. */
  private static String text(String field) {
    return field.startsWith("+") ? field.substring(1) : null;
  }

  private static boolean known(String field, Predicate<String> values) {
    return field.startsWith("+") && values.test(field.substring(1));
  }

  private static boolean invalid(String field, Predicate<String> values) {
    return !field.equals("a") && !field.equals("-") && !known(field, values);
  }

  private static String verdict(int target, String status, String vmState, String taskState) {
    switch (target) {
${cases}
      default:
        throw new IllegalArgumentException("target");
    }
  }
}
`;
}

/** Every vendor folder's verdict on every payload, by the vendor's generated Java (one javac, one JVM). */
export async function javaVerdicts(
  vendorFolders: readonly string[],
  payloads: readonly Record<string, unknown>[],
  keys: readonly [string, string, string],
): Promise<string[][]> {
  const work = mkdtempSync(join(tmpdir(), "statespec-java-verdict-"));
  const packages = vendorFolders.map((folder) => javaPackageOf(folder));
  writeFileSync(join(work, "Verdicts.java"), verdictProgram(packages.map((pkg) => pkg.name)));
  const classes = join(work, "classes");
  const sources = [...packages.flatMap((pkg) => pkg.files), join(work, "Verdicts.java")];
  const javac = await run("javac", [
    ...javaQuick.map((option) => `-J${option}`),
    "-encoding",
    "UTF-8",
    "-d",
    classes,
    ...sources,
  ]);
  if (javac.code !== 0) throw new Error(`javac failed:\n${javac.stdout}${javac.stderr}`);
  const lines = vendorFolders.flatMap((_, index) =>
    payloads.map((payload) => [String(index), ...keys.map((key) => payloadField(payload, key))].join("\t")),
  );
  const java = await run("java", [...javaQuick, "-cp", classes, "Verdicts"], { input: `${lines.join("\n")}\n` });
  if (java.code !== 0) throw new Error(`java failed:\n${java.stderr}`);
  const verdicts = java.stdout.trimEnd().split("\n");
  return vendorFolders.map((_, index) => verdicts.slice(index * payloads.length, (index + 1) * payloads.length));
}
