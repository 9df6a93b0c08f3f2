import type { OrderedObject, OrderedValue, ResolvedVmcp } from "../../resolve/types.js";
import { buildAudit } from "./audit.js";
import { buildCompositeToolRefs, buildCompositeTools } from "./composite-tools.js";
import { buildCodeMode, buildOptimizer } from "./optimizer.js";
import { buildMetadata, buildPassthroughHeaders } from "./passthrough.js";
import { buildRateLimiting } from "./rate-limiting.js";

/**
 * The config.yaml sections that come from `spec.config` with little or no rewriting: composite
 * tools and their refs, metadata, audit, optimizer, codeMode, rateLimiting, passthroughHeaders.
 * Empty sections are left out (Go omitempty).
 */
export function buildConfigSections(v: ResolvedVmcp): OrderedObject {
  const config = (v.spec.config ?? {}) as Record<string, unknown>;
  const refs = v.configRefs;
  const out: OrderedObject = {};
  const set = (key: string, value: OrderedValue | undefined) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    out[key] = value;
  };
  set("compositeTools", buildCompositeTools(config.compositeTools, refs?.compositeTools ?? []));
  set("compositeToolRefs", buildCompositeToolRefs(config.compositeToolRefs));
  set("metadata", buildMetadata(config.metadata));
  set("audit", buildAudit(config.audit, v.name));
  set("optimizer", buildOptimizer(config.optimizer, refs?.embeddingServiceUrl));
  set("codeMode", buildCodeMode(config.codeMode));
  set("rateLimiting", buildRateLimiting(config.rateLimiting));
  set("passthroughHeaders", buildPassthroughHeaders(v.spec.passthroughHeaders, config.passthroughHeaders));
  return out;
}
