// `statespec init`: a team's first minute. Writes a commented config and a spec of the team's own vendor (it extends
// openstack), and adds the output folder's working names to .gitignore. It never overwrites: when either file's
// name is taken it writes nothing at all (a config without its spec, or the reverse, would not validate) and
// exits 1 naming each, as `tsc --init` does for an existing tsconfig.json.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { displayPath } from "../../common/paths.js";
import { escapeForTerminal } from "../../common/text-safety.js";
import { configFileName, findConfigFile } from "../../config/discover.js";
import { refuseUnsafeOut } from "../../config/folders.js";
import { ignoreComment, ignoreLines, shippedVendorIds, starterConfig, starterSpec } from "../../config/starter.js";
import { defineCommand } from "../context.js";

const identifier = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// A relative folder below the config, in the characters a .gitignore pattern and a plain YAML scalar read as
// themselves (no glob, escape, comment or quote characters to get wrong).
const plainFolder = /^(?!\.{1,2}(\/|$))(?!.*\/\.{1,2}(\/|$))[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

export const initCommand = defineCommand({
  name: "init",
  summary: "start a project here: a commented statespec.config.yaml, a spec of your own vendor, .gitignore lines",
  usage: "[--vendor ID] [--out DIR]",
  options: { vendor: { type: "string" }, out: { type: "string" } },
  optionHelp: {
    "--vendor ID": "your vendor's id, lower-case words joined by '-' (default mycloud); its spec is spec/ID.yaml",
    "--out DIR": "the output folder the config names, relative to it (default generated)",
  },
  checkUsage: (values, fail) => {
    const vendor = values.vendor;
    if (vendor !== undefined && (!identifier.test(vendor) || vendor.length > 64)) {
      fail(`--vendor must be lower-case words joined by '-' (like acme-cloud), not '${vendor}'`);
    }
    if (vendor !== undefined && shippedVendorIds.includes(vendor)) {
      fail(`--vendor '${vendor}' is a vendor statespec ships; name your own`);
    }
    const out = values.out;
    if (out !== undefined && !plainFolder.test(out)) {
      fail(`--out must be a folder below the project, of letters, digits, '_', '-', '.' and '/', not '${out}'`);
    }
  },
  async run(values, context) {
    const files = await import("../project-files.js");
    const choices = {
      vendor: values.vendor ?? "mycloud",
      // One spelling of the folder: the .gitignore lines are matched as written (`a//b/` matches nothing).
      out: (values.out ?? "generated").replace(/\/+/g, "/").replace(/\/$/, ""),
    };
    const wanted = [
      { path: configFileName, text: starterConfig(choices) },
      { path: `spec/${choices.vendor}.yaml`, text: starterSpec(choices) },
    ];
    const say = (text: string) => context.io.err(`statespec init: ${escapeForTerminal(text)}\n`);
    // The output folder generate would refuse (the spec folder, a parent of it): said now, before a file is written.
    const project = { specs: [join(context.cwd, "spec")], configPath: join(context.cwd, configFileName) };
    const [refused] = refuseUnsafeOut({ ...project, out: join(context.cwd, choices.out) }, context.cwd);
    if (refused !== undefined) {
      say(`--out ${choices.out}: ${refused.message}`);
      return 2;
    }
    const taken = files.takenNames(context.cwd, wanted);
    if (taken.length > 0) {
      for (const { path, why } of taken) say(`${path} ${why}; init never overwrites a file`);
      // Another vendor names another spec file but the same config: a taken config can only be moved away.
      const remedy = taken.some(({ path }) => path === configFileName)
        ? `move ${taken.length === 1 ? "it" : "them"} away`
        : "choose another vendor with --vendor, or move the file away";
      say(`nothing was written (${remedy})`);
      return 1;
    }
    const written = files.createFiles(context.cwd, wanted);
    for (const path of written.created) context.io.out(`created ${path}\n`);
    if (written.failed) {
      say(`${written.failed.path}: ${written.failed.reason}; nothing was written`);
      return 1;
    }
    const ignored = files.appendMissingLines(context.cwd, ".gitignore", ignoreComment, ignoreLines(choices.out));
    if ("reason" in ignored) {
      say(`.gitignore: ${ignored.reason}; add these lines yourself: ${ignoreLines(choices.out).join(" ")}`);
      return 1;
    }
    context.io.out(
      ignored.added.length > 0
        ? `added to .gitignore: ${ignored.added.join(", ")}\n`
        : ".gitignore already ignores the output folder's working names\n",
    );
    // A config above this folder was read from here until now; the new one takes its place from here down.
    const above = existsSync(join(context.cwd, ".git")) ? undefined : findConfigFile(dirname(context.cwd)).path;
    if (above !== undefined) {
      const shown = displayPath(above, context.cwd);
      say(`note: ${shown} is above this folder; from here down, the new ${configFileName} is read instead`);
    }
    context.io.out(`next: npx statespec validate, then npx statespec generate (writes ${choices.out}/)\n`);
    return 0;
  },
});
