// The options several commands share, and all of `generate`'s: the no-op path (up-to-date.ts) reads a `generate`
// command line with the same declaration as the CLI before the CLI loads, so these live apart from the commands
// (which load the config reader and the stages) and import only what the executable holds anyway.
import { failOnLevels } from "../common/fail-on.js";
import { optionSpecs } from "./args.js";

export const configOptions = optionSpecs({
  config: { type: "string" },
  spec: { type: "string", multiple: true },
});

export const configHelp = {
  "--config FILE": "config file (default: the nearest statespec.config.yaml here or above, up to the repository root)",
  "--spec DIR": "spec folder, repeatable; replaces the config's specs ('statespec:builtin' = shipped specs)",
};

export const warningOptions = optionSpecs({ "all-warnings": { type: "boolean" } });
export const warningHelp = {
  "--all-warnings": "also show the warnings about the shipped specs (hidden where statespec:builtin is used)",
};

/** How diagnostics are printed (validate, generate). */
export const diagnosticFormats = ["text", "json", "github"] as const;

export const failOnOption = optionSpecs({ "fail-on": { type: "string", choices: failOnLevels } });
export const failOnHelp = {
  "--fail-on error|warning|never": "exit 1 when a finding is at least this severe (default: config failOn, or error)",
};

export const baselineOption = optionSpecs({ baseline: { type: "string" } });
export const baselineHelp = {
  "--baseline FILE": "accepted findings by fingerprint (default: statespec.baseline.yaml beside the config)",
};

export const generateOptions = optionSpecs({
  ...configOptions,
  ...warningOptions,
  check: { type: "boolean" },
  full: { type: "boolean" },
  watch: { type: "boolean" },
  out: { type: "string" },
  "enum-style": { type: "string", choices: ["enum", "const"] },
  format: { type: "string", choices: diagnosticFormats },
  ...failOnOption,
});
