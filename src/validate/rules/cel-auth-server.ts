import { formatFieldPath } from "../../diagnostics/create.js";
import type { Diagnostic, FieldPath } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import { checkTrustedIssuers } from "./cel-auth-server-issuers.js";
import { checkUpstreamProviders } from "./cel-auth-server-upstreams.js";
import { has, isNonEmpty, isTrue, listAt, objAt, strAt, type Obj } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * CEL on the embedded OAuth authorization server: VirtualMCPServer `spec.authServerConfig` and
 * MCPExternalAuthConfig `spec.embeddedAuthServer` carry the same schema and the same 18 rules.
 * The schema already requires `issuer`, `upstreamProviders`, `delegateClients[].clientSecretRef`
 * with `name` and `key`, and limits `upstreamProviders[].type` to `oidc`/`oauth2`.
 */
export function checkEmbeddedAuthServer(r: Resource, cfg: Obj, base: FieldPath): Diagnostic[] {
  return [
    ...checkTopLevel(r, cfg, base),
    ...checkDelegateClients(r, cfg, base),
    ...checkRedisStorage(r, cfg, base),
    ...checkTrustedIssuers(r, cfg, base),
    ...checkUpstreamProviders(r, cfg, base),
  ];
}

function checkTopLevel(r: Resource, cfg: Obj, base: FieldPath): Diagnostic[] {
  const out: Diagnostic[] = [];
  const b = formatFieldPath(base);
  // !(allowConfidentialClientRegistration && insecureAllowHTTP)
  if (isTrue(cfg, "allowConfidentialClientRegistration") && isTrue(cfg, "insecureAllowHTTP")) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${b}.allowConfidentialClientRegistration and ${b}.insecureAllowHTTP are both true: client secrets would be issued in cleartext over plain HTTP`,
        [...base, "insecureAllowHTTP"],
        "serve the auth server over https and drop insecureAllowHTTP, or set allowConfidentialClientRegistration: false",
      ),
    );
  }
  // !has(self.delegateClients) || size(self.delegateClients) == 0 || !self.issuer.startsWith('http://')
  const issuer = strAt(cfg, "issuer") ?? "";
  if (isNonEmpty(cfg, "delegateClients") && issuer.startsWith("http://")) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${b}.delegateClients needs an https:// issuer, but ${b}.issuer is "${issuer}"`,
        [...base, "issuer"],
        "use an https:// issuer, or remove delegateClients: delegate client secrets must not travel over plain HTTP",
      ),
    );
  }
  // forceConfidentialRedirectUris non-empty requires allowConfidentialClientRegistration
  if (isNonEmpty(cfg, "forceConfidentialRedirectUris") && !isTrue(cfg, "allowConfidentialClientRegistration")) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${b}.forceConfidentialRedirectUris is set but ${b}.allowConfidentialClientRegistration is not true`,
        [...base, "forceConfidentialRedirectUris"],
        "set allowConfidentialClientRegistration: true, or remove forceConfidentialRedirectUris",
      ),
    );
  }
  return out;
}

/** delegateClients[]: `size(self.clientSecretRef.name) > 0 && size(self.clientSecretRef.key) > 0`. */
function checkDelegateClients(r: Resource, cfg: Obj, base: FieldPath): Diagnostic[] {
  const out: Diagnostic[] = [];
  listAt(cfg, "delegateClients").forEach((client, i) => {
    const ref = objAt(client, "clientSecretRef");
    const empty = (["name", "key"] as const).filter((k) => !isNonEmpty(ref, k));
    if (empty.length === 0) return;
    const refPath = [...base, "delegateClients", i, "clientSecretRef"];
    const path = empty.length === 1 ? [...refPath, empty[0] as string] : refPath;
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${formatFieldPath(refPath)} has an empty ${empty.join(" and ")}`,
        path,
        "name the Secret and the key in it that hold the delegate client's secret",
      ),
    );
  });
  return out;
}

/** storage.redis: exactly one of a non-empty `addr` or `sentinelConfig`; `clusterMode` needs `addr`. */
function checkRedisStorage(r: Resource, cfg: Obj, base: FieldPath): Diagnostic[] {
  const redis = objAt(objAt(cfg, "storage"), "redis");
  if (!redis) return [];
  const out: Diagnostic[] = [];
  const path = [...base, "storage", "redis"];
  const p = formatFieldPath(path);
  const hasAddr = isNonEmpty(redis, "addr");
  const hasSentinel = has(redis, "sentinelConfig");
  if (hasAddr && hasSentinel) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p} sets both addr and sentinelConfig; exactly one of them must be set`,
        [...path, "sentinelConfig"],
        "keep addr for a standalone or cluster Redis, or sentinelConfig for Redis Sentinel, and remove the other",
      ),
    );
  } else if (!hasAddr && !hasSentinel) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p} sets neither a non-empty addr nor sentinelConfig; exactly one of them must be set`,
        path,
        "set addr to the Redis host:port, or sentinelConfig with masterName and the sentinel addresses",
      ),
    );
  }
  // !(has(self.clusterMode) && self.clusterMode) || (has(self.addr) && self.addr.size() > 0)
  if (isTrue(redis, "clusterMode") && !hasAddr) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p}.clusterMode is true but ${p}.addr is not set`,
        [...path, "clusterMode"],
        "set addr to a cluster node's host:port, or set clusterMode: false (Sentinel does not support cluster mode)",
      ),
    );
  }
  return out;
}

export const checkVirtualMcpServerAuthServer: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const cfg = objAt(spec, "authServerConfig");
  return cfg ? checkEmbeddedAuthServer(resource, cfg, ["spec", "authServerConfig"]) : [];
};

export const checkExternalAuthEmbeddedServer: KindRule<"MCPExternalAuthConfig"> = ({ resource, spec }) => {
  const cfg = objAt(spec, "embeddedAuthServer");
  return cfg ? checkEmbeddedAuthServer(resource, cfg, ["spec", "embeddedAuthServer"]) : [];
};
