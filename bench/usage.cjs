// Preloaded into every measured process (`node --require bench/usage.cjs ...`, the floor `node -e 0` included):
// on exit the process writes its own CPU time (user + system, all threads) and peak resident memory to the file
// named by STATESPEC_BENCH_USAGE. CommonJS, so the preload costs every row the same small constant.
"use strict";
const file = process.env.STATESPEC_BENCH_USAGE;
if (file && require("node:worker_threads").isMainThread) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    require("node:fs").writeFileSync(
      file,
      JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS }),
    );
  });
}
