import type { OrderedObject, ResolvedAuthz, ResolvedOidc, ResolvedVmcp } from "../../resolve/types.js";

/** `OIDCConfig` in struct order; `issuer`, `clientId` and `audience` have no omitempty. */
function oidcSection(o: ResolvedOidc): OrderedObject {
  const out: OrderedObject = { issuer: o.issuer, clientId: o.clientId };
  if (o.clientSecretEnv) out.clientSecretEnv = o.clientSecretEnv;
  out.audience = o.audience;
  if (o.resource) out.resource = o.resource;
  if (o.jwksUrl) out.jwksUrl = o.jwksUrl;
  if (o.introspectionUrl) out.introspectionUrl = o.introspectionUrl;
  if (o.scopes && o.scopes.length > 0) out.scopes = [...o.scopes];
  if (o.protectedResourceAllowPrivateIp) out.protectedResourceAllowPrivateIp = true;
  if (o.jwksAllowPrivateIp) out.jwksAllowPrivateIp = true;
  if (o.insecureAllowHttp) out.insecureAllowHttp = true;
  if (o.caBundlePath) out.caBundlePath = o.caBundlePath;
  return out;
}

/** `AuthzConfig` in struct order; vMCP's authorizer is always Cedar. */
function authzSection(a: ResolvedAuthz): OrderedObject {
  const out: OrderedObject = { type: "cedar" };
  if (a.policies.length > 0) out.policies = [...a.policies];
  if (a.entitiesJson) out.entitiesJson = a.entitiesJson;
  if (a.primaryUpstreamProvider) out.primaryUpstreamProvider = a.primaryUpstreamProvider;
  if (a.groupClaimName) out.groupClaimName = a.groupClaimName;
  if (a.roleClaimName) out.roleClaimName = a.roleClaimName;
  if (a.groupEntityType) out.groupEntityType = a.groupEntityType;
  return out;
}

/** config.yaml `incomingAuth`: `type`, then `oidc` and `authz` when resolved. */
export function buildIncomingAuth(v: ResolvedVmcp): OrderedObject {
  const resolved = v.incomingAuth;
  const out: OrderedObject = { type: resolved?.type ?? v.spec.incomingAuth.type };
  if (resolved?.oidc) out.oidc = oidcSection(resolved.oidc);
  if (resolved?.authz) out.authz = authzSection(resolved.authz);
  return out;
}
