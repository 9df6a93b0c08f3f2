import type { Diagnostic } from "../diagnostics/types.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import { fieldWarning } from "../validate/rules/rule-diagnostic.js";
import { resolveAuthz } from "./authz.js";
import { resolveOidc } from "./oidc.js";
import type { OutgoingSource, ResolvedIncomingAuth } from "./types.js";

/** config.yaml `incomingAuth` (`convertIncomingAuth`): the type, OIDC from the MCPOIDCConfig, Cedar authz. */
export function resolveIncomingAuth(vmcp: Typed<"VirtualMCPServer">, mode: OutgoingSource, index: ResourceIndex): { value: ResolvedIncomingAuth; diagnostics: Diagnostic[] } {
  const oidc = resolveOidc(vmcp, mode, index);
  const authz = resolveAuthz(vmcp, index);
  const value: ResolvedIncomingAuth = {
    type: vmcp.spec.incomingAuth.type,
    ...(oidc.oidc ? { oidc: oidc.oidc } : {}),
    ...(authz.value ? { authz: authz.value } : {}),
    pod: oidc.pod,
  };
  const diagnostics: Diagnostic[] = [...oidc.diagnostics, ...authz.diagnostics];
  if (vmcp.spec.config?.incomingAuth !== undefined) {
    diagnostics.push(fieldWarning(vmcp.resource, "VMCP607", "spec.config.incomingAuth is ignored: the operator builds config.yaml incomingAuth only from spec.incomingAuth", ["spec", "config", "incomingAuth"], "move these settings to spec.incomingAuth (OIDC through oidcConfigRef and an MCPOIDCConfig)"));
  }
  return { value, diagnostics };
}
