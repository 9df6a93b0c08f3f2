import { canonicalGoDuration, parseGoDuration } from "../../go/go-duration.js";
import type { OrderedObject } from "../../resolve/types.js";
import { goMap } from "./go-map-order.js";

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {});

/** A duration in Go's canonical form (`60s` → `1m0s`), or the default when unset or zero (mergo fills zero values). */
function duration(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !parseGoDuration(value)) return canonicalGoDuration(fallback);
  return canonicalGoDuration(value);
}

const positive = (v: unknown, fallback: number): number => (typeof v === "number" && v !== 0 ? v : fallback);

/**
 * `operational` as the operator writes it: the spec's values (after CRD defaults) with the
 * runtime's Go defaults filled into every zero field. `healthCheckTimeout` has no Go default and
 * appears only when the spec gives a failureHandling block (the CRD default then supplies it).
 */
export function buildOperational(spec: unknown): OrderedObject {
  const op = obj(spec);
  const timeouts = obj(op.timeouts);
  const fh = obj(op.failureHandling);
  const cb = obj(fh.circuitBreaker);
  const out: OrderedObject = {};
  if (typeof op.logLevel === "string" && op.logLevel !== "") out.logLevel = op.logLevel;
  const t: OrderedObject = { default: duration(timeouts.default, "30s") };
  const perWorkload = goMap(obj(timeouts.perWorkload), (v) =>
    typeof v === "string" ? canonicalGoDuration(v) : String(v),
  );
  if (Object.keys(perWorkload).length > 0) t.perWorkload = perWorkload;
  out.timeouts = t;
  const f: OrderedObject = {
    healthCheckInterval: duration(fh.healthCheckInterval, "30s"),
    unhealthyThreshold: positive(fh.unhealthyThreshold, 3),
  };
  if (typeof fh.healthCheckTimeout === "string" && parseGoDuration(fh.healthCheckTimeout))
    f.healthCheckTimeout = canonicalGoDuration(fh.healthCheckTimeout);
  f.statusReportingInterval = duration(fh.statusReportingInterval, "30s");
  f.partialFailureMode =
    typeof fh.partialFailureMode === "string" && fh.partialFailureMode !== "" ? fh.partialFailureMode : "fail";
  const breaker: OrderedObject = {};
  if (cb.enabled === true) breaker.enabled = true;
  breaker.failureThreshold = positive(cb.failureThreshold, 5);
  breaker.timeout = duration(cb.timeout, "60s");
  f.circuitBreaker = breaker;
  out.failureHandling = f;
  return out;
}
