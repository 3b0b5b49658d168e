// npm run bench:check: `statespec check` on 10^4, 10^5, 10^6 servers, side by side with ajv validating the same
// servers against the generated standalone server schema (the peer a user would otherwise write).
// Prints a Markdown table; with --write-readme it also replaces the check table in docs/performance.md.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";

const writeReadme = process.argv.includes("--write-readme");
const quick = process.argv.includes("--quick");
const work = mkdtempSync(join(tmpdir(), "statespec-bench-check-"));

// Consistent (vm_state, task_state, status, power_state) of Nova's table, and one contradiction in a hundred.
const states = [
  ["active", null, "ACTIVE", 1],
  ["stopped", null, "SHUTOFF", 4],
  ["active", "rebooting", "REBOOT", 1],
  ["building", "spawning", "BUILD", 0],
  ["paused", null, "PAUSED", 3],
  ["stopped", null, "ACTIVE", 4],
];

function server(i) {
  const [vmState, taskState, status, powerState] = states[i % 100 === 99 ? 5 : i % 5];
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    name: `server-${i}`,
    status,
    "OS-EXT-STS:vm_state": vmState,
    "OS-EXT-STS:task_state": taskState,
    "OS-EXT-STS:power_state": powerState,
    "OS-EXT-AZ:availability_zone": "nova",
    created: "2026-03-02T09:14:40Z",
    flavor: { original_name: "m1.small", vcpus: 1, ram: 2048, disk: 20 },
    metadata: { role: "web" },
  };
}

async function writeInput(n, form) {
  const file = join(work, `servers-${n}.${form === "ndjson" ? "ndjson" : "json"}`);
  const out = createWriteStream(file);
  let buffer = form === "ndjson" ? "" : '{"servers": [\n';
  for (let i = 0; i < n; i++) {
    buffer +=
      form === "ndjson" ? `${JSON.stringify(server(i))}\n` : `${i === 0 ? "" : ",\n"}  ${JSON.stringify(server(i))}`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(form === "ndjson" ? buffer : `${buffer}\n]}\n`);
  await once(out, "finish");
  return file;
}

function measure(label, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["bench/check-child.mjs", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
  const report = JSON.parse(result.stdout.trim().split("\n").pop());
  const row = { label, ms, rssMb: report.maxRssKb / 1024, servers: report.servers };
  process.stderr.write(`${label}: ${ms.toFixed(0)} ms, ${row.rssMb.toFixed(0)} MiB, ${report.servers} servers\n`);
  return row;
}

const rows = [];
for (const n of quick ? [1e4, 1e5] : [1e4, 1e5, 1e6]) {
  for (const form of ["ndjson", "document"]) {
    const file = await writeInput(n, form);
    const mb = statSync(file).size / 1024 / 1024;
    const ours = measure(`statespec check, ${n} servers, ${form}`, [
      "statespec",
      "--format",
      "json",
      "--max-findings",
      "0",
      "--fail-on",
      "never",
      file,
    ]);
    const peer = measure(`ajv, ${n} servers, ${form}`, [form === "ndjson" ? "ajv-ndjson" : "ajv-document", file]);
    if (ours.servers !== n || peer.servers !== n)
      throw new Error(`expected ${n} servers, statespec saw ${ours.servers}, ajv ${peer.servers}`);
    rows.push({ n, form, mb, ours, peer });
    rmSync(file);
  }
}

const perSecond = (row) => Math.round((row.servers * 1000) / row.ms).toLocaleString("en-US");
const lines = [
  "| servers | input | statespec check: servers/s | peak memory | ajv + server schema: servers/s | peak memory | time ratio (ajv / check) |",
  "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
  ...rows.map(
    ({ n, form, mb, ours, peer }) =>
      `| ${n.toLocaleString("en-US")} | ${form === "ndjson" ? "NDJSON" : '`{"servers": [...]}`'}, ${mb.toFixed(0)} MiB | ${perSecond(ours)} | ${ours.rssMb.toFixed(0)} MiB | ${perSecond(peer)} | ${peer.rssMb.toFixed(0)} MiB | ${(peer.ms / ours.ms).toFixed(2)} |`,
  ),
  "",
  `Measured by \`npm run bench:check\` on ${process.platform}/${process.arch}, Node ${process.version}; one run each, wall time including starting Node and loading the spec. ajv checks types and enums only; check also derives every status and names the row. Ratio > 1: check is faster.`,
];
const table = lines.join("\n");
process.stdout.write(`${table}\n`);
if (writeReadme) {
  const readme = readFileSync("docs/performance.md", "utf8");
  const updated = readme.replace(
    /<!-- bench-check:start -->[\s\S]*<!-- bench-check:end -->/,
    `<!-- bench-check:start -->\n${table}\n<!-- bench-check:end -->`,
  );
  if (updated === readme && !readme.includes(table))
    throw new Error("docs/performance.md has no <!-- bench-check:start --> ... <!-- bench-check:end --> block");
  writeFileSync("docs/performance.md", updated);
}
rmSync(work, { recursive: true, force: true });
