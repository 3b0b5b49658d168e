// What the config's schema cannot say, located at the config's own lines: a path that cannot be a folder here, one
// spec folder listed twice, and the value a misspelt artifact kind or enum style most likely meant. Loaded only
// when a config file is read (it needs the YAML tree's positions).
import { realpathSync } from "node:fs";
import { diagnostic, type Diagnostic, type SourcePosition } from "../common/diagnostics.js";
import { nodeAt, positionOf, type LoadedFile } from "../load/load.js";
import { artifactKinds } from "../emit/index.js";
import type { Config, ConfigSettings } from "./types.js";
import { pathProblem } from "./folders.js";
import { didYouMeanValue } from "./near.js";

/** Where `out`, each spec folder and each vendor is written. */
export function positionsOf(
  file: LoadedFile,
  settings: ConfigSettings,
): Pick<Config, "outAt" | "specsAt" | "vendorsAt"> {
  const at = (path: (string | number)[]) => positionOf(file, nodeAt(file, path));
  return {
    ...(settings.out !== undefined && { outAt: at(["out"]) }),
    ...(settings.specs !== undefined && { specsAt: settings.specs.map((_, index) => at(["specs", index])) }),
    ...(settings.vendors !== undefined && { vendorsAt: settings.vendors.map((_, index) => at(["vendors", index])) }),
  };
}

/** Paths that cannot be folders here, and a spec folder named twice (blamed at its second line). */
export function settingsProblems(settings: ConfigSettings, config: Config): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const outProblem = settings.out === undefined ? undefined : pathProblem(settings.out);
  if (outProblem !== undefined) {
    problems.push(diagnostic("config-invalid", `out '${settings.out}' ${outProblem}`, config.outAt!));
  }
  const seen = new Map<string, number>();
  for (const [index, written] of (settings.specs ?? []).entries()) {
    const at = config.specsAt![index];
    const problem = written === "statespec:builtin" ? undefined : pathProblem(written);
    if (problem !== undefined) {
      problems.push(diagnostic("config-invalid", `spec folder '${written}' ${problem}`, at));
      continue;
    }
    // Compared as the file system sees them: `./spec/../spec` and a link to spec/ are spec/.
    const folder = realFolder(config.specs[index]);
    const first = seen.get(folder);
    if (first === undefined) {
      seen.set(folder, index);
      continue;
    }
    const again = `is the same folder as '${settings.specs![first]}' (line ${config.specsAt![first].line})`;
    problems.push(diagnostic("config-invalid", `spec folder '${written}' ${again}: list each folder once`, at));
  }
  return problems;
}

/** The schema's "must be one of" for an artifact kind or the enum style, with the value it most likely meant. */
export function withSuggestions(problems: Diagnostic[], file: LoadedFile): Diagnostic[] {
  const data = (file.data ?? {}) as Record<string, unknown>;
  const choices: [SourcePosition, unknown, readonly string[]][] = [];
  const at = (path: (string | number)[]) => positionOf(file, nodeAt(file, path));
  const artifacts = Array.isArray(data.artifacts) ? (data.artifacts as unknown[]) : [];
  artifacts.forEach((value, index) => choices.push([at(["artifacts", index]), value, artifactKinds]));
  if (data.enumStyle !== undefined) choices.push([at(["enumStyle"]), data.enumStyle, ["enum", "const"]]);
  return problems.map((problem) => {
    if (problem.code !== "schema-invalid-value") return problem;
    const choice = choices.find(([at]) => at.line === problem.line && at.column === problem.column);
    if (choice === undefined || typeof choice[1] !== "string") return problem;
    return { ...problem, message: `${problem.message}${didYouMeanValue(choice[1], choice[2])}` };
  });
}

function realFolder(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}
