// `statespec check`: read each input as a stream, cut it into server records, check each against the vendor, and
// print findings as they come and the summary at the end. Memory holds one record and the summary's counters.
import { systemReason } from "../common/file-system.js";
import { applyBaseline, type Baseline } from "../config/baseline.js";
import type { Model, Vendor } from "../model/model.js";
import { finding, fingerprintOf, inputCodes, type CheckFinding, type ServerRef } from "./findings.js";
import { reporter, type CheckFormat } from "./format.js";
import { JsonSyntaxError, scanJson } from "./json-stream.js";
import { mixMessage } from "./key-shapes.js";
import { readText } from "./read-text.js";
import { serverChecker } from "./server-checks.js";
import { classify } from "./shapes.js";
import { SummaryBuilder, type Summary } from "./summary.js";

export interface CheckOptions {
  format: CheckFormat;
  /** Findings printed at most; every finding is counted in the summary. */
  maxFindings: number;
  /** `-` is stdin. */
  inputs: readonly string[];
  /** Findings accepted by fingerprint (statespec.baseline.yaml): reported as accepted, never failing the run. */
  baseline?: Baseline;
}

export const stdinName = "<stdin>";

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

export async function runCheck(
  model: Model,
  vendor: Vendor,
  options: CheckOptions,
  out: (text: string) => void,
): Promise<{ summary: Summary; inputFailed: boolean }> {
  const print = reporter(options.format, vendor.id, out);
  const summary = new SummaryBuilder(vendor.id);
  const check = serverChecker(model, vendor);
  let shown = 0;
  const emit = (raw: CheckFinding) => {
    const fingerprinted = { ...raw, fingerprint: fingerprintOf(raw, vendor.id) };
    // Input the command cannot read is no finding about servers: no baseline makes it pass.
    const accepts = options.baseline !== undefined && !inputCodes.includes(raw.code);
    const found = accepts ? applyBaseline([fingerprinted], options.baseline)[0] : fingerprinted;
    summary.finding(found);
    if (shown < options.maxFindings) {
      shown++;
      print.finding(found);
    } else summary.notShown++;
  };

  for (const input of options.inputs) {
    const file = input === "-" ? stdinName : input;
    const fileSummary = summary.startFile(file);
    let index = 0;
    try {
      for await (const event of scanJson(readText(input))) {
        fileSummary.values = Math.max(fileSummary.values, event.topIndex);
        if (event.kind === "list") continue;
        const at = { file, line: event.line, column: event.column };
        if (event.kind === "mixed") {
          // One object, two responses: checking the list alone would pass over the other (fails closed).
          const both = mixMessage(event.first, event.key);
          emit(finding("not-a-server", `${both}: only the list would be checked; give each its own object`, at));
          continue;
        }
        index++;
        const classified = classify(event);
        if ("problem" in classified) {
          emit(
            finding(
              classified.code ?? "not-a-server",
              `record #${index}: ${classified.problem}`,
              classified.at ? { file, ...classified.at } : at,
            ),
          );
          continue;
        }
        const server = classified.server;
        const ref: ServerRef = {
          index,
          ...(text(server.id) !== undefined && { id: text(server.id) }),
          ...(text(server.name) !== undefined && { name: text(server.name) }),
        };
        const result = check(server, ref, at);
        summary.server(fileSummary, server.shape, result.triple);
        for (const found of result.findings) emit(found);
      }
    } catch (error) {
      if (error instanceof JsonSyntaxError)
        emit(
          finding(
            "json-syntax",
            error.message +
              (index > 0
                ? ` (after ${index} record${index === 1 ? "" : "s"}; the rest of this input is not read)`
                : ""),
            { file, line: error.line, column: error.column },
          ),
        );
      else if (typeof (error as NodeJS.ErrnoException)?.code === "string")
        emit(finding("input-unreadable", `cannot read: ${systemReason(error)}`, { file }));
      else throw error;
    }
  }
  const built = summary.build();
  print.end(built);
  return { summary: built, inputFailed: inputCodes.some((code) => summary.count(code) > 0) };
}
