import { countBySeverity, formatFieldPath, formatResourceId } from "./create.js";
import { escapeForTerminal as safe } from "./escape-terminal.js";
import type { Diagnostic } from "./types.js";

export interface TextFormatOptions {
  readonly color: boolean;
}

const ansi = {
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
  dim: (s: string) => `\u001b[2m${s}\u001b[22m`,
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
  cyan: (s: string) => `\u001b[36m${s}\u001b[39m`,
};

function location(d: Diagnostic): string {
  if (!d.file) return "vmcp-gen";
  if (d.line === undefined) return safe(d.file);
  return `${safe(d.file)}:${d.line}:${d.column ?? 1}`;
}

/**
 * One block per diagnostic: location, severity, code and message; the source line with a caret; the resource; the
 * hint. Everything that comes from the inputs is escaped for the terminal (escape-terminal.ts).
 */
export function formatDiagnosticText(d: Diagnostic, options: TextFormatOptions): string {
  const paint = options.color ? ansi : { red: id, yellow: id, dim: id, bold: id, cyan: id };
  const sev = d.severity === "error" ? paint.red("error") : paint.yellow("warning");
  const lines = [`${paint.bold(location(d))}: ${sev} ${d.code}: ${safe(d.message)}`];
  if (d.excerpt !== undefined && d.line !== undefined) {
    const num = String(d.line);
    const gutter = " ".repeat(num.length);
    const raw = d.excerpt.replace(/\t/g, " ");
    const text = safe(raw);
    lines.push(paint.dim(`  ${num} | `) + text);
    // The caret stands under the same character after escaping widened what precedes it.
    const column = Math.max(1, Math.min(d.column ?? 1, raw.length + 1));
    const col = safe(raw.slice(0, column - 1)).length + 1;
    lines.push(paint.dim(`  ${gutter} | `) + " ".repeat(col - 1) + paint.cyan("^"));
  }
  const where: string[] = [];
  if (d.resource) where.push(safe(formatResourceId(d.resource)));
  if (d.path && d.path.length > 0) where.push(safe(formatFieldPath(d.path)));
  if (where.length > 0) lines.push(`  ${paint.dim("in")} ${where.join(" ")}`);
  if (d.hint) lines.push(`  ${paint.cyan("hint")}: ${safe(d.hint)}`);
  return lines.join("\n");
}

export function formatSummaryText(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  return `Found ${errors} ${errors === 1 ? "error" : "errors"} and ${warnings} ${warnings === 1 ? "warning" : "warnings"}.`;
}

export function formatDiagnosticsText(diagnostics: readonly Diagnostic[], options: TextFormatOptions): string {
  if (diagnostics.length === 0) return "";
  const blocks = diagnostics.map((d) => formatDiagnosticText(d, options));
  return `${blocks.join("\n\n")}\n\n${formatSummaryText(diagnostics)}\n`;
}

function id(s: string): string {
  return s;
}
