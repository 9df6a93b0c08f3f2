import { countBySeverity, formatFieldPath, formatResourceId } from "./create.js";
import type { Diagnostic } from "./types.js";

/** The machine form of a diagnostic: plain JSON, no internal fields. */
export interface DiagnosticJson {
  severity: Diagnostic["severity"];
  code: string;
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
  resource?: { kind: string; namespace: string; name: string; id: string };
  path?: string;
  pathSegments?: (string | number)[];
}

export function toDiagnosticJson(d: Diagnostic): DiagnosticJson {
  const out: DiagnosticJson = { severity: d.severity, code: d.code, message: d.message };
  if (d.hint) out.hint = d.hint;
  if (d.file) out.file = d.file;
  if (d.line !== undefined) out.line = d.line;
  if (d.column !== undefined) out.column = d.column;
  if (d.resource) out.resource = { ...d.resource, id: formatResourceId(d.resource) };
  if (d.path && d.path.length > 0) {
    out.path = formatFieldPath(d.path);
    out.pathSegments = [...d.path];
  }
  return out;
}

export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  const summary = countBySeverity(diagnostics);
  return `${JSON.stringify({ diagnostics: diagnostics.map(toDiagnosticJson), summary }, null, 2)}\n`;
}
