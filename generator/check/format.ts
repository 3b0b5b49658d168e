// The four ways `check` prints: findings stream out as they are found, the summary follows at the end.
import { serverLabel, type CheckFinding } from "./findings.js";
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

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function headline(summary: Summary): string {
  return `${plural(summary.servers, "server")} checked against ${summary.vendor} in ${plural(summary.files.length, "input")}: ${plural(summary.errors, "error")}, ${plural(summary.warnings, "warning")}`;
}

function fileShape(file: Summary["files"][number]): string {
  const shapes = Object.entries(file.shapes).map(([label, count]) => (Object.keys(file.shapes).length > 1 ? `${label} (${count})` : label));
  const kind = file.values > 1 ? `NDJSON, ${file.values} values: ` : "";
  return `${kind}${shapes.join("; ") || "no servers"}`;
}

/** Rows of a plain-text table, columns padded to their widest cell. */
function table(rows: string[][], rightAligned: number[] = []): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => `  ${row.map((cell, column) => (rightAligned.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  ")}`.trimEnd());
}

function textSummary(summary: Summary): string {
  const lines = [headline(summary), "inputs:", ...table(summary.files.map((file) => [file.file, plural(file.servers, "server"), fileShape(file)]))];
  if (summary.findings.length > 0) lines.push("findings by kind:", ...table(summary.findings.map((f) => [f.severity, f.code, String(f.count)]), [2]));
  if (summary.triples.length > 0) {
    lines.push("(vm_state, task_state, status) seen:", ...table([["servers", "vm_state", "task_state", "status", "verdict"], ...summary.triples.map((t) => [String(t.servers), t.vmState, t.taskState, t.status, t.verdict])], [0]));
  }
  if (summary.otherTriples > 0) lines.push(`  ${summary.otherTriples} more servers in triples beyond the first ${summary.triples.length}`);
  if (summary.notShown > 0) lines.push(`${plural(summary.notShown, "finding")} not shown (--max-findings); counted above`);
  return `${lines.join("\n")}\n`;
}

/** GitHub workflow-command escaping: data escapes %, CR, LF; property values also ':' and ','. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/`/g, "\\`").replace(/\r?\n|\r/g, "<br>");
}

export function reporter(format: CheckFormat, vendor: string, out: (text: string) => void): Reporter {
  switch (format) {
    case "json": {
      let count = 0;
      return {
        finding(f) {
          out(`${count++ === 0 ? '{\n  "findings": [\n' : ",\n"}    ${JSON.stringify(f)}`);
        },
        end(summary) {
          const summaryText = JSON.stringify(summary, null, 2).replace(/\n/g, "\n  ");
          out(`${count === 0 ? '{\n  "findings": [],\n' : "\n  ],\n"}  "summary": ${summaryText}\n}\n`);
        },
      };
    }
    case "github":
      return {
        finding(f) {
          const level = f.severity === "error" ? "error" : "warning";
          const props = [`file=${escapeProperty(f.file)}`];
          if (f.line !== undefined) props.push(`line=${f.line}`, `col=${f.column}`);
          props.push(`title=${escapeProperty(`statespec check ${f.code}`)}`);
          out(`::${level} ${props.join(",")}::${escapeData(`${subject(f)}${f.message}`)}\n`);
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
        if (!started) out(`### statespec check against \`${cell(vendor)}\`\n\n`);
        started = true;
      };
      return {
        finding(f) {
          start();
          if (count++ === 0) out("| where | server | finding |\n| --- | --- | --- |\n");
          out(`| \`${cell(where(f))}\` | ${f.server ? cell(serverLabel(f.server)) : "-"} | **${f.severity}** \`${f.code}\` ${cell(f.message)} |\n`);
        },
        end(summary) {
          start();
          const lines = [`${count > 0 ? "\n" : ""}#### ${cell(headline(summary))}`, "", "| input | servers | shape |", "| --- | ---: | --- |"];
          for (const file of summary.files) lines.push(`| \`${cell(file.file)}\` | ${file.servers} | ${cell(fileShape(file))} |`);
          if (summary.findings.length > 0) {
            lines.push("", "| finding | severity | count |", "| --- | --- | ---: |");
            for (const f of summary.findings) lines.push(`| \`${f.code}\` | ${f.severity} | ${f.count} |`);
          }
          if (summary.triples.length > 0) {
            lines.push("", "| servers | vm_state | task_state | status | verdict |", "| ---: | --- | --- | --- | --- |");
            for (const t of summary.triples) lines.push(`| ${t.servers} | ${cell(t.vmState)} | ${cell(t.taskState)} | ${cell(t.status)} | ${t.verdict} |`);
          }
          if (summary.otherTriples > 0) lines.push("", `${summary.otherTriples} more servers in triples beyond the first ${summary.triples.length}.`);
          if (summary.notShown > 0) lines.push("", `${plural(summary.notShown, "finding")} not shown (--max-findings); counted above.`);
          out(`${lines.join("\n")}\n`);
        },
      };
    }
    default:
      return {
        finding(f) {
          out(`${where(f)}: ${f.severity} ${f.code} ${subject(f)}${f.message}\n`);
        },
        end(summary) {
          out(textSummary(summary));
        },
      };
  }
}
