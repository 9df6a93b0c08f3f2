import type { Diagnostic } from "../../diagnostics/types.js";
import { MAX_VOLUME_NAME, OTEL_CA_VOLUME_PREFIX } from "../../kube/naming.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * The checks the operator runs on an MCPTelemetryConfig before any workload may use it
 * (`MCPTelemetryConfig.Validate`): a VirtualMCPServer that references a config failing them is
 * not deployed. Reported on the config, so that `vmcp-gen validate` finds them too; `inspect`
 * shows them on every VirtualMCPServer that references it.
 */
export const checkTelemetryConfigValidate: KindRule<"MCPTelemetryConfig"> = ({ resource, spec }) => {
  const otel = spec.openTelemetry;
  if (!otel) return [];
  const out: Diagnostic[] = [];
  const at = (...p: (string | number)[]) => ["spec", "openTelemetry", ...p];
  const err = (
    message: string,
    path: (string | number)[],
    hint: string,
    code: "VMCP612" | "VMCP601" | "VMCP210" = "VMCP612",
  ) => out.push(fieldError(resource, code, message, path, hint));
  if (otel.endpoint && otel.tracing?.enabled !== true && otel.metrics?.enabled !== true) {
    err(
      "spec.openTelemetry.endpoint is set but neither tracing nor metrics is enabled; vMCP refuses to start with that",
      at("endpoint"),
      "set spec.openTelemetry.tracing.enabled or spec.openTelemetry.metrics.enabled to true, or remove the endpoint",
    );
  }
  (otel.sensitiveHeaders ?? []).forEach((h, i) => {
    if (!h.secretKeyRef.name || !h.secretKeyRef.key)
      err(
        `spec.openTelemetry.sensitiveHeaders[${i}].secretKeyRef needs a name and a key`,
        at("sensitiveHeaders", i, "secretKeyRef"),
        "name the Secret and the key that holds the header value",
      );
  });
  const ca = otel.caBundleRef;
  if (ca) {
    if (otel.insecure)
      err(
        "spec.openTelemetry.caBundleRef and insecure: true are mutually exclusive",
        at("insecure"),
        "remove insecure to verify the collector with the CA bundle, or remove caBundleRef",
      );
    const name = ca.configMapRef?.name ?? "";
    if (name === "")
      err(
        "spec.openTelemetry.caBundleRef needs configMapRef with a name",
        at("caBundleRef"),
        "set caBundleRef.configMapRef.name to the ConfigMap holding the PEM bundle",
      );
    else if (OTEL_CA_VOLUME_PREFIX.length + name.length > MAX_VOLUME_NAME) {
      err(
        `CA bundle ConfigMap name "${name}" is too long: its volume "${OTEL_CA_VOLUME_PREFIX}${name}" would exceed ${MAX_VOLUME_NAME} characters`,
        at("caBundleRef", "configMapRef", "name"),
        `use a ConfigMap name of at most ${MAX_VOLUME_NAME - OTEL_CA_VOLUME_PREFIX.length} characters`,
        "VMCP601",
      );
    } else if (name.includes(".")) {
      err(
        `CA bundle ConfigMap name "${name}" cannot be used: its volume would be named "${OTEL_CA_VOLUME_PREFIX}${name}", and a dot is not allowed in a volume name`,
        at("caBundleRef", "configMapRef", "name"),
        "use a ConfigMap name without dots",
        "VMCP210",
      );
    }
  }
  return out;
};
