// A Java program of string literals laid out by the Java printer at lengths that put a break at every offset of
// escapes (`\"`, `\\`, `\n`, `\u0001`), surrogate pairs and other letters, in both places a literal can break (an
// assignment's value, a call's argument). The JVM prints each string with every code unit outside printable ASCII as
// \uXXXX, so the output compares with the JavaScript strings line by line whatever the console's encoding.
import { call, literal, statement } from "../../generator/emit/java-printer.js";

const mix = 'é"\\\n\u0001😀中\t𝐀b';

/** The strings: a prefix of 0 to 12 letters shifts where the breaks fall in the mix repeated after it. */
export const literalValues = Array.from({ length: 13 }, (_, shift) => "a".repeat(60 + shift) + mix.repeat(14));

/** What Java's `show` prints for a string. */
export function shown(value: string): string {
  return [...value]
    .flatMap((char) => (char.length === 2 ? [char[0], char[1]] : [char]))
    .map((unit) => (unit >= " " && unit <= "~" ? unit : `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`))
    .join("");
}

export function literalsProgram(): string {
  const statements = literalValues.flatMap((value, index) => [
    ...statement(`String s${index} = `, literal(value), ";", 4),
    ...statement("", call("System.out.println", [call("show", [literal(value)])]), ";", 4),
    `    System.out.println(show(s${index}));`,
  ]);
  return [
    "/** Long string literals as the Java printer breaks them. */",
    "public final class Literals {",
    "  private Literals() {}",
    "",
    "  private static String show(String text) {",
    "    StringBuilder shown = new StringBuilder();",
    "    for (char unit : text.toCharArray()) {",
    "      shown.append(",
    '          unit >= 32 && unit < 127 ? String.valueOf(unit) : String.format("\\\\u%04x", (int) unit));',
    "    }",
    "    return shown.toString();",
    "  }",
    "",
    "  /**",
    "   * Prints each string twice, from a call's argument and from a variable.",
    "   *",
    "   * @param args unused",
    "   */",
    "  public static void main(String[] args) {",
    ...statements,
    "  }",
    "}",
    "",
  ].join("\n");
}
