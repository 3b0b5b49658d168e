// What `generate --watch` watches: the inputs of a run and nothing else, so that the run's own writes (out/, a log
// redirected into the project) and unrelated files never start another run.
import { basename, dirname } from "node:path";
import type { Config } from "../config/config.js";
import { templatesFolder } from "../common/package-root.js";
import { displayPath } from "../common/paths.js";
import type { WatchedInput } from "./follow-folder.js";

export interface Input extends WatchedInput {
  /** Names one input for as long as the config names it: a follower is kept, not re-armed, while its key stays. */
  key: string;
  /** How the `watching ...` line names it. */
  shownAs: string;
}

// The names the load stages read from a folder (load/load.ts, load/templates.ts): only the folder's own entries.
const specFile = /\.ya?ml$/;
const templateFile = /\.hbs$/;

/**
 * The config file (watched for even while it does not exist: creating it changes the run), then, when the config
 * could be read, its spec folders and, if Markdown is rendered, the templates. While the config is invalid nothing
 * else can change the outcome of a run.
 */
export function watchedInputs(configFile: string, config: Config | undefined): Input[] {
  const name = basename(configFile);
  const inputs = [input("config", configFile, dirname(configFile), (entry) => entry === name)];
  if (!config) return inputs;
  for (const folder of new Set(config.specs)) {
    inputs.push(input("specs", folder, folder, (entry) => specFile.test(entry)));
  }
  if (config.artifacts.includes("markdown")) {
    inputs.push(input("templates", templatesFolder(), templatesFolder(), (entry) => templateFile.test(entry)));
  }
  return inputs;
}

function input(kind: string, path: string, folder: string, isInput: (name: string) => boolean): Input {
  return { key: `${kind}\0${path}`, folder, isInput, shownAs: displayPath(path) };
}
