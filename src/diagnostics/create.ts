import type { DiagnosticCode } from "./codes.js";
import type { Diagnostic, FieldPath, ResourceId, Severity, SourceRef } from "./types.js";

export interface DiagnosticInit {
  readonly hint?: string;
  readonly resource?: ResourceId;
  readonly path?: FieldPath;
  readonly source?: SourceRef;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

function createDiagnostic(severity: Severity, code: DiagnosticCode, message: string, init: DiagnosticInit): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { severity, code, message };
  if (init.hint !== undefined) d.hint = init.hint;
  if (init.file !== undefined) d.file = init.file;
  else if (init.source !== undefined) d.file = init.source.file;
  if (init.line !== undefined) d.line = init.line;
  if (init.column !== undefined) d.column = init.column;
  if (init.resource !== undefined) d.resource = init.resource;
  if (init.path !== undefined) d.path = init.path;
  if (init.source !== undefined) d.source = init.source;
  return d;
}

export function createError(code: DiagnosticCode, message: string, init: DiagnosticInit = {}): Diagnostic {
  return createDiagnostic("error", code, message, init);
}

export function createWarning(code: DiagnosticCode, message: string, init: DiagnosticInit = {}): Diagnostic {
  return createDiagnostic("warning", code, message, init);
}

/** The same finding, reported with another severity (e.g. a warning made an error by `--strict-refs`). */
export function withSeverity(d: Diagnostic, severity: Severity): Diagnostic {
  return { ...d, severity };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings };
}

export function formatResourceId(r: ResourceId): string {
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}

/** `spec.groupRef.name`, `spec.items[2].name`. */
export function formatFieldPath(path: FieldPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function compareOptional<T extends string | number>(a: T | undefined, b: T | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/** Files in path order, then line, column, code and message, so output never depends on rule order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareOptional(a.file, b.file) ||
      compareOptional(a.line, b.line) ||
      compareOptional(a.column, b.column) ||
      compareOptional(a.code, b.code) ||
      compareOptional(a.message, b.message) ||
      compareOptional(a.path ? formatFieldPath(a.path) : undefined, b.path ? formatFieldPath(b.path) : undefined),
  );
}

/** Drops exact repeats (the same code, place and message), which overlapping rules can produce. */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    // Severity and resource are part of the identity: a warning must never stand in for an error.
    const key = [
      d.severity,
      d.code,
      d.file,
      d.line,
      d.column,
      d.message,
      d.path ? formatFieldPath(d.path) : "",
      d.resource ? formatResourceId(d.resource) : "",
    ].join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
