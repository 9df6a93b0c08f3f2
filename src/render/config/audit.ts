import type { OrderedObject } from "../../resolve/types.js";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

/**
 * `audit` (pkg/audit.Config), present exactly when `spec.config.audit` is — even with
 * `enabled: false`, because any audit block turns the runtime's auditor on. `component` defaults
 * to the VirtualMCPServer's name. The two pointer fields (`detectApplicationErrors`,
 * `maxDelegationDepth`) are written whenever set, `false` included; the rest are omitempty.
 */
export function buildAudit(spec: unknown, vmcpName: string): OrderedObject | undefined {
  const a = obj(spec);
  if (!a) return undefined;
  const out: OrderedObject = {};
  if (a.enabled === true) out.enabled = true;
  out.component = typeof a.component === "string" && a.component !== "" ? a.component : vmcpName;
  const eventTypes = strings(a.eventTypes);
  if (eventTypes.length > 0) out.eventTypes = eventTypes;
  const excluded = strings(a.excludeEventTypes);
  if (excluded.length > 0) out.excludeEventTypes = excluded;
  if (a.includeRequestData === true) out.includeRequestData = true;
  if (a.includeResponseData === true) out.includeResponseData = true;
  if (typeof a.detectApplicationErrors === "boolean") out.detectApplicationErrors = a.detectApplicationErrors;
  if (typeof a.maxDataSize === "number" && a.maxDataSize !== 0) out.maxDataSize = a.maxDataSize;
  if (typeof a.maxDelegationDepth === "number") out.maxDelegationDepth = a.maxDelegationDepth;
  if (typeof a.logFile === "string" && a.logFile !== "") out.logFile = a.logFile;
  return out;
}
