// npm run bench: statespec's commands and two peer generators, timed side by side in one run.
// Prints a Markdown table; with --write-readme it also replaces the table in README.md.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const writeReadme = process.argv.includes("--write-readme");
const quick = process.argv.includes("--quick");
const work = mkdtempSync(join(tmpdir(), "statespec-bench-"));

function measure(label, args, { runs = 5, before } = {}) {
  const times = [];
  let rss = 0;
  for (let run = 0; run < runs; run++) {
    before?.();
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["bench/child.mjs", ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const report = JSON.parse(result.stdout.trim().split("\n").pop());
    if (report.code !== 0 && !(args.includes("--check") && label.includes("stale"))) throw new Error(`${label} failed:\n${result.stderr}`);
    times.push(ms);
    rss = Math.max(rss, report.maxRssKb);
  }
  times.sort((a, b) => a - b);
  const row = { label, ms: times[Math.floor(times.length / 2)], rssMb: rss / 1024, runs };
  process.stderr.write(`${label}: ${row.ms.toFixed(0)} ms, ${row.rssMb.toFixed(0)} MiB (${runs} runs)\n`);
  return row;
}

/** k copies of the shipped spec, each copy its own set of vendors: k times the documents, values and rows. */
function syntheticSpec(k) {
  const folder = join(work, `spec-x${k}`);
  mkdirSync(folder);
  const files = readdirSync("spec").filter((name) => name.endsWith(".yaml"));
  const suffix = (id, i) => (/-[A-Z]{2}$/.test(id) ? id.replace(/(-[a-z]{2}-[A-Z]{2})$/, `-s${i}$1`) : `${id}-s${i}`);
  for (let i = 1; i <= k; i++) {
    for (const name of files) {
      const text = readFileSync(join("spec", name), "utf8").replace(/^(id: |  id: |translates: |    fallback: )(\S+)$/gm, (_, key, id) => `${key}${suffix(id, i)}`);
      writeFileSync(join(folder, `${i}-${name}`), text);
    }
  }
  return folder;
}

function specItems(folder) {
  let items = 0;
  for (const name of readdirSync(folder)) items += (readFileSync(join(folder, name), "utf8").match(/^\s+- (value|vm_state): /gm) ?? []).length;
  return items;
}

const rows = [];
const out = join(work, "out");
const coldRuns = quick ? 3 : 7;
rows.push(measure("statespec generate, cold (all 4 kinds, 3 vendors)", ["statespec", "generate", "--out", out], { runs: coldRuns, before: () => rmSync(out, { recursive: true, force: true }) }));
rows.push(measure("statespec generate, no-op (nothing changed)", ["statespec", "generate", "--out", out], { runs: coldRuns }));
rows.push(measure("statespec generate --check", ["statespec", "generate", "--check", "--out", out], { runs: coldRuns }));
rows.push(measure("statespec validate", ["statespec", "validate"], { runs: coldRuns }));
const openapiFiles = ["openstack", "rackspace", "huawei-ecs"].map((vendor) => join(out, vendor, "openapi.yaml"));
rows.push(measure("peer: openapi-typescript, the 3 OpenAPI fragments", ["oapi", ...openapiFiles], { runs: coldRuns }));
rows.push(measure("peer: json-schema-to-typescript, one schema (openstack task_state)", ["jstt", join(out, "openstack", "schema", "task-state.schema.json")], { runs: coldRuns }));

const shippedItems = specItems("spec");
const scale = [];
for (const k of quick ? [10, 100] : [10, 100, 1000]) {
  const folder = syntheticSpec(k);
  const scaledOut = join(work, `out-x${k}`);
  const row = measure(`statespec generate, cold, ${k}x spec (${3 * k} vendors)`, ["statespec", "generate", "--spec", folder, "--out", scaledOut], {
    runs: k >= 1000 ? 1 : k >= 100 ? 2 : 3,
    before: () => rmSync(scaledOut, { recursive: true, force: true }),
  });
  row.items = specItems(folder);
  scale.push(row);
  rmSync(scaledOut, { recursive: true, force: true });
}

const byLabel = (prefix) => rows.find((row) => row.label.startsWith(prefix));
const cold = byLabel("statespec generate, cold");
const noop = byLabel("statespec generate, no-op");
const check = byLabel("statespec generate --check");
const oapi = byLabel("peer: openapi");
const jstt = byLabel("peer: json-schema");
const fmt = (ms) => `${ms.toFixed(0)} ms`;
const lines = [
  `| what | median wall time | peak memory | vs. peer |`,
  `| --- | --- | --- | --- |`,
  ...rows.map((row) => {
    const ratio = row === cold ? `${(oapi.ms / cold.ms).toFixed(2)}x openapi-typescript's time` : row === noop || row === check ? `${(jstt.ms / row.ms).toFixed(2)}x json-schema-to-typescript's time` : "";
    return `| ${row.label} | ${fmt(row.ms)} | ${row.rssMb.toFixed(0)} MiB | ${ratio} |`;
  }),
  "",
  `| scale | spec items | median wall time | per item | peak memory |`,
  `| --- | --- | --- | --- | --- |`,
  `| 1x (shipped) | ${shippedItems} | ${fmt(cold.ms)} | ${((cold.ms * 1000) / shippedItems).toFixed(0)} µs | ${cold.rssMb.toFixed(0)} MiB |`,
  ...scale.map((row) => `| ${row.label.match(/(\d+)x/)[0]} | ${row.items} | ${fmt(row.ms)} | ${((row.ms * 1000) / row.items).toFixed(0)} µs | ${row.rssMb.toFixed(0)} MiB |`),
  "",
  `Measured by \`npm run bench\` on ${process.platform}/${process.arch}, Node ${process.version}; wall time includes starting Node. "vs. peer" > 1 means statespec is faster. Items are values and mapping rows.`,
];
const table = lines.join("\n");
process.stdout.write(`${table}\n`);
if (writeReadme) {
  const readme = readFileSync("README.md", "utf8");
  const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`);
  if (updated === readme && !readme.includes(table)) throw new Error("README.md has no <!-- bench:start --> ... <!-- bench:end --> block");
  writeFileSync("README.md", updated);
}
rmSync(work, { recursive: true, force: true });
