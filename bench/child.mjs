// The bench's reference processes, each run fresh by run.mjs:
//   node bench/child.mjs oapi <openapi.yaml...>                  openapi-typescript types every fragment, in one process
//   node bench/child.mjs io <to> <from> <input folder...>         the I/O floor: reads every input file, reads every
//                                                                 file under <from> and writes it under <to>
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const [task, ...args] = process.argv.slice(2);

function filesUnder(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

if (task === "oapi") {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const { parse } = await import("yaml");
  for (const file of args) astToString(await openapiTS(parse(readFileSync(file, "utf8"))));
} else if (task === "io") {
  const [to, from, ...inputs] = args;
  for (const folder of inputs) for (const file of filesUnder(folder)) readFileSync(file);
  for (const file of filesUnder(from)) {
    const target = join(to, file.slice(from.length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(file));
  }
} else {
  process.stderr.write(`unknown task ${task}\n`);
  process.exitCode = 2;
}
