// What a command line that Node's parser refuses means, in our words. Node's own messages are not ours to show:
// they change between Node versions and speak of "ambiguous arguments" where a user forgot a value.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { didYouMean } from "../common/suggest.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * The first problem of `args` for a command with these options, found by reading the arguments as tokens without
 * the parser's strictness. Called only after the strict parse failed; a reason is always given.
 */
export function usageProblem(args: readonly string[], options: Options, positionals: boolean): string {
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === "positional") {
      if (!positionals) return `unexpected argument '${token.value}': this command takes options only`;
      continue;
    }
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (option === undefined) {
      const names = Object.keys(options);
      const hint = token.rawName.startsWith("--") ? didYouMean(token.name, names).replace(/'([^']+)'/, "'--$1'") : "";
      return `unknown option '${token.rawName}'${hint}`;
    }
    if (option.type === "boolean" && token.value !== undefined) return `${token.rawName} takes no value`;
    if (option.type === "string" && token.value === undefined) return `${token.rawName} needs a value`;
    // Node refuses a value that looks like an option: most often the value was forgotten.
    const optionLike = token.value !== undefined && token.value.startsWith("-") && token.value !== "-";
    if (option.type === "string" && !token.inlineValue && optionLike) {
      const inline = `${token.rawName}=${token.value}`;
      return `${token.rawName} needs a value, and '${token.value}' looks like an option; if it is the value, write ${inline}`;
    }
  }
  return "cannot read the arguments";
}
