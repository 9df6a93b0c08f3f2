import type { OrderedObject } from "../../resolve/types.js";
import type { MCPToolConfigSpec } from "../../validate/spec-types.js";
import { goMap } from "./go-map-order.js";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** `ToolAnnotationsOverride`: optional pointers, so a `false` hint is written. */
export function toolAnnotations(v: unknown): OrderedObject | undefined {
  const a = obj(v);
  if (!a) return undefined;
  const out: OrderedObject = {};
  if (typeof a.title === "string") out.title = a.title;
  for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const)
    if (typeof a[hint] === "boolean") out[hint] = a[hint];
  return out;
}

/** `ToolOverride`: name, description, annotations, each omitted when empty. */
function toolOverride(v: unknown): OrderedObject | undefined {
  const o = obj(v);
  if (!o) return undefined; // a nil override is skipped when the operator copies the map
  const out: OrderedObject = {};
  if (str(o.name)) out.name = o.name as string;
  if (str(o.description)) out.description = o.description as string;
  const annotations = toolAnnotations(o.annotations);
  if (annotations) out.annotations = annotations;
  return out;
}

/**
 * One `tools[]` entry as `resolveToolConfigRef` leaves it: the MCPToolConfig's `toolsFilter`
 * only when the inline filter is empty, its `toolsOverride` only for tool names the inline
 * overrides do not already cover; `toolConfigRef` itself is not written.
 */
function workloadTools(tool: Json, toolConfig: MCPToolConfigSpec | undefined): OrderedObject {
  const out: OrderedObject = { workload: typeof tool.workload === "string" ? tool.workload : "" };
  const inlineFilter = Array.isArray(tool.filter) ? tool.filter.filter((f): f is string => typeof f === "string") : [];
  const filter = inlineFilter.length > 0 ? inlineFilter : (toolConfig?.toolsFilter ?? []);
  if (filter.length > 0) out.filter = [...filter];
  const overrides: Record<string, unknown> = { ...(obj(tool.overrides) ?? {}) };
  for (const [name, override] of Object.entries(toolConfig?.toolsOverride ?? {}))
    if (!Object.hasOwn(overrides, name) || overrides[name] === null) overrides[name] = override;
  const written = goMap(overrides, toolOverride);
  if (Object.keys(written).length > 0) out.overrides = written;
  if (tool.excludeAll === true) out.excludeAll = true;
  return out;
}

/**
 * `aggregation` with the operator's defaults (`convertAggregationWithDefaults`): `prefix` and
 * `{workload}_` when nothing is set, `conflictResolution` always written, an empty
 * `conflictResolutionConfig` for the other strategies (the runtime requires one), and
 * `toolConfigRef` resolved through `toolConfigs` (MCPToolConfig specs by name).
 */
export function buildAggregation(
  spec: unknown,
  toolConfigs: Readonly<Record<string, MCPToolConfigSpec>> = {},
): OrderedObject {
  const agg = obj(spec);
  const strategy = str(agg?.conflictResolution) ?? "prefix";
  const out: OrderedObject = { conflictResolution: strategy };
  const given = obj(agg?.conflictResolutionConfig);
  if (given) {
    const crc: OrderedObject = {};
    if (str(given.prefixFormat)) crc.prefixFormat = given.prefixFormat as string;
    const order = Array.isArray(given.priorityOrder)
      ? given.priorityOrder.filter((p): p is string => typeof p === "string")
      : [];
    if (order.length > 0) crc.priorityOrder = order;
    out.conflictResolutionConfig = crc;
  } else {
    out.conflictResolutionConfig = strategy === "prefix" ? { prefixFormat: "{workload}_" } : {};
  }
  const tools = Array.isArray(agg?.tools) ? agg.tools : [];
  if (tools.length > 0) {
    out.tools = tools.map((raw) => {
      const tool = obj(raw) ?? {};
      const refName = str(obj(tool.toolConfigRef)?.name);
      return workloadTools(tool, refName ? toolConfigs[refName] : undefined);
    });
  }
  if (agg?.excludeAllTools === true) out.excludeAllTools = true;
  if (str(agg?.defaultToolVisibility)) out.defaultToolVisibility = agg!.defaultToolVisibility as string;
  return out;
}
