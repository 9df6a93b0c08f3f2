import type { OrderedObject, ResolvedTelemetry } from "../../resolve/types.js";
import { goMap } from "./go-map-order.js";

/** `telemetry.Config` in struct order; `tracingEnabled`, `metricsEnabled`, `useLegacyAttributes` are always written. */
export function buildTelemetry(t: ResolvedTelemetry): OrderedObject {
  const out: OrderedObject = {};
  if (t.endpoint) out.endpoint = t.endpoint;
  out.serviceName = t.serviceName;
  out.tracingEnabled = t.tracingEnabled;
  out.metricsEnabled = t.metricsEnabled;
  if (t.samplingRate !== undefined) out.samplingRate = t.samplingRate;
  if (t.headers) out.headers = goMap(t.headers, (v) => v);
  if (t.insecure) out.insecure = true;
  if (t.enablePrometheusMetricsPath) out.enablePrometheusMetricsPath = true;
  if (t.customAttributes) out.customAttributes = goMap(t.customAttributes, (v) => v);
  out.useLegacyAttributes = t.useLegacyAttributes;
  return out;
}
