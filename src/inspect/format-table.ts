import { escapeForTerminal } from "../diagnostics/escape-terminal.js";
import type { VmcpInspection } from "./types.js";

/** Left-aligned columns separated by two spaces; trailing spaces trimmed. Cells are escaped for the terminal. */
export function alignColumns(input: readonly (readonly string[])[], indent = ""): string {
  const rows = input.map((row) => row.map(escapeForTerminal));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return (
    rows
      .map(
        (row) =>
          indent +
          row
            .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
            .join("  ")
            .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

const MODE_LABEL = {
  inline: "inline (static: backends listed in config.yaml)",
  discovered: "discovered (dynamic: vMCP discovers the group at run time)",
} as const;

function formatOne(v: VmcpInspection): string {
  const s = v.status;
  const parts: string[] = [];
  parts.push(
    alignColumns([
      ["VirtualMCPServer:", `${v.namespace}/${v.name}`],
      ["Mode:", MODE_LABEL[v.mode]],
      ["Group:", v.group],
      ["URL:", v.url],
      // Offline, health is a prediction: what the operator would report once the pods run.
      [
        "Phase:",
        s.phase === "Failed" ? `${s.phase} (${s.message})` : `${s.phase}, expected once the pods run (${s.message})`,
      ],
      [
        "Backends:",
        `${s.backendCount} routable of ${v.backends.length + v.droppedBackends.length} (reachability not observed offline; vmcp-gen probe checks it)`,
      ],
    ]),
  );
  if (v.backends.length > 0) {
    const rows = v.backends.map((b) => [
      b.name,
      b.kind,
      b.url,
      b.transport,
      b.authConfigRef ? `${b.authType} (${b.authConfigRef})` : b.authType,
      b.caBundlePath ?? (b.caBundleConfigMap ? `ConfigMap ${b.caBundleConfigMap}` : "-"),
    ]);
    parts.push(alignColumns([["BACKEND", "KIND", "URL", "TRANSPORT", "AUTH", "CA BUNDLE"], ...rows], "  "));
  }
  if (v.droppedBackends.length > 0) {
    parts.push(
      alignColumns([["DROPPED", "KIND", "REASON"], ...v.droppedBackends.map((d) => [d.name, d.kind, d.reason])], "  "),
    );
  }
  parts.push(
    alignColumns(
      [
        ["CONDITION", "STATUS", "REASON", "MESSAGE"],
        ...s.conditions.map((c) => [c.type, c.status, c.reason, c.message]),
      ],
      "  ",
    ),
  );
  return parts.join("\n");
}

/** The human-readable report: one block per VirtualMCPServer, separated by a blank line. */
export function formatInspectionTable(inspections: readonly VmcpInspection[]): string {
  return inspections.map(formatOne).join("\n");
}
