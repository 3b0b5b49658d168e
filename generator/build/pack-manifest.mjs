// `npm pack` / `npm publish` hooks: the published package.json has no `prepare` script. A checkout needs it (npm ci
// builds dist/ through it, so `npx statespec` works after `npm ci`), but an installed tarball would only make npm
// warn about an install script that has nothing left to build. prepack saves package.json and removes the script;
// postpack puts the saved bytes back.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const manifest = "package.json";
const saved = ".package.json.prepack";

if (process.argv[2] === "strip") {
  const text = readFileSync(manifest, "utf8");
  // A saved copy left by an interrupted pack is the original: never overwrite it with a stripped one.
  if (!existsSync(saved)) writeFileSync(saved, text);
  const data = JSON.parse(text);
  delete data.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(data, null, 2)}\n`);
} else if (process.argv[2] === "restore") {
  if (existsSync(saved)) renameSync(saved, manifest);
} else {
  console.error("usage: node generator/build/pack-manifest.mjs strip|restore");
  process.exit(2);
}
