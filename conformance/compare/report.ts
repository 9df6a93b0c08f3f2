import type { ScenarioComparison } from "./compare.js";

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** A readable report of one comparison: the verdict, then each difference with both values. */
export function formatComparison(c: ScenarioComparison): string {
  const lines = [`${c.name}: ${c.verdict}`];
  for (const d of c.vmcpGenErrors)
    lines.push(
      `  vmcp-gen: ${d.code} ${d.resource ? `${d.resource.kind}/${d.resource.namespace}/${d.resource.name} ` : ""}${d.message}`,
    );
  for (const e of c.rejected)
    for (const err of e.errors)
      lines.push(`  API server: ${e.kind}/${e.namespace}/${e.name} ${err.message} (${err.origin})`);
  for (const v of c.failedVmcps)
    lines.push(
      `  operator: VirtualMCPServer/${v.namespace}/${v.name} ${v.reconcileError || `phase ${String((v.status as { phase?: string } | undefined)?.phase)}`}`,
    );
  const byObject = new Map<string, (typeof c.differences)[number][]>();
  for (const d of c.differences) byObject.set(d.object, [...(byObject.get(d.object) ?? []), d]);
  for (const [object, diffs] of byObject) {
    lines.push(`  ${object}`);
    for (const d of diffs)
      lines.push(
        `    ${d.path || "(object)"}\n      vmcp-gen: ${show(d.vmcpGen)}\n      operator: ${show(d.operator)}`,
      );
  }
  return `${lines.join("\n")}\n`;
}
