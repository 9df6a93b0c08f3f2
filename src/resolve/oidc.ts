import type { Diagnostic } from "../diagnostics/types.js";
import { serviceUrl } from "../kube/naming.js";
import type { InlineOidcConfig, KubernetesServiceAccountOidcConfig } from "../validate/spec-types.js";
import { DEFAULT_CA_KEY } from "../validate/references/config-map-references.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import { fieldError, resourceId } from "../diagnostics/rule-diagnostic.js";
import type { CaBundleMount, EnvVar, OutgoingSource, PodAdditions, ResolvedOidc } from "./types.js";

export const OIDC_CLIENT_SECRET_ENV = "VMCP_OIDC_CLIENT_SECRET";
export const OIDC_CA_ROOT = "/config/certs";
const OIDC_CA_VOLUME_PREFIX = "oidc-ca-bundle-";
const MAX_VOLUME_NAME = 63;

export const K8S_DEFAULT_ISSUER = "https://kubernetes.default.svc";
export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
/** Published into every namespace by kube-controller-manager (RootCAConfigMap, GA since Kubernetes 1.21). */
export const KUBE_ROOT_CA_CONFIGMAP = "kube-root-ca.crt";
const KUBE_ROOT_CA_VOLUME = "oidc-kube-root-ca";

export interface OidcResult {
  readonly oidc?: ResolvedOidc;
  readonly pod: PodAdditions;
  readonly diagnostics: readonly Diagnostic[];
}

const NOTHING: OidcResult = { pod: { env: [], volumes: [] }, diagnostics: [] };

type Ref = NonNullable<Typed<"VirtualMCPServer">["spec"]["incomingAuth"]["oidcConfigRef"]>;

/** The per-server part every MCPOIDCConfig type shares: audience, scopes, and the resource URL. */
function perServer(ref: Ref, vmcp: Typed<"VirtualMCPServer">): Pick<ResolvedOidc, "audience" | "resource" | "scopes"> {
  // Deliberate difference 6: the operator defaults to `http://<name>.<ns>…`, a host no Service
  // answers on; vmcp-gen uses the Service that actually fronts the pod, `vmcp-<name>`.
  const resource = ref.resourceUrl || serviceUrl(vmcp.resource.name, vmcp.resource.namespace);
  return {
    audience: ref.audience,
    resource,
    ...(ref.scopes && ref.scopes.length > 0 ? { scopes: [...ref.scopes] } : {}),
  };
}

/**
 * `kubernetesServiceAccount`: the cluster's own issuer. With `useClusterAuth` (the default) vMCP
 * trusts the cluster CA at the service-account path. Static mode mounts no service-account token,
 * so that file would be missing and vMCP would fail to start; vmcp-gen mounts the namespace's
 * `kube-root-ca.crt` ConfigMap there instead. That gives the pod the CA and still no credential
 * (vMCP fetches the JWKS without a token either way). Discovered mode mounts the token volume,
 * which already holds `ca.crt`.
 */
function fromServiceAccount(
  cfg: KubernetesServiceAccountOidcConfig | undefined,
  base: ReturnType<typeof perServer>,
  mode: OutgoingSource,
): OidcResult {
  const useClusterAuth = cfg?.useClusterAuth ?? true;
  const oidc: ResolvedOidc = {
    issuer: cfg?.issuer || K8S_DEFAULT_ISSUER,
    clientId: "",
    ...base,
    ...(cfg?.jwksUrl ? { jwksUrl: cfg.jwksUrl } : {}),
    ...(cfg?.introspectionUrl ? { introspectionUrl: cfg.introspectionUrl } : {}),
    protectedResourceAllowPrivateIp: false,
    jwksAllowPrivateIp: useClusterAuth,
    insecureAllowHttp: false,
    ...(useClusterAuth ? { caBundlePath: `${SERVICE_ACCOUNT_DIR}/ca.crt` } : {}),
  };
  const volumes: CaBundleMount[] =
    useClusterAuth && mode === "inline"
      ? [
          {
            volumeName: KUBE_ROOT_CA_VOLUME,
            configMap: KUBE_ROOT_CA_CONFIGMAP,
            key: "ca.crt",
            mountPath: SERVICE_ACCOUNT_DIR,
          },
        ]
      : [];
  return { oidc, pod: { env: [], volumes }, diagnostics: [] };
}

function fromInline(
  cfg: Typed<"MCPOIDCConfig">,
  inline: InlineOidcConfig,
  base: ReturnType<typeof perServer>,
  vmcp: Typed<"VirtualMCPServer">,
): OidcResult {
  const env: EnvVar[] = [];
  const volumes: CaBundleMount[] = [];
  let caBundlePath: string | undefined;
  if (inline.caBundleRef) {
    const ref = inline.caBundleRef.configMapRef;
    const path = ["spec", "inline", "caBundleRef"];
    const fail = (message: string, at: string[], hint: string): OidcResult => ({
      ...NOTHING,
      diagnostics: [{ ...fieldError(cfg.resource, "VMCP601", message, at, hint), subject: resourceId(vmcp.resource) }],
    });
    if (!ref || !ref.name)
      return {
        ...NOTHING,
        diagnostics: [
          {
            ...fieldError(
              cfg.resource,
              "VMCP208",
              "spec.inline.caBundleRef needs configMapRef with a name",
              path,
              "set caBundleRef.configMapRef.name to the ConfigMap holding the PEM bundle",
            ),
            subject: resourceId(vmcp.resource),
          },
        ],
      };
    const volumeName = `${OIDC_CA_VOLUME_PREFIX}${ref.name}`;
    if (volumeName.length > MAX_VOLUME_NAME)
      return fail(
        `CA bundle ConfigMap name "${ref.name}" is too long: its volume "${volumeName}" would have ${volumeName.length} characters (at most ${MAX_VOLUME_NAME})`,
        [...path, "configMapRef", "name"],
        `use a ConfigMap name of at most ${MAX_VOLUME_NAME - OIDC_CA_VOLUME_PREFIX.length} characters`,
      );
    if (ref.name.includes("."))
      return {
        ...NOTHING,
        diagnostics: [
          {
            ...fieldError(
              cfg.resource,
              "VMCP210",
              `CA bundle ConfigMap name "${ref.name}" cannot be used: its volume would be named "${volumeName}", and a dot is not allowed in a volume name`,
              [...path, "configMapRef", "name"],
              "use a ConfigMap name without dots",
            ),
            subject: resourceId(vmcp.resource),
          },
        ],
      };
    const key = ref.key || DEFAULT_CA_KEY;
    const mountPath = `${OIDC_CA_ROOT}/${ref.name}`;
    volumes.push({ volumeName, configMap: ref.name, key, mountPath });
    caBundlePath = `${mountPath}/${key}`;
  }
  if (inline.clientSecretRef)
    env.push({
      name: OIDC_CLIENT_SECRET_ENV,
      secretKeyRef: { name: inline.clientSecretRef.name, key: inline.clientSecretRef.key },
    });
  const oidc: ResolvedOidc = {
    issuer: inline.issuer,
    clientId: inline.clientId ?? "",
    ...(inline.clientSecretRef ? { clientSecretEnv: OIDC_CLIENT_SECRET_ENV } : {}),
    ...base,
    ...(inline.jwksUrl ? { jwksUrl: inline.jwksUrl } : {}),
    ...(inline.introspectionUrl ? { introspectionUrl: inline.introspectionUrl } : {}),
    protectedResourceAllowPrivateIp: inline.protectedResourceAllowPrivateIP === true,
    jwksAllowPrivateIp: inline.jwksAllowPrivateIP === true,
    insecureAllowHttp: inline.insecureAllowHTTP === true,
    ...(caBundlePath ? { caBundlePath } : {}),
  };
  return { oidc, pod: { env, volumes }, diagnostics: [] };
}

/**
 * config.yaml `incomingAuth.oidc` from `spec.incomingAuth.oidcConfigRef` → MCPOIDCConfig, with the
 * client secret env var and the CA bundle volume the pod needs. Resolved whenever the reference
 * is set, as the operator does, whatever `incomingAuth.type` says.
 */
export function resolveOidc(vmcp: Typed<"VirtualMCPServer">, mode: OutgoingSource, index: ResourceIndex): OidcResult {
  const ref = vmcp.spec.incomingAuth.oidcConfigRef;
  if (!ref) return NOTHING;
  const cfg = index.get("MCPOIDCConfig", vmcp.resource.namespace, ref.name);
  if (!cfg) return NOTHING; // VMCP405, from validate
  const base = perServer(ref, vmcp);
  const sa = cfg.spec.type === "kubernetesServiceAccount";
  const result = sa
    ? fromServiceAccount(cfg.spec.kubernetesServiceAccount, base, mode)
    : cfg.spec.inline
      ? fromInline(cfg, cfg.spec.inline, base, vmcp)
      : NOTHING; // VMCP315, from validate
  // The CRD takes any string; the vMCP runtime refuses to start unless these are http(s) URLs.
  const bad = (["issuer", "jwksUrl", "introspectionUrl"] as const).filter((f) => {
    const url = result.oidc?.[f];
    return url !== undefined && !(/^https?:\/\//.test(url) && url.length >= 8);
  });
  if (bad.length === 0) return result;
  const problems = bad.map((f) => {
    const path = ["spec", sa ? "kubernetesServiceAccount" : "inline", f];
    return {
      ...fieldError(
        cfg.resource,
        "VMCP605",
        `${path.join(".")} ${JSON.stringify(result.oidc?.[f])} is not an http:// or https:// URL; the vMCP runtime refuses to start with it`,
        path,
        f === "issuer"
          ? "set the identity provider's issuer URL, e.g. https://sso.example.com"
          : `set ${f} to an absolute http:// or https:// URL, or remove it`,
      ),
      subject: resourceId(vmcp.resource),
    };
  });
  return { ...NOTHING, diagnostics: [...result.diagnostics, ...problems] };
}
