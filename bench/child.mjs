// One measured run in a fresh process: does one task, then prints its peak memory as JSON on the last line.
// Usage: node bench/child.mjs statespec <cli args...> | jstt <schema.json> | oapi <openapi.yaml...>
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [task, ...args] = process.argv.slice(2);
let code = 0;
if (task === "statespec") {
  const { main } = await import(pathToFileURL(resolve("dist/generator/cli.js")).href);
  let errors = "";
  code = await main(args, { out: () => {}, err: (text) => void (errors += text) });
  if (code !== 0) process.stderr.write(errors);
} else if (task === "jstt") {
  const { compile } = await import("json-schema-to-typescript");
  for (const file of args) {
    const schema = JSON.parse(readFileSync(file, "utf8"));
    await compile(schema, "Schema", { bannerComment: "", declareExternallyReferenced: true, $refOptions: { resolve: { http: false, external: false } } });
  }
} else if (task === "oapi") {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const { parse } = await import("yaml");
  for (const file of args) astToString(await openapiTS(parse(readFileSync(file, "utf8"))));
} else {
  process.stderr.write(`unknown task ${task}\n`);
  code = 2;
}
process.stdout.write(`\n${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
