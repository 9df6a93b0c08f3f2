import type { Diagnostic } from "../diagnostics/types.js";
import type { Resource } from "../load/types.js";
import type { OpenTelemetryConfig } from "../validate/models/mcp-telemetry-config.js";
import { DEFAULT_CA_KEY } from "../validate/references/config-map-references.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import { fieldError, fieldWarning, resourceId } from "../validate/rules/rule-diagnostic.js";
import { formatFloatF } from "./go-float.js";
import type { CaBundleMount, EnvVar, ResolvedTelemetry } from "./types.js";

export const OTEL_CA_ROOT = "/config/certs/otel";
const OTEL_CA_VOLUME_PREFIX = "otel-ca-bundle-";
const MAX_VOLUME_NAME = 63;

/** The operator's header env suffix: upper-case, `-` to `_`, nothing else changed. */
export const otelHeaderEnv = (header: string) => `TOOLHIVE_OTEL_HEADER_${header.toUpperCase().replaceAll("-", "_")}`;

function nonEmpty(map: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> | undefined {
  return map && Object.keys(map).length > 0 ? { ...map } : undefined;
}

/** The MCPTelemetryConfig checks the operator runs before using it (`MCPTelemetryConfig.Validate`). */
function checkTelemetryConfig(cfg: Typed<"MCPTelemetryConfig">, vmcp: Resource): Diagnostic[] {
  const otel = cfg.spec.openTelemetry;
  if (!otel) return [];
  const out: Diagnostic[] = [];
  const at = (...p: (string | number)[]) => ["spec", "openTelemetry", ...p];
  const err = (message: string, path: (string | number)[], hint: string, code: "VMCP612" | "VMCP601" = "VMCP612") => out.push({ ...fieldError(cfg.resource, code, message, path, hint), subject: resourceId(vmcp) });
  if (otel.endpoint && otel.tracing?.enabled !== true && otel.metrics?.enabled !== true) {
    err(`spec.openTelemetry.endpoint is set but neither tracing nor metrics is enabled; vMCP refuses to start with that`, at("endpoint"), "set spec.openTelemetry.tracing.enabled or spec.openTelemetry.metrics.enabled to true, or remove the endpoint");
  }
  (otel.sensitiveHeaders ?? []).forEach((h, i) => {
    if (!h.secretKeyRef.name || !h.secretKeyRef.key) err(`spec.openTelemetry.sensitiveHeaders[${i}].secretKeyRef needs a name and a key`, at("sensitiveHeaders", i, "secretKeyRef"), "name the Secret and the key that holds the header value");
  });
  const ca = otel.caBundleRef;
  if (ca) {
    if (otel.insecure) err("spec.openTelemetry.caBundleRef and insecure: true are mutually exclusive", at("insecure"), "remove insecure to verify the collector with the CA bundle, or remove caBundleRef");
    const name = ca.configMapRef?.name ?? "";
    if (name === "") err("spec.openTelemetry.caBundleRef needs configMapRef with a name", at("caBundleRef"), "set caBundleRef.configMapRef.name to the ConfigMap holding the PEM bundle");
    else if (OTEL_CA_VOLUME_PREFIX.length + name.length > MAX_VOLUME_NAME) {
      err(`CA bundle ConfigMap name "${name}" is too long: its volume "${OTEL_CA_VOLUME_PREFIX}${name}" would exceed ${MAX_VOLUME_NAME} characters`, at("caBundleRef", "configMapRef", "name"), `use a ConfigMap name of at most ${MAX_VOLUME_NAME - OTEL_CA_VOLUME_PREFIX.length} characters`, "VMCP601");
    }
  }
  return out;
}

/** `tracing.samplingRate` parsed, clamped to [0, 1] and re-formatted; unparsable means unset, as upstream. */
function samplingRate(otel: OpenTelemetryConfig): string | undefined {
  const raw = otel.tracing?.samplingRate;
  if (raw === undefined || raw === "") return undefined;
  const rate = Number(raw.trim() === raw ? raw : Number.NaN);
  if (Number.isNaN(rate)) return undefined;
  return formatFloatF(Math.min(1, Math.max(0, rate)));
}

function telemetryPod(cfg: Typed<"MCPTelemetryConfig">, serviceName: string, namespace: string): { env: EnvVar[]; volumes: CaBundleMount[] } {
  const env: EnvVar[] = [{ name: "OTEL_RESOURCE_ATTRIBUTES", value: `service.name=${serviceName},service.namespace=${namespace}` }];
  const otel = cfg.spec.openTelemetry;
  for (const h of otel?.sensitiveHeaders ?? []) env.push({ name: otelHeaderEnv(h.name), secretKeyRef: { name: h.secretKeyRef.name, key: h.secretKeyRef.key } });
  const volumes: CaBundleMount[] = [];
  const ref = otel?.caBundleRef?.configMapRef;
  if (ref?.name) volumes.push({ volumeName: `${OTEL_CA_VOLUME_PREFIX}${ref.name}`, configMap: ref.name, key: ref.key || DEFAULT_CA_KEY, mountPath: `${OTEL_CA_ROOT}/${ref.name}` });
  return { env, volumes };
}

/**
 * config.yaml `telemetry` from `spec.telemetryConfigRef` (`NormalizeMCPTelemetryConfig`): the OTLP
 * fields only when `openTelemetry.enabled`, the endpoint without its scheme, the service name from
 * the reference or the VirtualMCPServer. The operator sets no `caCertPath` for vMCP, although it
 * mounts the CA bundle; vmcp-gen does the same. Inline `spec.config.telemetry` is never read.
 */
export function resolveTelemetry(vmcp: Typed<"VirtualMCPServer">, index: ResourceIndex): { value?: ResolvedTelemetry; diagnostics: Diagnostic[] } {
  const r = vmcp.resource;
  const diagnostics: Diagnostic[] = [];
  if (vmcp.spec.config?.telemetry !== undefined) {
    diagnostics.push(fieldWarning(r, "VMCP607", "spec.config.telemetry is ignored: the operator builds config.yaml telemetry only from spec.telemetryConfigRef", ["spec", "config", "telemetry"], "move these settings into an MCPTelemetryConfig and reference it with spec.telemetryConfigRef"));
  }
  const ref = vmcp.spec.telemetryConfigRef;
  if (!ref) return { diagnostics };
  const cfg = index.get("MCPTelemetryConfig", r.namespace, ref.name);
  if (!cfg) return { diagnostics }; // VMCP407, from validate
  const problems = checkTelemetryConfig(cfg, r);
  if (problems.length > 0) return { diagnostics: [...diagnostics, ...problems] };
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
  return { value, diagnostics };
}
