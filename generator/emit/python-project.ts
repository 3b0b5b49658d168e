// The pyproject.toml of a vendor's Python package: setuptools builds it (PEP 621 metadata, so setuptools 61 or
// later), no dependencies. Offline, pip needs --no-build-isolation and setuptools and wheel beside it (README).
import { generatorVersion } from "../common/version.js";
import { headerSentences } from "./header.js";

/** Python versions the package is checked on (mypy, pyright) and declares. */
export const pythonVersions = ["3.9", "3.10", "3.11", "3.12", "3.13"];

/** A TOML basic string: JSON's escapes are TOML's, and the texts here are one line. */
function toml(text: string): string {
  return JSON.stringify(text);
}

export function pyproject(packageName: string, description: string): string {
  const classifiers = [
    "Programming Language :: Python :: 3",
    ...pythonVersions.map((version) => `Programming Language :: Python :: ${version}`),
    "Typing :: Typed",
  ];
  return [
    ...headerSentences().map((sentence) => `# ${sentence}`),
    "[build-system]",
    `requires = ["setuptools>=61"]`,
    `build-backend = "setuptools.build_meta"`,
    "",
    "[project]",
    `name = ${toml(packageName.replace(/_/g, "-"))}`,
    // The generator's version: the package has no release cycle of its own; the header's hash tells contents apart.
    `version = ${toml(generatorVersion)}`,
    `description = ${toml(description)}`,
    `requires-python = ">=${pythonVersions[0]}"`,
    "dependencies = []",
    "classifiers = [",
    ...classifiers.map((classifier) => `    ${toml(classifier)},`),
    "]",
    "",
    "[tool.setuptools]",
    `packages = [${toml(packageName)}]`,
    "",
    "[tool.setuptools.package-data]",
    `${packageName} = ["py.typed"]`,
    "",
  ].join("\n");
}
