import { dedupeDiagnostics, sortDiagnostics } from "../diagnostics/create.js";
import { formatDiagnosticsGithub } from "../diagnostics/format-github.js";
import { formatDiagnosticsJson } from "../diagnostics/format-json.js";
import { formatDiagnosticsText } from "../diagnostics/format-text.js";
import type { Diagnostic } from "../diagnostics/types.js";
import type { CliIo } from "./io.js";

export type DiagnosticsFormat = "text" | "json" | "github";

/** Colour on a terminal, never with NO_COLOR, forced by FORCE_COLOR (as CI systems set it). */
export function useColor(io: CliIo): boolean {
  const force = io.env.FORCE_COLOR;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (force !== undefined) return force !== "0" && force !== "false";
  return io.stderr.isTTY === true;
}

/** Writes diagnostics to stderr in the chosen format; stdout is for manifests only. */
export function reportDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[], format: DiagnosticsFormat): void {
  const ordered = sortDiagnostics(dedupeDiagnostics(diagnostics));
  if (format === "json") {
    io.stderr.write(formatDiagnosticsJson(ordered));
    return;
  }
  if (ordered.length === 0) return;
  io.stderr.write(
    format === "github" ? formatDiagnosticsGithub(ordered) : formatDiagnosticsText(ordered, { color: useColor(io) }),
  );
}
