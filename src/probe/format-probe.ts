import { alignColumns } from "../inspect/format-table.js";
import type { ProbeResult, StepName } from "./types.js";

export type ProbeFormat = "table" | "json";

const STATUS = { reachable: "reachable", "needs-auth": "needs auth", failed: "FAILED", skipped: "skipped" } as const;

function stepCell(r: ProbeResult, name: StepName): string {
  const s = r.steps.find((x) => x.step === name);
  if (!s) return "-";
  return `${s.ms.toFixed(1)}ms${s.ok ? "" : "!"}`;
}

/** One row per backend: status, each step's time (`!` marks the step that failed), tools, and what was found. */
export function formatProbeTable(results: readonly ProbeResult[]): string {
  if (results.length === 0) return "";
  const rows = results.map((r) => [
    r.vmcp,
    r.backend,
    r.transport,
    STATUS[r.status],
    stepCell(r, "dns"),
    stepCell(r, "tcp"),
    stepCell(r, "tls"),
    stepCell(r, "mcp"),
    r.tools !== undefined ? String(r.tools) : "-",
    r.detail,
  ]);
  const counts = (["reachable", "needs-auth", "failed", "skipped"] as const).map(
    (s) => `${results.filter((r) => r.status === s).length} ${STATUS[s].toLowerCase()}`,
  );
  return `${alignColumns([["VMCP", "BACKEND", "TRANSPORT", "STATUS", "DNS", "TCP", "TLS", "MCP", "TOOLS", "DETAIL"], ...rows])}\n${results.length} backends: ${counts.join(", ")}\n`;
}

export function formatProbe(results: readonly ProbeResult[], format: ProbeFormat): string {
  return format === "json" ? `${JSON.stringify({ items: results }, null, 2)}\n` : formatProbeTable(results);
}
