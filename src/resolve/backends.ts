import { createHash } from "node:crypto";
import type { Resource } from "../load/types.js";
import type { MCPRemoteProxySpec } from "../validate/spec-types.js";
import type { MCPServerEntrySpec } from "../validate/spec-types.js";
import type { MCPServerSpec } from "../validate/spec-types.js";
import { DEFAULT_CA_KEY } from "../validate/references/config-map-references.js";
import type { BackendTransport, CaBundleMount, ResolvedBackend } from "./types.js";
import { sortedDataRecord } from "./data-record.js";

const DEFAULT_PROXY_PORT = 8080;
export const CA_BUNDLE_ROOT = "/etc/toolhive/ca-bundles";

// Annotations the operator leaves out of backend metadata (Kubernetes' own bookkeeping).
// The operator's, plus the annotations of KRM tooling (kpt's local-config, an orchestrator's path
// and index): they describe a file in a package, never reach a cluster, and would otherwise make
// the render depend on whether kpt marked the input local-config.
const STANDARD_ANNOTATION_PREFIXES = [
  "kubectl.kubernetes.io/",
  "kubernetes.io/",
  "deployment.kubernetes.io/",
  "k8s.io/",
  "config.kubernetes.io/",
  "internal.config.kubernetes.io/",
  "config.k8s.io/",
];

/** `mcp-<name>-proxy` Service URL, with the path the proxy serves for its transport. */
export function mcpServerUrl(name: string, namespace: string, spec: MCPServerSpec): string {
  const base = `http://mcp-${name}-proxy.${namespace}.svc.cluster.local:${spec.proxyPort || DEFAULT_PROXY_PORT}`;
  const sse = spec.transport === "sse" || (spec.transport === "stdio" && spec.proxyMode === "sse");
  return sse ? `${base}/sse#${encodeURIComponent(name)}` : `${base}/mcp`;
}

/**
 * The transport vMCP speaks to an MCPServer's proxy. `proxyMode` only matters for stdio servers;
 * the operator applies it to every server, which turns an SSE server into streamable-http (Q1).
 */
export function effectiveTransport(spec: MCPServerSpec): BackendTransport {
  if (spec.transport === "stdio") return spec.proxyMode ?? "streamable-http";
  return spec.transport;
}

export function mcpRemoteProxyUrl(name: string, namespace: string, spec: MCPRemoteProxySpec): string {
  return `http://mcp-${name}-remote-proxy.${namespace}.svc.cluster.local:${spec.proxyPort || DEFAULT_PROXY_PORT}`;
}

/** `ca-bundle-<entry>`, or a truncated name with a hash suffix when that would exceed 63 characters. */
export function caBundleVolumeName(entry: string): string {
  const plain = `ca-bundle-${entry}`;
  if (plain.length <= 63) return plain;
  const hash = createHash("sha256").update(entry).digest("hex").slice(0, 8);
  return `ca-bundle-${entry.slice(0, 44).replace(/-+$/, "")}-${hash}`;
}

export function caBundleMount(entry: string, spec: MCPServerEntrySpec): CaBundleMount | undefined {
  const ref = spec.caBundleRef?.configMapRef;
  if (!ref) return undefined;
  return {
    volumeName: caBundleVolumeName(entry),
    configMap: ref.name,
    key: ref.key || DEFAULT_CA_KEY,
    mountPath: `${CA_BUNDLE_ROOT}/${entry}`,
  };
}

function backendMetadata(r: Resource, groupName: string, system: Record<string, string>): Record<string, string> {
  const meta = new Map<string, string>();
  const annotations = (r.body.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations ?? {};
  for (const [k, v] of Object.entries(annotations)) {
    if (!STANDARD_ANNOTATION_PREFIXES.some((p) => k.startsWith(p))) meta.set(k, String(v));
  }
  for (const [k, v] of Object.entries(system)) meta.set(k, v);
  meta.set("namespace", r.namespace).set("group", groupName);
  return sortedDataRecord(meta);
}

export function mcpServerBackend(r: Resource, spec: MCPServerSpec, groupName: string): ResolvedBackend {
  return {
    name: r.name,
    kind: "MCPServer",
    url: mcpServerUrl(r.name, r.namespace, spec),
    transport: effectiveTransport(spec),
    // workload_status is the live phase in the operator; offline there is none to report.
    metadata: backendMetadata(r, groupName, { tool_type: "mcp", workload_type: "mcp_server" }),
    resource: r,
  };
}

export function mcpRemoteProxyBackend(r: Resource, spec: MCPRemoteProxySpec, groupName: string): ResolvedBackend {
  return {
    name: r.name,
    kind: "MCPRemoteProxy",
    url: mcpRemoteProxyUrl(r.name, r.namespace, spec),
    transport: spec.transport,
    metadata: backendMetadata(r, groupName, {
      tool_type: "mcp",
      workload_type: "remote_proxy",
      remote_url: spec.remoteUrl,
    }),
    resource: r,
  };
}

export function mcpServerEntryBackend(r: Resource, spec: MCPServerEntrySpec, groupName: string): ResolvedBackend {
  const ca = caBundleMount(r.name, spec);
  return {
    name: r.name,
    kind: "MCPServerEntry",
    url: spec.remoteUrl,
    transport: spec.transport,
    // The runtime only accepts caBundlePath next to `type: entry`; the operator omits the type (Q2).
    type: "entry",
    ...(ca ? { caBundlePath: `${ca.mountPath}/${ca.key}`, caBundle: ca } : {}),
    // The entry passed the operator's own validation offline, which is what phase Valid means.
    metadata: backendMetadata(r, groupName, {
      tool_type: "mcp",
      workload_type: "server_entry",
      workload_status: "Valid",
      remote_url: spec.remoteUrl,
    }),
    resource: r,
  };
}
