// The four ways `check` prints: findings stream out as they are found, the summary follows at the end.
// Every string from the input (names, ids, statuses, file names) is escaped by common/text-safety.ts, one escaper
// per output kind; nothing here quotes on its own.
import { countsLine, plural } from "../common/fail-on.js";
import { escapeForTerminal, escapeLine, githubCommand, jsonText, markdownCode } from "../common/text-safety.js";
import { checkSchemaVersion, serverLabel, shortened, type CheckFinding, type ServerRef } from "./findings.js";
import type { Summary } from "./summary.js";

export const checkFormats = ["text", "json", "markdown", "github"] as const;
export type CheckFormat = (typeof checkFormats)[number];

export interface Reporter {
  finding(found: CheckFinding): void;
  end(summary: Summary): void;
}

function where(f: CheckFinding): string {
  return f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column}`;
}

function subject(f: CheckFinding): string {
  return f.server ? `${serverLabel(f.server)}: ` : "";
}

/** What a finding the baseline accepts adds to its line: the reason, escaped with the line by each format. */
function acceptedNote(f: CheckFinding): string {
  return f.accepted ? ` (accepted by the baseline: ${f.accepted.reason})` : "";
}

/** The JSON of one finding, keys in reading order: what and where, the server, its facts, then the fingerprint. */
function findingJson(f: CheckFinding): Record<string, unknown> {
  const { code, severity, message, file, line, column, server, fingerprint, accepted, ...facts } = f;
  const { vmState, taskState, status, derived, origin, derivable } = facts;
  return {
    code,
    severity,
    message,
    file,
    ...(line !== undefined && { line, column }),
    ...(server && { server }),
    ...(vmState !== undefined && { vmState }),
    ...(taskState !== undefined && { taskState }),
    ...(status !== undefined && { status }),
    ...(derived !== undefined && { derived }),
    ...(origin && { origin }),
    ...(derivable && { derivable }),
    fingerprint,
    ...(accepted && { accepted }),
  };
}

function headline(summary: Summary, vendor = summary.vendor): string {
  const counted = countsLine(summary);
  const inputs = plural(summary.files.length, "input");
  return `${plural(summary.servers, "server")} checked against ${vendor} in ${inputs}: ${counted}`;
}

function fileShape(file: Summary["files"][number]): string {
  const shapes = Object.entries(file.shapes).map(([label, count]) =>
    Object.keys(file.shapes).length > 1 ? `${label} (${count})` : label,
  );
  const kind = file.values > 1 ? `NDJSON, ${file.values} values: ` : "";
  return `${kind}${shapes.join("; ") || "no servers"}`;
}

/** Rows of a plain-text table, each cell escaped before the columns are padded to their widest cell. */
function table(rows: string[][], rightAligned: number[] = []): string[] {
  const shown = rows.map((row) => row.map(escapeForTerminal));
  const widths = shown[0].map((_, column) => Math.max(...shown.map((row) => row[column].length)));
  const padded = (cell: string, column: number) =>
    rightAligned.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]);
  return shown.map((row) => `  ${row.map(padded).join("  ")}`.trimEnd());
}

/** The summary as lines of text, each escaped as a whole line: a terminal or a CI log reads it (see escapeLine). */
function textSummary(summary: Summary): string {
  const lines = [
    headline(summary),
    "inputs:",
    ...table(summary.files.map((file) => [file.file, plural(file.servers, "server"), fileShape(file)])),
  ];
  if (summary.findings.length > 0)
    lines.push(
      "findings by kind:",
      ...table(
        summary.findings.map((f) => [f.severity, f.code, String(f.count)]),
        [2],
      ),
    );
  if (summary.triples.length > 0) {
    lines.push(
      "(vm_state, task_state, status) seen:",
      ...table(
        [
          ["servers", "vm_state", "task_state", "status", "verdict"],
          ...summary.triples.map((t) => [
            String(t.servers),
            ...[t.vmState, t.taskState, t.status].map(shortened),
            t.verdict,
          ]),
        ],
        [0],
      ),
    );
  }
  if (summary.otherTriples > 0)
    lines.push(`  ${summary.otherTriples} more servers in triples beyond the first ${summary.triples.length}`);
  if (summary.notShown > 0)
    lines.push(`${plural(summary.notShown, "finding")} not shown (--max-findings); counted above`);
  return `${lines.map(escapeLine).join("\n")}\n`;
}

/** A table cell of data: code, which no name or status can break out of (see markdownCode). */
const cell = (text: string) => markdownCode(text, "cell");
/** A cell of a value from the input: cut as text and github cut it, so one long name cannot fill the comment. */
const inputCell = (text: string) => cell(shortened(text));

function serverCell(server: ServerRef | undefined): string {
  if (!server) return "-";
  const name = server.name !== undefined ? ` ${inputCell(server.name)}` : "";
  const id = server.id !== undefined ? ` (id ${inputCell(server.id)})` : "";
  // No `#1`: GitHub links that to an issue.
  return `server ${server.index}${name}${id}`;
}

export function reporter(format: CheckFormat, vendor: string, out: (text: string) => void): Reporter {
  switch (format) {
    case "json": {
      let count = 0;
      return {
        finding(f) {
          const start = `{\n  "schemaVersion": ${checkSchemaVersion},\n  "findings": [\n`;
          out(`${count++ === 0 ? start : ",\n"}    ${jsonText(findingJson(f))}`);
        },
        end(summary) {
          const summaryText = jsonText(summary, 2).replace(/\n/g, "\n  ");
          const empty = `{\n  "schemaVersion": ${checkSchemaVersion},\n  "findings": [],\n`;
          out(`${count === 0 ? empty : "\n  ],\n"}  "summary": ${summaryText}\n}\n`);
        },
      };
    }
    case "github":
      return {
        finding(f) {
          const at = f.line === undefined ? {} : { line: f.line, col: f.column };
          const title = `statespec check ${f.code}`;
          // An accepted finding fails nothing: a notice, not an error annotation on the pull request.
          const level = f.accepted ? "notice" : f.severity;
          const text = `${subject(f)}${f.message}${acceptedNote(f)}`;
          out(`${githubCommand(level, { file: f.file, ...at, title }, text)}\n`);
        },
        end(summary) {
          out(textSummary(summary));
        },
      };
    case "markdown": {
      // A pull-request comment: a heading first, then the findings as they come, then the summary tables.
      let count = 0;
      let started = false;
      const start = () => {
        if (!started) out(`### statespec check against ${markdownCode(vendor)}\n\n`);
        started = true;
      };
      return {
        finding(f) {
          start();
          if (count++ === 0) out("| where | server | finding |\n| --- | --- | --- |\n");
          const accepted = f.accepted ? ` (accepted by the baseline: ${cell(f.accepted.reason)})` : "";
          const what = `**${f.severity}** ${cell(f.code)} ${cell(f.message)}${accepted}`;
          out(`| ${cell(where(f))} | ${serverCell(f.server)} | ${what} |\n`);
        },
        end(summary) {
          start();
          const lines = [
            `${count > 0 ? "\n" : ""}#### ${headline(summary, markdownCode(summary.vendor))}`,
            "",
            "| input | servers | shape |",
            "| --- | ---: | --- |",
          ];
          for (const file of summary.files) lines.push(`| ${cell(file.file)} | ${file.servers} | ${fileShape(file)} |`);
          if (summary.findings.length > 0) {
            lines.push("", "| finding | severity | count |", "| --- | --- | ---: |");
            for (const f of summary.findings) lines.push(`| ${cell(f.code)} | ${f.severity} | ${f.count} |`);
          }
          if (summary.triples.length > 0) {
            lines.push(
              "",
              "| servers | vm_state | task_state | status | verdict |",
              "| ---: | --- | --- | --- | --- |",
            );
            for (const t of summary.triples) {
              const states = [t.vmState, t.taskState, t.status].map(inputCell).join(" | ");
              lines.push(`| ${t.servers} | ${states} | ${t.verdict} |`);
            }
          }
          if (summary.otherTriples > 0)
            lines.push(
              "",
              `${summary.otherTriples} more servers in triples beyond the first ${summary.triples.length}.`,
            );
          if (summary.notShown > 0)
            lines.push("", `${plural(summary.notShown, "finding")} not shown (--max-findings); counted above.`);
          out(`${lines.join("\n")}\n`);
        },
      };
    }
    default:
      return {
        finding(f) {
          out(`${escapeLine(`${where(f)}: ${f.severity} ${f.code} ${subject(f)}${f.message}${acceptedNote(f)}`)}\n`);
        },
        end(summary) {
          out(textSummary(summary));
        },
      };
  }
}
