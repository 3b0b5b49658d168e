// Templates are inputs like specs: read in the load stage so emitters stay pure functions. They come from the
// package (which a project may patch) and get the rules of spec files: only regular files (a FIFO would block the
// run, /dev/zero never ends), a size bound, UTF-8, and names that print as one line. Each problem is a
// `template-error` at the template, never an exception.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { diagnostic, type Diagnostic } from "../common/diagnostics.js";
import { systemReason } from "../common/file-system.js";
import { displayPath } from "../common/paths.js";
import { describeCharacter, forbiddenInLine } from "../common/text-safety.js";
import { decodeUtf8File } from "./encoding.js";
import { describeUnread, maxSpecFileBytes, readRegularFile } from "../common/read-file.js";

export interface LoadedTemplates {
  /** Source by file name, LF line ends; only the templates that could be read. */
  templates: Record<string, string>;
  diagnostics: Diagnostic[];
}

export async function readTemplates(folder: string): Promise<LoadedTemplates> {
  const templates: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const problem = (message: string, file: string, at: { line?: number; column?: number } = {}) =>
    diagnostics.push(diagnostic("template-error", message, { file, ...at }));
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith(".hbs"))
      .sort();
  } catch (error) {
    problem(`cannot read the templates folder: ${systemReason(error)}`, displayPath(folder));
    return { templates, diagnostics };
  }
  for (const name of names) {
    const path = join(folder, name);
    const file = displayPath(path);
    const unsafe = forbiddenInLine.exec(name);
    if (unsafe) {
      diagnostics.push(
        diagnostic("unsafe-character", `the file name contains ${describeCharacter(unsafe[0])}; rename the file`, {
          file,
        }),
      );
      continue;
    }
    let read: ReturnType<typeof readRegularFile>;
    try {
      read = readRegularFile(path, maxSpecFileBytes);
    } catch (error) {
      problem(`cannot read template: ${systemReason(error)}`, file);
      continue;
    }
    if (!("bytes" in read)) {
      problem(describeUnread(read, maxSpecFileBytes), file);
      continue;
    }
    const decoded = decodeUtf8File(read.bytes);
    if ("message" in decoded) problem(decoded.message, file, decoded);
    else templates[name] = decoded.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  }
  return { templates, diagnostics };
}

/** The templates that could be read, without the diagnostics: for callers that render the shipped templates. */
export async function loadTemplates(folder: string): Promise<Record<string, string>> {
  return (await readTemplates(folder)).templates;
}
