// One measured run of `statespec check` or of its peer, in a fresh process; prints peak memory as JSON last.
// Usage: node bench/check-child.mjs statespec <check args...> | ajv-ndjson <file> | ajv-document <file>
import { createReadStream, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const [task, ...args] = process.argv.slice(2);
let servers = 0;
let invalid = 0;

/** The peer a user would write: ajv with the generated standalone server schema of the vendor. */
async function serverValidator() {
  const { Ajv2020 } = await import("ajv/dist/2020.js");
  const folder = join("out", "openstack", "schema");
  const ajv = new Ajv2020({ allErrors: true });
  for (const name of ["status", "vm-state", "task-state", "power-state"])
    ajv.addSchema(JSON.parse(readFileSync(join(folder, `${name}.schema.json`), "utf8")));
  return ajv.compile(JSON.parse(readFileSync(join(folder, "server.schema.json"), "utf8")));
}

if (task === "statespec") {
  const { main } = await import(pathToFileURL(resolve("dist/generator/cli/main.js")).href);
  let output = "";
  const code = await main(["check", ...args], {
    out: (text) => void (output += text),
    err: (text) => process.stderr.write(text),
  });
  if (code !== 0) throw new Error(`statespec check exited ${code}`);
  const summary = JSON.parse(output).summary;
  servers = summary.servers;
  invalid = summary.errors;
} else if (task === "ajv-ndjson") {
  const validate = await serverValidator();
  for await (const line of createInterface({ input: createReadStream(args[0]), crlfDelay: Infinity })) {
    if (line === "") continue;
    servers++;
    if (!validate(JSON.parse(line))) invalid++;
  }
} else if (task === "ajv-document") {
  // Without a streaming parser the peer reads the whole document.
  const validate = await serverValidator();
  for (const server of JSON.parse(readFileSync(args[0], "utf8")).servers) {
    servers++;
    if (!validate(server)) invalid++;
  }
} else throw new Error(`unknown task ${task}`);
process.stdout.write(`\n${JSON.stringify({ servers, invalid, maxRssKb: process.resourceUsage().maxRSS })}\n`);
