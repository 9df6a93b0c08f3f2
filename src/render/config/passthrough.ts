import type { OrderedObject } from "../../resolve/types.js";
import { goMap } from "./go-map-order.js";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

/** `passthroughHeaders`: `spec.passthroughHeaders` when it is non-empty, otherwise `spec.config.passthroughHeaders`. */
export function buildPassthroughHeaders(top: readonly string[] | undefined, inConfig: unknown): string[] | undefined {
  const list = top && top.length > 0 ? [...top] : strings(inConfig);
  return list.length > 0 ? list : undefined;
}

/** `metadata`: a free-form string map, sorted as yaml.v3 sorts Go maps. */
export function buildMetadata(spec: unknown): OrderedObject | undefined {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) return undefined;
  const out = goMap(spec as Record<string, unknown>, (v) => (typeof v === "string" ? v : undefined));
  return Object.keys(out).length > 0 ? out : undefined;
}
