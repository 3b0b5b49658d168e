// What a run's config is, apart from how it is read (config.ts): the modules that check it (folders.ts, located.ts,
// vendors.ts) and the one that reads it import these types without importing each other.
import type { SourcePosition } from "../common/diagnostics.js";
import type { ArtifactKind } from "../emit/index.js";
import type { FailOn } from "../common/fail-on.js";

export type EnumStyle = "enum" | "const";

export interface Config {
  /** Absolute spec folders. */
  specs: string[];
  /**
   * The folders among `specs` named `statespec:builtin`: the installed package's specs. They are not part of the
   * user's history (diff reads them from the package on both sides), and their warnings are not the user's to fix.
   */
  shippedSpecs: string[];
  /** Absolute output folder. */
  out: string;
  /** undefined: every vendor the specs define. */
  vendors?: string[];
  artifacts: ArtifactKind[];
  enumStyle: EnumStyle;
  schemaBaseUri: string;
  /** The default of --fail-on (undefined: error). */
  failOn?: FailOn;
  /** The config file, as shown to users, if one was read. */
  file?: string;
  /** The config file's absolute path, if one was read: its folder is the project folder. */
  configPath?: string;
  /** Where `out` was set in the config file (absent when it came from --out or the default). */
  outAt?: SourcePosition;
  /** Where each of `specs` is written in the config file (absent when they came from --spec or the default). */
  specsAt?: SourcePosition[];
  /** Where each of `vendors` is written in the config file: an unknown vendor is reported there. */
  vendorsAt?: SourcePosition[];
  /** The spec folders were given with --spec. */
  specsFromOption?: boolean;
  /** No config file was found: where the search looked ("in this folder or above it ..."). */
  searched?: string;
  /** Said once on stderr by every command: no config was found, so the shipped specs are used. */
  notice?: string;
  /** The config file's bytes and the settings read from them, hashed (`configKey`): part of the inputs hash. */
  key?: string;
}

/** A config file's settings as written: the keys of config.schema.json, paths not yet resolved. */
export interface ConfigSettings {
  specs?: string[];
  out?: string;
  vendors?: string[];
  artifacts?: string[];
  enumStyle?: string;
  schemaBaseUri?: string;
  failOn?: string;
}
