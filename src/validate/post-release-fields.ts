import { TOOLHIVE_VERSION } from "../toolhive/version.js";
import type { FieldPath } from "../diagnostics/types.js";

/**
 * Fields that ToolHive added after the release vmcp-gen renders for. Manifests copied from newer
 * ToolHive documentation carry them; the API server of the supported release refuses them under
 * strict field validation (and silently prunes them otherwise), so they get their own diagnostic
 * saying why instead of a bare "unknown field".
 */
interface PostReleaseField {
  readonly kinds: readonly string[];
  /** Dotted, with `[]` for any list index. */
  readonly path: string;
  readonly hint: string;
}

const TRUSTED_ISSUER_HINT = `remove it: in ToolHive ${TOOLHIVE_VERSION} a trusted issuer serves RFC 8693 token exchange only (issuerUrl, expectedAudience, allowedDelegateClients, actorClaim, allowedActors, allowMayAct)`;
const METRICS_HINT = `remove it: in ToolHive ${TOOLHIVE_VERSION} set enablePrometheusMetricsPath: true to serve /metrics on the vMCP port`;
const ENTRY_PRIVATE_ENDPOINT_HINT = `remove it: with ToolHive ${TOOLHIVE_VERSION} an MCPServerEntry's remoteUrl may never be a private address or a cluster.local name; reach an in-cluster backend through an MCPServer or MCPRemoteProxy instead`;
const PROXY_PRIVATE_ENDPOINT_HINT = `remove it: ToolHive ${TOOLHIVE_VERSION} has no such switch for an MCPRemoteProxy`;

const FIELDS: readonly PostReleaseField[] = [
  { kinds: ["MCPServerEntry"], path: "spec.allowPrivateEndpoint", hint: ENTRY_PRIVATE_ENDPOINT_HINT },
  { kinds: ["MCPRemoteProxy"], path: "spec.allowPrivateEndpoint", hint: PROXY_PRIVATE_ENDPOINT_HINT },
  {
    kinds: ["VirtualMCPServer"],
    path: "spec.authServerConfig.trustedIssuers[].jwtBearerGrant",
    hint: TRUSTED_ISSUER_HINT,
  },
  {
    kinds: ["VirtualMCPServer"],
    path: "spec.authServerConfig.trustedIssuers[].actorMatcher",
    hint: TRUSTED_ISSUER_HINT,
  },
  {
    kinds: ["MCPExternalAuthConfig"],
    path: "spec.embeddedAuthServer.trustedIssuers[].jwtBearerGrant",
    hint: TRUSTED_ISSUER_HINT,
  },
  {
    kinds: ["MCPExternalAuthConfig"],
    path: "spec.embeddedAuthServer.trustedIssuers[].actorMatcher",
    hint: TRUSTED_ISSUER_HINT,
  },
  { kinds: ["VirtualMCPServer"], path: "spec.config.telemetry.metricsOnTransportPort", hint: METRICS_HINT },
  { kinds: ["VirtualMCPServer"], path: "spec.config.telemetry.prometheusPort", hint: METRICS_HINT },
];

function schemaPath(path: FieldPath): string {
  return path.map((seg, i) => (typeof seg === "number" ? "[]" : i === 0 ? seg : `.${seg}`)).join("");
}

/** The hint for an unknown field that a later ToolHive release defines, or undefined. */
export function postReleaseFieldHint(kind: string, path: FieldPath): string | undefined {
  const at = schemaPath(path);
  return FIELDS.find((f) => f.path === at && f.kinds.includes(kind))?.hint;
}
