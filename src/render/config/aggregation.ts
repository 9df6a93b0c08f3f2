import type { OrderedObject, OrderedValue } from "../../resolve/types.js";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

/** Copies a JSON-like value, dropping `null`s and keeping key order. */
export function toOrdered(v: unknown): OrderedValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(toOrdered).filter((x): x is OrderedValue => x !== undefined);
  if (typeof v === "object") {
    const out: OrderedObject = {};
    for (const [k, val] of Object.entries(v)) {
      const o = toOrdered(val);
      if (o !== undefined) out[k] = o;
    }
    return out;
  }
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return undefined;
}

/** A tool-config entry as resolved by the caller (MCPToolConfig filter and overrides merged in). */
export type ToolConfigResolver = (tool: Json, index: number) => { filter?: unknown; overrides?: unknown };

/**
 * `aggregation` with the operator's defaults: `prefix` and `{workload}_` when nothing is set,
 * `conflictResolution` always written, `toolConfigRef` resolved and then left out.
 */
export function buildAggregation(spec: unknown, resolveToolConfig?: ToolConfigResolver): OrderedObject {
  const agg = obj(spec);
  const strategy = typeof agg?.conflictResolution === "string" && agg.conflictResolution !== "" ? agg.conflictResolution : "prefix";
  const out: OrderedObject = { conflictResolution: strategy };
  const given = obj(agg?.conflictResolutionConfig);
  if (given) out.conflictResolutionConfig = (toOrdered(given) as OrderedObject) ?? {};
  else out.conflictResolutionConfig = strategy === "prefix" ? { prefixFormat: "{workload}_" } : {};
  const tools = Array.isArray(agg?.tools) ? agg.tools : [];
  if (tools.length > 0) {
    out.tools = tools.map((raw, i) => {
      const tool = obj(raw) ?? {};
      const merged = resolveToolConfig ? resolveToolConfig(tool, i) : { filter: tool.filter, overrides: tool.overrides };
      const t: OrderedObject = { workload: String(tool.workload ?? "") };
      const filter = toOrdered(merged.filter);
      if (Array.isArray(filter) && filter.length > 0) t.filter = filter;
      const overrides = toOrdered(merged.overrides);
      if (overrides && typeof overrides === "object" && !Array.isArray(overrides) && Object.keys(overrides).length > 0) {
        t.overrides = Object.fromEntries(Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : 1)));
      }
      if (tool.excludeAll === true) t.excludeAll = true;
      return t;
    });
  }
  if (agg?.excludeAllTools === true) out.excludeAllTools = true;
  if (typeof agg?.defaultToolVisibility === "string" && agg.defaultToolVisibility !== "") out.defaultToolVisibility = agg.defaultToolVisibility;
  return out;
}
