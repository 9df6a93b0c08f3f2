import type { OpenTelemetryConfig } from "../validate/spec-types.js";
import { OTEL_CA_VOLUME_PREFIX } from "../kube/naming.js";
import { DEFAULT_CA_KEY } from "../validate/references/config-map-references.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import { formatFloatF } from "../go/go-float.js";
import type { CaBundleMount, EnvVar, ResolvedTelemetry } from "./types.js";

export const OTEL_CA_ROOT = "/config/certs/otel";

/** The operator's header env suffix: upper-case, `-` to `_`, nothing else changed. */
export const otelHeaderEnv = (header: string) => `TOOLHIVE_OTEL_HEADER_${header.toUpperCase().replaceAll("-", "_")}`;

function nonEmpty(map: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> | undefined {
  return map && Object.keys(map).length > 0 ? { ...map } : undefined;
}

/** `tracing.samplingRate` parsed, clamped to [0, 1] and re-formatted; unparsable means unset, as upstream. */
function samplingRate(otel: OpenTelemetryConfig): string | undefined {
  const raw = otel.tracing?.samplingRate;
  if (raw === undefined || raw === "") return undefined;
  const rate = Number(raw.trim() === raw ? raw : Number.NaN);
  if (Number.isNaN(rate)) return undefined;
  return formatFloatF(Math.min(1, Math.max(0, rate)));
}

function telemetryPod(
  cfg: Typed<"MCPTelemetryConfig">,
  serviceName: string,
  namespace: string,
): { env: EnvVar[]; volumes: CaBundleMount[] } {
  const env: EnvVar[] = [
    { name: "OTEL_RESOURCE_ATTRIBUTES", value: `service.name=${serviceName},service.namespace=${namespace}` },
  ];
  const otel = cfg.spec.openTelemetry;
  for (const h of otel?.sensitiveHeaders ?? [])
    env.push({ name: otelHeaderEnv(h.name), secretKeyRef: { name: h.secretKeyRef.name, key: h.secretKeyRef.key } });
  const volumes: CaBundleMount[] = [];
  const ref = otel?.caBundleRef?.configMapRef;
  if (ref?.name)
    volumes.push({
      volumeName: `${OTEL_CA_VOLUME_PREFIX}${ref.name}`,
      configMap: ref.name,
      key: ref.key || DEFAULT_CA_KEY,
      mountPath: `${OTEL_CA_ROOT}/${ref.name}`,
    });
  return { env, volumes };
}

/**
 * config.yaml `telemetry` from `spec.telemetryConfigRef` (`NormalizeMCPTelemetryConfig`): the OTLP
 * fields only when `openTelemetry.enabled`, the endpoint without its scheme, the service name from
 * the reference or the VirtualMCPServer. The operator sets no `caCertPath` for vMCP, although it
 * mounts the CA bundle; vmcp-gen does the same. Inline `spec.config.telemetry` is never read.
 */
export function resolveTelemetry(vmcp: Typed<"VirtualMCPServer">, index: ResourceIndex): ResolvedTelemetry | undefined {
  const r = vmcp.resource;
  const ref = vmcp.spec.telemetryConfigRef;
  if (!ref) return undefined;
  // Missing (VMCP407) and invalid configs (VMCP612) are validate's findings; they stop the render.
  const cfg = index.get("MCPTelemetryConfig", r.namespace, ref.name);
  if (!cfg) return undefined;
  const serviceName = ref.serviceName || r.name;
  const otel = cfg.spec.openTelemetry;
  const on = otel?.enabled === true ? otel : undefined;
  const endpoint = on?.endpoint ? on.endpoint.replace(/^https:\/\//, "").replace(/^http:\/\//, "") : "";
  const rate = on ? samplingRate(on) : undefined;
  const headers = nonEmpty(on?.headers);
  const customAttributes = nonEmpty(on?.resourceAttributes);
  const value: ResolvedTelemetry = {
    ...(endpoint ? { endpoint } : {}),
    serviceName,
    tracingEnabled: on?.tracing?.enabled === true,
    metricsEnabled: on?.metrics?.enabled === true,
    ...(rate !== undefined ? { samplingRate: rate } : {}),
    ...(headers ? { headers } : {}),
    insecure: on?.insecure === true,
    enablePrometheusMetricsPath: cfg.spec.prometheus?.enabled === true,
    ...(customAttributes ? { customAttributes } : {}),
    useLegacyAttributes: on?.useLegacyAttributes === true,
    pod: telemetryPod(cfg, serviceName, r.namespace),
  };
  return value;
}
