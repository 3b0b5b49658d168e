// YAML as every reader reads it: the one place generated YAML is printed, shared by every YAML artifact.
import { Document, isMap, isPair, isScalar, isSeq, Scalar } from "yaml";
import { forbiddenInText } from "../common/text-safety.js";

/**
 * Plain scalars that some parser reads as something other than a string: a YAML 1.1 parser takes `yes`, `off`,
 * `y`, `~`, `1_000`, `0x1F`, `1:20`, `2001-12-14` as booleans, null, numbers or dates; a YAML 1.2 core parser
 * takes `0o17` and `1e3` as numbers. The tests come from the yaml package's own 1.1 and 1.2 core schemas (what
 * its parser resolves with), plus `<<` (merge key) and `=` (1.1's value key).
 */
const implicitTypes = new RegExp(
  [new Document(null, { version: "1.1" }), new Document(null, { version: "1.2" })]
    .flatMap((document) =>
      document.schema.tags.flatMap((tag) =>
        tag.default && tag.tag !== "tag:yaml.org,2002:str" && "test" in tag && tag.test instanceof RegExp
          ? [tag.test]
          : [],
      ),
    )
    .map((test) => `(?:${test.source})`)
    .concat(["^(?:<<|=)$"])
    .join("|"),
);

function mustQuote(text: string): boolean {
  // A forbidden character is written only as an escape, which only double quotes allow (see text-safety.ts).
  return implicitTypes.test(text) || forbiddenInText.test(text);
}

/** YAML 1.2 text in which every string, key or value, reads back as the same string under YAML 1.1 and 1.2. */
export function yamlText(value: unknown): string {
  const document = new Document(value, { aliasDuplicateObjects: false });
  quoteAmbiguous(document.contents);
  return document.toString({ lineWidth: 0 });
}

/** A plain walk rather than yaml's visit(): the same nodes, at a fraction of the cost on a large fragment. */
function quoteAmbiguous(node: unknown): void {
  if (isScalar(node)) {
    if (typeof node.value === "string" && mustQuote(node.value)) node.type = Scalar.QUOTE_DOUBLE;
  } else if (isPair(node)) {
    quoteAmbiguous(node.key);
    quoteAmbiguous(node.value);
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) quoteAmbiguous(item);
  }
}
