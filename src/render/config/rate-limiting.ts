import { canonicalGoDuration } from "../../go/go-duration.js";
import type { OrderedObject } from "../../resolve/types.js";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;

/**
 * A token bucket. `refillPeriod` is a `metav1.Duration`, which has JSON methods only: yaml.v3
 * writes it as a struct whose embedded `time.Duration` becomes the key `duration`, so the file
 * says `refillPeriod: {duration: 1m0s}` where the CRD says `refillPeriod: 1m`
 * (vmcp-config-reference.md §9). The runtime's strict decoder expects exactly that form.
 */
function bucket(v: unknown): OrderedObject | undefined {
  const b = obj(v);
  if (!b) return undefined;
  const period =
    typeof b.refillPeriod === "string" && b.refillPeriod !== "" ? canonicalGoDuration(b.refillPeriod) : "0s";
  return { maxTokens: typeof b.maxTokens === "number" ? b.maxTokens : 0, refillPeriod: { duration: period } };
}

/** `rateLimiting` (pkg/ratelimit/types.RateLimitConfig): `shared`, `perUser`, `tools[]`. */
export function buildRateLimiting(spec: unknown): OrderedObject | undefined {
  const r = obj(spec);
  if (!r) return undefined;
  const out: OrderedObject = {};
  const shared = bucket(r.shared);
  if (shared) out.shared = shared;
  const perUser = bucket(r.perUser);
  if (perUser) out.perUser = perUser;
  const tools = (Array.isArray(r.tools) ? r.tools : []).map(obj).filter((t): t is Json => t !== undefined);
  if (tools.length > 0) {
    out.tools = tools.map((t) => {
      const tool: OrderedObject = { name: typeof t.name === "string" ? t.name : "" };
      const s = bucket(t.shared);
      if (s) tool.shared = s;
      const p = bucket(t.perUser);
      if (p) tool.perUser = p;
      return tool;
    });
  }
  return out;
}
