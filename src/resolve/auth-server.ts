import type { Diagnostic } from "../diagnostics/types.js";
import type { Typed } from "../validate/resource-index.js";
import { fieldError } from "../diagnostics/rule-diagnostic.js";

/**
 * The embedded OAuth authorization server is refused, never dropped. Rendering it faithfully
 * means the operator's `authserver.RunConfig` (a second config file with upstream providers,
 * delegate clients, trusted issuers, Redis Sentinel/TLS storage and their own validation), its
 * signing-key and HMAC volumes, its secret env vars, subject-provider injection into outgoing
 * auth, and `primaryUpstreamProvider` for Cedar; a partial version would deploy a pod that fails
 * at start-up or authenticates differently from the operator's.
 */
export function refuseAuthServer(vmcp: Typed<"VirtualMCPServer">): Diagnostic[] {
  if (vmcp.spec.authServerConfig === undefined) return [];
  return [
    fieldError(
      vmcp.resource,
      "VMCP603",
      "spec.authServerConfig (the embedded OAuth authorization server) is not supported by vmcp-gen yet: its authserver-config.yaml, signing-key and HMAC volumes and upstream client secrets are not rendered",
      ["spec", "authServerConfig"],
      "render this VirtualMCPServer with the ToolHive operator, or remove spec.authServerConfig and authenticate clients with incomingAuth.type: oidc and an MCPOIDCConfig for an external identity provider",
    ),
  ];
}
