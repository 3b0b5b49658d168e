// Diagnostics are values, never exceptions: every stage returns them and the CLI prints them once.
import { escapeLine, githubCommand } from "./text-safety.js";

export type Severity = "error" | "warning";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Path as the user named it (relative to the working directory), never absolute unless they gave one. */
  file: string;
  /** 1-based; absent where the problem has no position (a missing folder, an unreadable file). */
  line?: number;
  column?: number;
}

/** Bumped on every incompatible change of `validate`'s and `generate`'s `--format json` (diagnostics.schema.json). */
export const diagnosticsSchemaVersion = 1;

/** Every code statespec reports, with its severity. Codes are public: tests and users match on them. */
export const diagnosticCodes = {
  "yaml-syntax": "error",
  "yaml-duplicate-key": "error",
  "yaml-too-large": "error",
  "invalid-utf8": "error",
  "file-unreadable": "error",
  "not-a-file": "error",
  "spec-folder-missing": "error",
  "spec-folder-empty": "error",
  "schema-type": "error",
  "schema-unknown-key": "error",
  "schema-missing-key": "error",
  "schema-invalid-value": "error",
  "duplicate-document-id": "error",
  "duplicate-value": "error",
  "duplicate-row": "warning",
  "conflicting-rows": "error",
  "undeclared-value": "warning",
  "unreachable-value": "warning",
  "locale-mismatch": "error",
  "translation-missing": "warning",
  "unknown-translated-document": "error",
  "vendor-policy-missing": "error",
  "vendor-policy-duplicate": "error",
  "unknown-vendor": "error",
  "vendor-cycle": "error",
  "name-collision": "error",
  "unsafe-character": "error",
  "fallback-spelling": "warning",
  "status-filter-mismatch": "warning",
  "config-invalid": "error",
  "template-error": "error",
  "output-too-deep": "error",
  "write-failed": "error",
  "out-folder-refused": "error",
  "foreign-file": "error",
  "baseline-invalid": "error",
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof diagnosticCodes;

export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export function diagnostic(code: DiagnosticCode, message: string, at: SourcePosition): Diagnostic {
  return { code, severity: diagnosticCodes[code], message, file: at.file, line: at.line, column: at.column };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * `path:line:col: severity CODE message`, the public format of `statespec validate`. File names and messages can
 * quote user text: the line is escaped as a whole (escapeLine), so one diagnostic is one line and never a command.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  return escapeLine(`${where}: ${d.severity} ${d.code} ${d.message}`);
}

/** GitHub workflow command, so a CI log annotates the spec line; escaped so no file name or message forges one. */
export function formatDiagnosticGithub(d: Diagnostic): string {
  const at = d.line === undefined ? {} : { line: d.line, col: d.column ?? 1 };
  return githubCommand(d.severity, { file: d.file, ...at, title: d.code }, d.message);
}

/** Stable order: by file, then position, then code; so output does not depend on which check ran first. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
