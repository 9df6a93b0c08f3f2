import type { Diagnostic, FieldPath } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import type { OrderedObject, ResolvedBackend, ResolvedVmcp } from "../../resolve/types.js";
import { formatIp, hostCidr, parseIp } from "../../validate/rules/ip-ranges.js";
import { fieldWarning } from "../../diagnostics/rule-diagnostic.js";
import { isRefusedAddress } from "../../validate/rules/remote-url.js";
import { proxyPodLabels } from "./operator-labels.js";
import type { Destination } from "./types.js";

/** Where the vMCP pod connects: every backend, and every endpoint its config.yaml names. */
interface Endpoint {
  readonly url: string;
  readonly why: string;
  /** The field that names it, for a located warning; the VirtualMCPServer's when absent. */
  readonly at?: { readonly resource: Resource; readonly path: FieldPath };
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "https:": 443, "redis:": 6379, "rediss:": 6379 };

function parseEndpoint(url: string): { host: string; port: number } | undefined {
  let parsed: URL;
  try {
    // Telemetry endpoints and Redis addresses are `host:port`, with no scheme.
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `tcp://${url}`);
  } catch {
    return undefined;
  }
  const port = parsed.port !== "" ? Number(parsed.port) : DEFAULT_PORTS[parsed.protocol];
  const host = parsed.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  return host === "" || port === undefined ? undefined : { host, port };
}

const API_SERVER = /^kubernetes\.default(\.svc(\.cluster\.local)?)?$/;

/** A host name inside the cluster: `svc.ns.svc[.cluster.local]`, `svc.ns`, or a bare Service name. */
function clusterNamespace(host: string, own: string): string | undefined {
  const labels = host.split(".");
  if ((host.endsWith(".svc.cluster.local") || host.endsWith(".svc")) && labels.length >= 3) return labels[1];
  // `svc.ns` would be ambiguous with a public domain; only a single label is surely a Service.
  return labels.length === 1 ? own : undefined;
}

function classify(endpoint: Endpoint, v: ResolvedVmcp, diagnostics: Diagnostic[]): Destination | undefined {
  const parsed = parseEndpoint(endpoint.url);
  const { resource, path } = endpoint.at ?? { resource: v.resource, path: ["metadata", "name"] };
  if (!parsed) {
    diagnostics.push(
      fieldWarning(
        resource,
        "VMCP632",
        `the NetworkPolicy allows no egress to ${endpoint.why}: no host and port in ${JSON.stringify(endpoint.url)}`,
        path,
        "add an egress rule for it by hand, or write the endpoint as a URL with a host",
      ),
    );
    return undefined;
  }
  const { host, port } = parsed;
  if (API_SERVER.test(host)) {
    diagnostics.push(
      fieldWarning(
        resource,
        "VMCP631",
        `the NetworkPolicy allows no egress to ${endpoint.why} at ${host}: the Kubernetes API server's address differs per cluster`,
        path,
        "add an egress rule to your API server's address and port (kubectl get endpoints kubernetes -n default)",
      ),
    );
    return undefined;
  }
  const ip = parseIp(host);
  if (ip !== undefined) {
    // A public address is covered by the public-range rule; a private one needs its own.
    return isRefusedAddress(ip)
      ? { kind: "cidr", cidr: hostCidr(ip), port, why: endpoint.why }
      : { kind: "external", host: formatIp(ip), ip: true, port, why: endpoint.why };
  }
  const namespace = clusterNamespace(host, v.namespace);
  if (namespace !== undefined) return { kind: "namespace", namespace, port, why: endpoint.why };
  return { kind: "external", host: host.toLowerCase(), ip: false, port, why: endpoint.why };
}

function backendDestination(b: ResolvedBackend, v: ResolvedVmcp, diagnostics: Diagnostic[]): Destination | undefined {
  const why = `backend ${b.name} (${b.kind})`;
  if (b.kind === "MCPServerEntry")
    return classify({ url: b.url, why, at: { resource: b.resource, path: ["spec", "remoteUrl"] } }, v, diagnostics);
  const port = parseEndpoint(b.url)?.port;
  // MCPServer and MCPRemoteProxy URLs are built by vmcp-gen: always a Service in the backend's namespace with a port.
  return {
    kind: "pods",
    namespace: b.resource.namespace,
    labels: proxyPodLabels(b.kind, b.name),
    port: port ?? 8080,
    why,
  };
}

const strAt = (o: OrderedObject | undefined, key: string) => (typeof o?.[key] === "string" ? o[key] : undefined);

/** The token endpoints an outgoing auth strategy calls (AWS STS by its regional host). */
function strategyEndpoints(name: string, strategy: OrderedObject, at: Endpoint["at"]): Endpoint[] {
  const block = (key: string) =>
    typeof strategy[key] === "object" && !Array.isArray(strategy[key]) ? (strategy[key] as OrderedObject) : undefined;
  const out: Endpoint[] = [];
  const push = (url: string | undefined, what: string) =>
    url && out.push({ url, why: `${what} of outgoing auth ${name}`, at });
  push(strAt(block("tokenExchange"), "tokenUrl"), "the token exchange endpoint");
  push(strAt(block("xaa"), "idpTokenUrl"), "the identity provider's token endpoint");
  push(strAt(block("xaa"), "targetTokenUrl"), "the target token endpoint");
  const region = strAt(block("awsSts"), "region");
  push(region ? `https://sts.${region}.amazonaws.com` : undefined, "AWS STS");
  return out;
}

function configEndpoints(v: ResolvedVmcp): Endpoint[] {
  const out: Endpoint[] = [];
  const at = (...path: string[]) => ({ resource: v.resource, path: ["spec", ...path] });
  const oidc = v.incomingAuth?.oidc;
  if (oidc) {
    const ref = at("incomingAuth", "oidcConfigRef", "name");
    out.push({ url: oidc.issuer, why: "the OIDC issuer", at: ref });
    if (oidc.jwksUrl) out.push({ url: oidc.jwksUrl, why: "the OIDC JWKS endpoint", at: ref });
    if (oidc.introspectionUrl)
      out.push({ url: oidc.introspectionUrl, why: "the OIDC introspection endpoint", at: ref });
  }
  const strategies = [
    ...(v.outgoingAuth.default ? [["default", v.outgoingAuth.default] as const] : []),
    ...Object.entries(v.outgoingAuth.backends),
  ];
  for (const [name, s] of strategies)
    out.push(...strategyEndpoints(name === "default" ? "default" : `for ${name}`, s.strategy, at("outgoingAuth")));
  if (v.telemetry?.endpoint)
    out.push({ url: v.telemetry.endpoint, why: "the OpenTelemetry collector", at: at("telemetryConfigRef", "name") });
  if (v.sessionStorage?.address)
    out.push({ url: v.sessionStorage.address, why: "Redis session storage", at: at("sessionStorage", "address") });
  if (v.configRefs?.embeddingServiceUrl)
    out.push({
      url: v.configRefs.embeddingServiceUrl,
      why: "the embedding service",
      at: at("embeddingServerRef", "name"),
    });
  return out;
}

/**
 * Every destination the vMCP pod of a static-mode VirtualMCPServer connects to, classified by
 * what a NetworkPolicy can select: an operator proxy's pods, a namespace, an address, or a
 * public host. What no policy can name portably (the API server) is a warning.
 */
export function collectDestinations(v: ResolvedVmcp): { destinations: Destination[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const destinations = [
    ...v.backends.map((b) => backendDestination(b, v, diagnostics)),
    ...configEndpoints(v).map((e) => classify(e, v, diagnostics)),
  ].filter((d): d is Destination => d !== undefined);
  return { destinations, diagnostics };
}
