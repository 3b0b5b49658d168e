// The shipped specs a run used, copied byte for byte into the output folder (`statespec-builtin/`). Committed with
// the rest of out/, they are what `diff --base REF` reads as that ref's shipped specs: a statespec upgrade changes
// them, and the diff sees it. Without the record, both sides would read the one installed package.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { listSpecFiles } from "./load.js";

/** A file for the write stage (the shape of emit/contract.ts's GeneratedFile, which load may not import). */
export interface RecordedFile {
  path: string;
  contents: string;
}

/** The output folder's subfolder that records the shipped specs. */
export const shippedRecordFolder = "statespec-builtin";

/** One file per shipped spec file, in name order. Read errors were already reported by the load stage. */
export async function recordShippedSpecs(folders: readonly string[]): Promise<RecordedFile[]> {
  if (folders.length === 0) return [];
  const { paths } = await listSpecFiles(folders);
  const files: RecordedFile[] = [];
  for (const path of paths) {
    files.push({
      path: `${shippedRecordFolder}/${basename(path)}`,
      contents: (await readFile(path, "utf8")).replace(/\r\n?/g, "\n"),
    });
  }
  return files;
}
