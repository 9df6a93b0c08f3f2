import { dataRecord } from "../../resolve/data-record.js";
import type { OrderedObject, ResolvedStrategy, ResolvedVmcp } from "../../resolve/types.js";
import { buildAggregation } from "./aggregation.js";
import { buildConfigSections } from "./config-sections.js";
import { orderConfigKeys } from "./config-key-order.js";
import { buildIncomingAuth } from "./incoming-auth.js";
import { buildOperational } from "./operational.js";
import { buildSessionStorage } from "./session-storage.js";
import { buildTelemetry } from "./telemetry.js";

function outgoingAuth(v: ResolvedVmcp): OrderedObject {
  const out: OrderedObject = { source: v.outgoingAuth.source };
  if (v.outgoingAuth.default) out.default = v.outgoingAuth.default.strategy;
  const backends = Object.entries<ResolvedStrategy>(v.outgoingAuth.backends);
  if (backends.length > 0) out.backends = dataRecord(backends.map(([k, s]) => [k, s.strategy]));
  return out;
}

function backends(v: ResolvedVmcp): OrderedObject[] {
  return v.backends.map((b) => {
    const o: OrderedObject = { name: b.name, url: b.url, transport: b.transport };
    if (b.type) o.type = b.type;
    if (b.caBundlePath) o.caBundlePath = b.caBundlePath;
    o.metadata = b.metadata;
    return o;
  });
}

/**
 * The vMCP runtime's config.yaml for one VirtualMCPServer, keys in the order of the runtime's Go
 * struct (`name, groupRef, backends, incomingAuth, outgoingAuth, aggregation, …, operational`).
 */
export function buildVmcpConfig(v: ResolvedVmcp): OrderedObject {
  const config = (v.spec.config ?? {}) as Record<string, unknown>;
  const out: OrderedObject = { name: v.name, groupRef: v.groupName };
  if (v.mode === "inline") out.backends = backends(v);
  out.incomingAuth = buildIncomingAuth(v);
  out.outgoingAuth = outgoingAuth(v);
  out.aggregation = buildAggregation(config.aggregation, v.configRefs?.toolConfigs);
  out.operational = buildOperational(config.operational);
  Object.assign(out, buildConfigSections(v));
  if (v.telemetry) out.telemetry = buildTelemetry(v.telemetry);
  if (v.sessionStorage) out.sessionStorage = buildSessionStorage(v.sessionStorage);
  return orderConfigKeys(out);
}
