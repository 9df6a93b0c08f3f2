import { formatFieldPath, formatResourceId } from "./create.js";
import type { Diagnostic } from "./types.js";

// Workflow-command escaping: data escapes %, CR, LF; property values also escape ':' and ','.
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions annotations: `::error file=F,line=L,col=C,title=CODE::message`. */
export function formatDiagnosticsGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props: string[] = [];
      if (d.file) props.push(`file=${escapeProperty(d.file)}`);
      if (d.line !== undefined) props.push(`line=${d.line}`);
      if (d.column !== undefined) props.push(`col=${d.column}`);
      props.push(`title=${escapeProperty(`${d.code} ${d.resource ? formatResourceId(d.resource) : ""}`.trim())}`);
      const body = [d.message];
      if (d.path && d.path.length > 0) body.push(`at ${formatFieldPath(d.path)}`);
      if (d.hint) body.push(`hint: ${d.hint}`);
      return `::${d.severity} ${props.join(",")}::${escapeData(body.join("\n"))}\n`;
    })
    .join("");
}
