import type { Diagnostic } from "../diagnostics/types.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import { resolveAuthz } from "./authz.js";
import { resolveOidc } from "./oidc.js";
import type { OutgoingSource, ResolvedIncomingAuth } from "./types.js";

/** config.yaml `incomingAuth` (`convertIncomingAuth`): the type, OIDC from the MCPOIDCConfig, Cedar authz. */
export function resolveIncomingAuth(
  vmcp: Typed<"VirtualMCPServer">,
  mode: OutgoingSource,
  index: ResourceIndex,
): { value: ResolvedIncomingAuth; diagnostics: Diagnostic[] } {
  const oidc = resolveOidc(vmcp, mode, index);
  const authz = resolveAuthz(vmcp, index);
  const value: ResolvedIncomingAuth = {
    type: vmcp.spec.incomingAuth.type,
    ...(oidc.oidc ? { oidc: oidc.oidc } : {}),
    ...(authz.value ? { authz: authz.value } : {}),
    pod: oidc.pod,
  };
  return { value, diagnostics: [...oidc.diagnostics, ...authz.diagnostics] };
}
