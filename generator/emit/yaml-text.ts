// YAML as every reader reads it: the one place generated YAML is printed, shared by every YAML artifact.
import { Document, Scalar, visit } from "yaml";
import { forbiddenInText } from "../text-safety.js";

/**
 * Plain scalars that some parser reads as something other than a string: a YAML 1.1 parser takes `yes`, `off`,
 * `y`, `~`, `1_000`, `0x1F`, `1:20`, `2001-12-14` as booleans, null, numbers or dates; a YAML 1.2 core parser
 * takes `0o17` and `1e3` as numbers. The tests come from the yaml package's own 1.1 and 1.2 core schemas (what
 * its parser resolves with), plus `<<` (merge key) and `=` (1.1's value key).
 */
const implicitTypes: RegExp[] = [new Document(null, { version: "1.1" }), new Document(null, { version: "1.2" })].flatMap((document) =>
  document.schema.tags.flatMap((tag) => (tag.default && tag.tag !== "tag:yaml.org,2002:str" && "test" in tag && tag.test instanceof RegExp ? [tag.test] : [])),
);

function mustQuote(text: string): boolean {
  // A forbidden character is written only as an escape, which only double quotes allow (see text-safety.ts).
  return text === "<<" || text === "=" || forbiddenInText.test(text) || implicitTypes.some((test) => test.test(text));
}

/** YAML 1.2 text in which every string, key or value, reads back as the same string under YAML 1.1 and 1.2. */
export function yamlText(value: unknown): string {
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === "string" && mustQuote(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return document.toString({ lineWidth: 0 });
}
