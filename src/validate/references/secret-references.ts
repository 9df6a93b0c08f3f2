import type { Diagnostic } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import type { ResourceIndex } from "../resource-index.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import { collectAt, type PathPattern } from "./collect-at.js";

const p = (s: string): PathPattern => s.split(".");

/** Fields holding a `{name, key}` Secret reference, per kind. */
const SECRET_REFERENCES: Readonly<Record<string, readonly PathPattern[]>> = {
  VirtualMCPServer: [
    p("spec.sessionStorage.passwordRef"),
    p("spec.authServerConfig.signingKeySecretRefs.*"),
    p("spec.authServerConfig.hmacSecretRefs.*"),
  ],
  MCPServerEntry: [p("spec.headerForward.addHeadersFromSecret.*.valueSecretRef")],
  MCPExternalAuthConfig: [
    p("spec.tokenExchange.clientSecretRef"),
    p("spec.headerInjection.valueSecretRef"),
    p("spec.bearerToken.tokenSecretRef"),
    p("spec.xaa.idpClientSecretRef"),
    p("spec.xaa.targetClientSecretRef"),
    p("spec.obo.clientSecretRef"),
  ],
  MCPOIDCConfig: [p("spec.inline.clientSecretRef")],
  MCPTelemetryConfig: [p("spec.openTelemetry.sensitiveHeaders.*.secretKeyRef")],
};

/**
 * Secrets are usually managed outside Git (sealed, external, vault), so one that is not among the
 * inputs is fine unless `--strict-refs`; one that is present must hold the referenced key.
 */
export function checkSecretReferences(
  resources: readonly Resource[],
  index: ResourceIndex,
  strictRefs: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of resources) {
    for (const pattern of SECRET_REFERENCES[r.kind] ?? []) {
      for (const found of collectAt(r.body, pattern)) {
        const ref = found.value as { name?: unknown; key?: unknown } | null;
        if (!ref || typeof ref.name !== "string" || typeof ref.key !== "string") continue;
        const secret = index.resource("Secret", r.namespace, ref.name);
        if (secret) {
          if (!(secret.secretKeys ?? []).includes(ref.key)) {
            const keys = secret.secretKeys?.length
              ? `it has ${secret.secretKeys.map((k) => `"${k}"`).join(", ")}`
              : "it has no keys";
            out.push(
              fieldError(
                r,
                "VMCP414",
                `Secret "${ref.name}" has no key "${ref.key}"`,
                [...found.path, "key"],
                `${keys}; correct the key, or add it to the Secret`,
              ),
            );
          }
        } else if (strictRefs) {
          out.push(
            fieldError(
              r,
              "VMCP413",
              `Secret "${ref.name}" is not among the inputs (namespace "${r.namespace}")`,
              [...found.path, "name"],
              "add the Secret (its values are never read or echoed), or drop --strict-refs if it is managed outside these files",
            ),
          );
        }
      }
    }
  }
  return out;
}
