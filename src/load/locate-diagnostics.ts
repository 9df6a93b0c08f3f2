import type { Diagnostic } from "../diagnostics/types.js";
import { isSecretKind } from "../kube/sensitive-values.js";
import type { SourceIndex } from "./source-index.js";

// Findings about a field's presence point at its key; findings about its value point at the value.
const KEY_CODES = new Set(["VMCP110", "VMCP202", "VMCP203", "VMCP351", "VMCP353"]);

/**
 * Gives every diagnostic that knows its resource and field path a line, a column and the source
 * line. Never shows a line of a Secret or a line holding a credential-like value
 * ({@link SourceIndex.mayShowLine}): they must not reach the terminal or CI logs.
 */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], sources: SourceIndex): Diagnostic[] {
  return diagnostics.map((d) => {
    let out = d;
    if (d.line === undefined && d.source) {
      const pos = sources.locate(d.source, d.path ?? [], KEY_CODES.has(d.code) ? "key" : "value");
      if (pos) out = { ...out, file: d.source.file, line: pos.line, column: pos.column };
    }
    if (
      out.excerpt === undefined &&
      out.file &&
      out.line !== undefined &&
      !isSecretKind(out.resource?.kind) &&
      sources.mayShowLine(out.file, out.line)
    ) {
      const text = sources.lineText(out.file, out.line);
      if (text !== undefined) out = { ...out, excerpt: text };
    }
    return out;
  });
}
