// What `statespec init` writes: a commented config and the smallest spec a team needs, one vendor of its own that
// extends openstack. Both validate and generate as written (test/init.test.ts runs them), with no warning: a
// first run that warns teaches a team to ignore warnings.
import { journalName, stagingPrefix } from "../write/lock.js";
import { builtinSpecs, configFileName } from "./config.js";

export interface StarterChoices {
  /** The team's vendor id (also its document's id and file name). */
  vendor: string;
  /** The output folder, relative to the config. */
  out: string;
}

/** The vendors statespec ships: a team's own vendor needs another id. */
export const shippedVendorIds = ["openstack", "rackspace", "huawei-ecs"];

export function starterConfig({ vendor, out }: StarterChoices): string {
  return `# ${configFileName}, written by \`statespec init\` (its format: statespec/config.schema.json).
# statespec reads the nearest such file from the folder it runs in upward, up to the repository root, so every
# command works from any folder below this one. Paths in it are relative to this file.

# Spec folders, in order: ${builtinSpecs} is the specs shipped with statespec (vendors ${shippedVendorIds.join(", ")});
# spec holds your own.
specs:
  - ${builtinSpecs}
  - spec

# Where \`statespec generate\` writes. It replaces or removes only the files it wrote there (listed in its manifest).
out: ${out}

# The vendors to generate (without this key: every vendor the specs define).
vendors: [openstack, ${vendor}]

# A warning fails validate, generate, check and diff as an error does (without this key: error). A typo in a row
# (\`status: PAUSD\`, a value near one the vendor declares) is a warning; generated, it would be a new enum member.
failOn: warning

# The artifacts (without this key: typescript, json-schema, openapi, markdown and states; python, go, rust and java
# are opt-in).
# artifacts: [typescript, json-schema, openapi, markdown, states]

# TypeScript enums (enum), or \`as const\` objects with union types (const).
# enumStyle: enum

# The base of the generated JSON Schemas' $id: an http or https URI ending in /, without # or ?.
# schemaBaseUri: https://schemas.example.com/servers/
`;
}

/** The example a team uncomments first: a task state of its own, the status it shows, and the row between them. */
const example = `states:
  task_state:
    section: Task states
    values:
      - value: backing_up
        description: A scheduled backup is running.
  status:
    section: Statuses
    values:
      - value: BACKUP
        description: The server is being backed up.
mapping:
  section: Status mapping
  rows:
    - vm_state: active
      task_states: [backing_up]
      status: BACKUP`;

export function starterSpec({ vendor }: StarterChoices): string {
  return `# The spec of vendor ${vendor}, written by \`statespec init\`: one YAML file per source document (its format:
# statespec/spec.schema.json; \`statespec validate\` reports every problem as file:line:col).
#
# \`extends: openstack\` takes over every value and mapping row of the shipped openstack vendor (Nova's rules);
# what this file adds comes first. As written, ${vendor} derives every status exactly as Nova does.
id: ${vendor}
vendor:
  id: ${vendor}
  extends: openstack
locale: en
provenance:
  source: ${vendor}-server-states.md
  title: ${vendor} server states
  publisher: ${vendor}
states: {}

# To add a task state of your own and the status it shows, replace \`states: {}\` above with:
#
${example
  .split("\n")
  .map((line) => `# ${line}`)
  .join("\n")}
`;
}

/** .gitignore lines for the names a run uses inside the output folder while it writes (write/names.ts). */
export function ignoreLines(out: string): string[] {
  const folder = `/${out.replace(/^\.\//, "").replace(/\/+$/, "")}`;
  return [`${folder}/${stagingPrefix}*/`, `${folder}/${journalName}`];
}

/** The comment above the lines init adds to .gitignore. */
export const ignoreComment = "# statespec's working names inside its output folder while a run writes it";
