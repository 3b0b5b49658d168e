// A hash of everything generation depends on besides the generator itself: spec files, templates, settings, the
// config file.
// Equal hashes and an intact out/ (see write/manifest) mean a run would write the same bytes again.
import { sha256 } from "../common/hash.js";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config/config.js";
import { maxSpecFileBytes, readRegularFile } from "../common/read-file.js";
import { templatesFolder } from "../common/package-root.js";
import { generatorVersion } from "../common/version.js";

export interface Inputs {
  hash: string;
  /** The spec files alone (folder order, names, bytes): what the model is made of, wherever the folders are. */
  specsHash: string;
  /** Total size of the spec files. */
  specBytes: number;
  /** The folders listed and the files read (cli/no-op-record.ts watches them). */
  paths: string[];
}

export async function hashInputs(config: Config): Promise<Inputs> {
  let specBytes = 0;
  const hash = sha256();
  const specsHash = sha256();
  const paths: string[] = [];
  // The config file counts as an input like a spec file (any edit of it makes out/ stale): its key (config.ts,
  // configKey) is what lets the no-op run trust its own reading of the file, without yaml.
  hash.update(
    JSON.stringify({
      generatorVersion,
      artifacts: config.artifacts,
      vendors: config.vendors ?? null,
      enumStyle: config.enumStyle,
      schemaBaseUri: config.schemaBaseUri,
      config: config.key ?? null,
    }),
  );
  const folders = [
    ...config.specs.map((folder) => ({ folder, pattern: /\.ya?ml$/ })),
    ...(config.artifacts.includes("markdown") ? [{ folder: templatesFolder(), pattern: /\.hbs$/ }] : []),
  ];
  for (const [index, { folder, pattern }] of folders.entries()) {
    paths.push(folder);
    let names: string[];
    try {
      names = readdirSync(folder)
        .filter((name) => pattern.test(name))
        .sort();
    } catch (error) {
      // A folder that cannot be listed is not an empty one: hashed apart, so a record made of either is not taken
      // for the other (the load stage words each differently).
      hash.update(`\0unlistable:${index}:${(error as NodeJS.ErrnoException).code ?? "?"}\0`);
      names = [];
    }
    for (const name of names) {
      // Folder order and file names are part of the input; absolute paths are not, so the hash is portable.
      hash.update(`\0${index}/${name}\0`);
      paths.push(join(folder, name));
      // Read as the load stage reads: a FIFO or a device here must not hang or flood the run before the load stage
      // reports it. What cannot be read is hashed as such; the load stage then fails the run with a diagnostic.
      let contents: Buffer | string;
      try {
        const read = readRegularFile(join(folder, name), maxSpecFileBytes);
        contents = "bytes" in read ? read.bytes : `\0unreadable:${JSON.stringify(read)}`;
      } catch (error) {
        contents = `\0unreadable:${(error as NodeJS.ErrnoException).code}`;
      }
      if (index < config.specs.length) {
        specBytes += contents.length;
        specsHash.update(`\0${index}/${name}\0`).update(contents);
      }
      hash.update(contents);
    }
  }
  return { hash: hash.digest("hex").slice(0, 32), specsHash: specsHash.digest("hex").slice(0, 32), specBytes, paths };
}
