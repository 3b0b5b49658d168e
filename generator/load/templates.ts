// Templates are inputs like specs: read in the load stage so emitters stay pure functions.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export async function loadTemplates(folder: string): Promise<Record<string, string>> {
  const templates: Record<string, string> = {};
  for (const name of (await readdir(folder)).filter((name) => name.endsWith(".hbs")).sort()) {
    templates[name] = (await readFile(join(folder, name), "utf8")).replace(/\r\n?/g, "\n");
  }
  return templates;
}
