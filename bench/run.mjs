// npm run bench [-- --quick] [-- --write-readme] [-- --node 24]: statespec's commands against their floors and a
// peer, on Node 20, 22 and 24 (bench/nodes.mjs says where each binary is found), one table per version: this script
// runs itself once under each version's binary (--this-node), so every row of a table runs on that version.
// Every row is a fresh Node process. A round runs every row once, in a shuffled order, so drift of the machine
// (other load, thermal state, caches) falls on all rows alike; a ratio is the median of the per-round ratios.
// Wall time is taken here (spawn to exit); CPU time (user + system, all threads) and peak memory are reported by
// the process itself through bench/usage.cjs. docs/performance.md says how each number is read; --write-readme rewrites its table there.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { benchedMajors, mergeTables, nodeBinary } from "./nodes.mjs";

const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const argv = process.argv.slice(2);
if (!argv.includes("--this-node")) await eachVersion();
const quick = argv.includes("--quick");
const rounds = Number(argv[argv.indexOf("--rounds") + 1]) || (quick ? 3 : 7);
const sizes = quick ? [10, 30, 100] : [10, 100, 1000];
// --rows floor,noop,...: only these rows (development; no scale rows unless named, no tables that need others).
const only = argv.includes("--rows") ? argv[argv.indexOf("--rows") + 1].split(",") : undefined;
const vendors = ["openstack", "rackspace", "huawei-ecs"];
const work = mkdtempSync(join(tmpdir(), "statespec-bench-"));
const cli = join(root, "dist/generator/cli/bin.cjs");
const child = join(root, "bench/child.mjs");
const usagePreload = join(root, "bench/usage.cjs");
if (!existsSync(cli)) throw new Error("dist/ is missing: run `npm run build` first (npm run bench does)");

const at = (name) => join(work, name);
// The project's own config adds the opt-in Python and Go packages; the bench measures the four default kinds, the
// ones the peer rows are chosen against, so statespec's rows read this config instead.
const config = at("bench.config.yaml");
writeFileSync(
  config,
  `specs: [${JSON.stringify(join(root, "spec"))}]\nartifacts: [typescript, json-schema, openapi, markdown]\n`,
);
const generate = [cli, "generate", "--config", config];
const fresh = (folder) => () => rmSync(folder, { recursive: true, force: true });
// statespec's cache (its compiled code on Node 20, the no-op, validate and TypeScript records) is the bench's own.
// A cold row has none of the TypeScript emitter's records (generator/compile/typescript-record.ts): it loads ts-morph.
const cache = at("cache");
const cold = (folder) => () => {
  fresh(folder)();
  fresh(join(cache, "typescript"))();
};

/** k copies of the shipped spec, each copy its own set of vendors: k times the documents, values and rows. */
function syntheticSpec(k) {
  const folder = at(`spec-x${k}`);
  mkdirSync(folder);
  const files = readdirSync(join(root, "spec")).filter((name) => name.endsWith(".yaml"));
  const suffix = (id, i) => (/-[A-Z]{2}$/.test(id) ? id.replace(/(-[a-z]{2}-[A-Z]{2})$/, `-s${i}$1`) : `${id}-s${i}`);
  for (let i = 1; i <= k; i++) {
    for (const name of files) {
      const text = readFileSync(join(root, "spec", name), "utf8").replace(
        /^(id: | {2}id: |translates: | {4}fallback: )(\S+)$/gm,
        (_, key, id) => `${key}${suffix(id, i)}`,
      );
      writeFileSync(join(folder, `${i}-${name}`), text);
    }
  }
  return folder;
}

/** Items: values and mapping rows, the units the generator's work grows with. */
function specItems(folder) {
  let items = 0;
  for (const name of readdirSync(folder))
    items += (readFileSync(join(folder, name), "utf8").match(/^\s+- (value|vm_state): /gm) ?? []).length;
  return items;
}

/** One run of one row in a fresh process: wall time here, CPU time and peak memory from the process itself. */
function runOnce(row) {
  row.before?.();
  const usageFile = at("usage.json");
  rmSync(usageFile, { force: true });
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const process_ = spawn(process.execPath, ["--require", usagePreload, ...row.args], {
      cwd: root,
      env: { ...process.env, STATESPEC_BENCH_USAGE: usageFile, STATESPEC_CACHE_DIR: row.cache ?? cache },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    process_.stderr.on("data", (chunk) => void (stderr += chunk));
    process_.on("error", fail);
    process_.on("close", (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return fail(new Error(`${row.label} exited ${code}:\n${stderr}`));
      const usage = JSON.parse(readFileSync(usageFile, "utf8"));
      done({ wallMs, cpuMs: usage.cpuMs, rssMb: usage.maxRssKb / 1024 });
    });
  });
}

function shuffled(list) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Least-squares slope of y over x. */
function slope(points) {
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}

// The rows. Each statespec row has its own output folder, so the shuffled order cannot change what a row does.
const warmOut = at("out-warm");
const rows = [
  { id: "floor", label: "floor: `node -e 0`", args: ["-e", "0"] },
  {
    id: "io",
    label: "floor: read the inputs, write the outputs",
    args: [child, "io", at("out-io"), warmOut, join(root, "spec"), join(root, "templates")],
    before: fresh(at("out-io")),
  },
  {
    id: "cold",
    label: "`generate`, cold (no out/; 4 kinds, 3 vendors)",
    args: [...generate, "--out", at("out-cold")],
    before: cold(at("out-cold")),
  },
  {
    id: "recorded",
    label: "`generate`, no out/, TypeScript recorded by an earlier run",
    args: [...generate, "--out", at("out-recorded")],
    before: fresh(at("out-recorded")),
    // A cache of its own, which the cold rows leave alone: its record is made by the warm-up below.
    cache: at("cache-recorded"),
  },
  { id: "noop", label: "`generate`, no-op (out/ current)", args: [...generate, "--out", warmOut] },
  { id: "check", label: "`generate --check` (out/ current)", args: [...generate, "--check", "--out", warmOut] },
  { id: "validate", label: "`validate`", args: [cli, "validate", "--config", config] },
  {
    id: "oapi",
    label: "peer: openapi-typescript, the 3 vendors' OpenAPI fragments",
    args: [child, "oapi", ...vendors.map((vendor) => join(warmOut, vendor, "openapi.yaml"))],
  },
];
const scaleRows = sizes
  .filter((k) => !only || only.includes(`x${k}`))
  .map((k) => {
    const folder = syntheticSpec(k);
    const out = at(`out-x${k}`);
    return {
      id: `x${k}`,
      k,
      items: specItems(folder),
      label: `\`generate\`, cold, ${k}x spec (${3 * k} vendors)`,
      args: [...generate, "--spec", folder, "--out", out],
      before: cold(out),
    };
  });
const allRows = [...rows, ...scaleRows].filter((row) => !only || only.includes(row.id));

process.stderr.write(`bench: ${rounds} rounds of ${allRows.length} rows, sizes ${sizes.join("/")}x, in ${work}\n`);
// Warm-up, not recorded: the current out/ for the no-op rows, the OS file cache, and Node's compile cache.
await runOnce({ label: "prepare", args: [...generate, "--out", warmOut] });
// A no-op run records what it looked at only once all of it is two seconds old (generator/cli/no-op-record.ts):
// waiting here makes the warm-up's no-op runs record, so every recorded one is a run after a user's first.
await sleep(2_100);
for (const row of allRows.filter((row) => rows.includes(row))) await runOnce(row);

const results = Object.fromEntries(allRows.map((row) => [row.id, []]));
for (let round = 0; round < rounds; round++) {
  for (const row of shuffled(allRows)) results[row.id][round] = await runOnce(row);
  process.stderr.write(
    `round ${round + 1}/${rounds}: ${allRows.map((row) => `${row.id} ${results[row.id][round].wallMs.toFixed(0)}`).join(", ")} (ms wall)\n`,
  );
}

if (only) {
  const againstFloor = (row, key) =>
    results.floor
      ? ` (${median(results[row.id].map((run, round) => run[key] / results.floor[round][key])).toFixed(2)}x the floor)`
      : "";
  for (const row of allRows)
    process.stdout.write(
      `${row.id}: wall ${median(results[row.id].map((run) => run.wallMs)).toFixed(1)} ms${againstFloor(row, "wallMs")}, CPU ${median(results[row.id].map((run) => run.cpuMs)).toFixed(1)} ms${againstFloor(row, "cpuMs")}\n`,
    );
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
const metric = (id, key) => results[id].map((run) => run[key]);
const ratio = (id, against, key) => median(results[id].map((run, round) => run[key] / results[against][round][key]));
const ms = (value) => `${value.toFixed(0)} ms`;
const times = (value) => `${value.toFixed(2)}x`;
const peak = (id) => `${Math.max(...metric(id, "rssMb")).toFixed(0)} MiB`;

const lines = [
  `| row | wall (median) | CPU (median) | peak memory |`,
  `| --- | --- | --- | --- |`,
  ...allRows.map(
    (row) =>
      `| ${row.label} | ${ms(median(metric(row.id, "wallMs")))} | ${ms(median(metric(row.id, "cpuMs")))} | ${peak(row.id)} |`,
  ),
  "",
  `| ratio (median of per-round ratios) | wall | CPU | target |`,
  `| --- | --- | --- | --- |`,
  ...[
    ["cold", "oapi", "cold `generate` / openapi-typescript", "wall <= 0.60x, CPU <= 1.00x"],
    ["validate", "floor", "`validate` / `node -e 0`", "wall <= 3.00x"],
    ["noop", "floor", "no-op `generate` / `node -e 0`", "wall <= 1.30x"],
    ["check", "floor", "`generate --check` / `node -e 0`", "wall <= 1.30x"],
    ["noop", "io", "no-op `generate` / read inputs, write outputs", ""],
    ["check", "io", "`generate --check` / read inputs, write outputs", ""],
  ].map(
    ([id, against, label, target]) =>
      `| ${label} | ${times(ratio(id, against, "wallMs"))} | ${times(ratio(id, against, "cpuMs"))} | ${target} |`,
  ),
  "",
];

// Scale: the cost of one more item is the slope of time over items, fitted per round, median over rounds.
const perRound = (key, pick) =>
  median(
    Array.from({ length: rounds }, (_, round) =>
      pick(scaleRows.map((row) => [row.items, results[row.id][round][key]])),
    ),
  );
const microseconds = (value) => `${(value * 1000).toFixed(0)} µs/item`;
const segments = scaleRows.slice(1).map((row, index) => [scaleRows[index], row]);
const segmentSlope = (key, [from, to]) =>
  perRound(key, (points) => slope([points[scaleRows.indexOf(from)], points[scaleRows.indexOf(to)]]));
lines.push(
  `| scale | slope, wall | slope, CPU | peak memory at ${sizes.at(-1)}x |`,
  `| --- | --- | --- | --- |`,
  `| least squares over ${sizes.join("/")}x (${scaleRows.map((row) => row.items).join("/")} items) | ${microseconds(perRound("wallMs", slope))} | ${microseconds(perRound("cpuMs", slope))} | ${peak(scaleRows.at(-1).id)} |`,
  ...segments.map(
    (segment) =>
      `| from ${segment[0].k}x to ${segment[1].k}x | ${microseconds(segmentSlope("wallMs", segment))} | ${microseconds(segmentSlope("cpuMs", segment))} | |`,
  ),
  "",
  `${rounds} rounds${quick ? " (--quick)" : ""} on ${process.platform}/${process.arch}, Node ${process.version}.`,
);

const table = lines.join("\n");
process.stdout.write(`${table}\n`);
rmSync(work, { recursive: true, force: true });
process.exit(0);

/** The bench on each Node version found, in turn; then the tables into docs/performance.md and the check bench. */
async function eachVersion() {
  const { spawnSync } = await import("node:child_process");
  const chosen = argv.includes("--node") ? argv[argv.indexOf("--node") + 1].split(",") : benchedMajors;
  const passed = argv.filter((arg, index) => arg !== "--node" && argv[index - 1] !== "--node");
  const tables = new Map();
  for (const major of chosen) {
    const node = nodeBinary(major, root);
    if (!node) {
      process.stderr.write(`bench: no Node ${major} found (bench/nodes.mjs says where it looks): skipped\n`);
      continue;
    }
    process.stderr.write(`bench: Node ${major} (${node})\n`);
    const run = spawnSync(node, [join(root, "bench", "run.mjs"), "--this-node", ...passed], {
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    process.stdout.write(run.stdout ?? "");
    if (run.status !== 0) process.exit(run.status ?? 1);
    tables.set(major, run.stdout);
  }
  if (argv.includes("--write-readme") && !argv.includes("--rows") && tables.size > 0) {
    // The tables live in docs/performance.md (the README links to it); the option keeps its name.
    const page = join(root, "docs", "performance.md");
    const text = readFileSync(page, "utf8");
    const block = /<!-- bench:start -->\n?([\s\S]*?)\n?<!-- bench:end -->/.exec(text);
    if (!block) throw new Error("docs/performance.md has no <!-- bench:start --> ... <!-- bench:end --> block");
    const merged = mergeTables(block[1], tables);
    writeFileSync(
      page,
      text.replace(block[0], () => `<!-- bench:start -->\n${merged}\n<!-- bench:end -->`),
    );
  }
  // `statespec check` has its own table (servers per second and memory against ajv, bench/check.mjs): it runs as
  // part of `npm run bench`, after the generator rows, with the same flags, on the Node running the bench.
  if (!argv.includes("--no-check")) {
    const checkBench = spawnSync(process.execPath, [join(root, "bench", "check.mjs"), ...passed], { stdio: "inherit" });
    if (checkBench.status !== 0) process.exit(checkBench.status ?? 1);
  }
  process.exit(0);
}
