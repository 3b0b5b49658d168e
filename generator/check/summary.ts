// Counts that stay small however large the input: per finding code, per input file, per triple seen.
import { checkCodes, type CheckCode, type CheckFinding } from "./findings.js";
import type { TripleSeen } from "./server-checks.js";
import { shapes, type ShapeId } from "./shapes.js";

/** Distinct triples kept; the rest are counted together, so a dump of random garbage cannot grow the table. */
export const maxTriples = 1000;

export interface FileSummary {
  file: string;
  /** Shape label -> servers of that shape. */
  shapes: Record<string, number>;
  servers: number;
  /** Top-level JSON values: more than one is newline-delimited (or concatenated) JSON. */
  values: number;
}

export interface TripleCount extends TripleSeen {
  servers: number;
}

export interface Summary {
  vendor: string;
  servers: number;
  files: FileSummary[];
  findings: { code: CheckCode; severity: string; count: number }[];
  /** Findings not accepted by the baseline, by severity; `accepted` counts the others. */
  errors: number;
  warnings: number;
  accepted: number;
  triples: TripleCount[];
  /** Servers whose triple was not kept because the table was full. */
  otherTriples: number;
  /** Findings counted but not printed (--max-findings). */
  notShown: number;
}

export class SummaryBuilder {
  private readonly files: FileSummary[] = [];
  private readonly counts = new Map<CheckCode, number>();
  private readonly triples = new Map<string, TripleCount>();
  private otherTriples = 0;
  private accepted = 0;
  private servers = 0;
  notShown = 0;

  constructor(private readonly vendor: string) {}

  startFile(file: string): FileSummary {
    const summary: FileSummary = { file, shapes: {}, servers: 0, values: 0 };
    this.files.push(summary);
    return summary;
  }

  server(file: FileSummary, shape: ShapeId, triple: TripleSeen): void {
    this.servers++;
    file.servers++;
    const label = shapes[shape];
    file.shapes[label] = (file.shapes[label] ?? 0) + 1;
    const key = `${triple.vmState}\u0000${triple.taskState}\u0000${triple.status}`;
    const known = this.triples.get(key);
    if (known) known.servers++;
    else if (this.triples.size < maxTriples) this.triples.set(key, { ...triple, servers: 1 });
    else this.otherTriples++;
  }

  /** Findings by kind count the open ones; those the baseline accepts are counted apart. */
  finding(found: CheckFinding): void {
    if (found.accepted) {
      this.accepted++;
      return;
    }
    this.counts.set(found.code, (this.counts.get(found.code) ?? 0) + 1);
  }

  count(code: CheckCode): number {
    return this.counts.get(code) ?? 0;
  }

  build(): Summary {
    // Codes in the order of the code table, so the summary reads the same on every run.
    const findings = (Object.keys(checkCodes) as CheckCode[])
      .filter((code) => this.counts.has(code))
      .map((code) => ({ code, severity: checkCodes[code], count: this.counts.get(code)! }));
    const total = (severity: string) =>
      findings.filter((f) => f.severity === severity).reduce((sum, f) => sum + f.count, 0);
    return {
      vendor: this.vendor,
      servers: this.servers,
      files: this.files,
      findings,
      errors: total("error"),
      warnings: total("warning"),
      accepted: this.accepted,
      triples: [...this.triples.values()],
      otherTriples: this.otherTriples,
      notShown: this.notShown,
    };
  }
}
