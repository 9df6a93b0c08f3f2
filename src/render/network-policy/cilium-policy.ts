import { VMCP_PORT } from "../../kube/naming.js";
import { selectorLabels } from "../labels.js";
import { groupPorts, type NetworkPolicyInput } from "./policy-input.js";

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string }[] };
type PortRule = {
  ports: { port: string; protocol: "TCP" | "UDP" | "ANY" }[];
  rules?: { dns: { matchPattern: string }[] };
};
interface EgressRule {
  toEndpoints?: Selector[];
  toCIDR?: string[];
  toFQDNs?: { matchName: string }[];
  toPorts: PortRule[];
}

/** The spec of a `cilium.io/v2` CiliumNetworkPolicy (only the fields vmcp-gen writes). */
export interface CiliumPolicySpec {
  description: string;
  endpointSelector: Selector;
  ingress: { fromEndpoints: Selector[]; toPorts: PortRule[] }[];
  egress: EgressRule[];
}

// Cilium's own labels for an endpoint's namespace and its namespace's labels.
const POD_NAMESPACE = "k8s:io.kubernetes.pod.namespace";
const NAMESPACE_LABEL = "k8s:io.cilium.k8s.namespace.labels.";
const tcp = (ports: readonly number[]): PortRule[] => [
  { ports: ports.map((port) => ({ port: String(port), protocol: "TCP" })) },
];

/**
 * The CiliumNetworkPolicy of one vMCP pod: the Kubernetes policy's rules, with each external
 * endpoint named by its exact host (`toFQDNs`) instead of public ranges. FQDN rules only work
 * when Cilium's DNS proxy sees the pod's lookups, hence `rules.dns` on the kube-dns rule.
 */
export function ciliumNetworkPolicy(input: NetworkPolicyInput): CiliumPolicySpec {
  const { destinations } = input;
  const egress: EgressRule[] = [
    {
      toEndpoints: [{ matchLabels: { [POD_NAMESPACE]: "kube-system", "k8s:k8s-app": "kube-dns" } }],
      toPorts: [{ ports: [{ port: "53", protocol: "ANY" }], rules: { dns: [{ matchPattern: "*" }] } }],
    },
  ];
  for (const g of groupPorts(
    destinations.filter((d) => d.kind === "pods"),
    (d) => JSON.stringify([d.namespace, d.labels]),
  )) {
    egress.push({
      toEndpoints: [{ matchLabels: { [POD_NAMESPACE]: g.first.namespace, ...g.first.labels } }],
      toPorts: tcp(g.ports),
    });
  }
  for (const g of groupPorts(
    destinations.filter((d) => d.kind === "namespace"),
    (d) => d.namespace,
  ))
    egress.push({ toEndpoints: [{ matchLabels: { [POD_NAMESPACE]: g.first.namespace } }], toPorts: tcp(g.ports) });
  for (const g of groupPorts(
    destinations.filter((d) => d.kind === "cidr"),
    (d) => d.cidr,
  ))
    egress.push({ toCIDR: [g.first.cidr], toPorts: tcp(g.ports) });
  // One rule per port, so a host is allowed only on the port its URL names.
  for (const g of groupPorts(
    destinations.filter((d) => d.kind === "external"),
    (d) => String(d.port).padStart(5, "0"),
  )) {
    const hosts = destinations.filter((d) => d.kind === "external" && d.port === g.first.port);
    const names = [
      ...new Set(hosts.filter((d) => d.kind === "external" && !d.ip).map((d) => (d.kind === "external" ? d.host : ""))),
    ].sort();
    const ips = [
      ...new Set(hosts.filter((d) => d.kind === "external" && d.ip).map((d) => (d.kind === "external" ? d.host : ""))),
    ].sort();
    if (names.length > 0) egress.push({ toFQDNs: names.map((matchName) => ({ matchName })), toPorts: tcp(g.ports) });
    if (ips.length > 0)
      egress.push({ toCIDR: ips.map((ip) => `${ip}/${ip.includes(":") ? 128 : 32}`), toPorts: tcp(g.ports) });
  }
  const from: Selector = input.ingressNamespaceLabels
    ? {
        matchLabels: Object.fromEntries(
          Object.entries(input.ingressNamespaceLabels).map(([k, v]) => [`${NAMESPACE_LABEL}${k}`, v]),
        ),
      }
    : // An empty selector in a namespaced policy would mean "this namespace only".
      { matchExpressions: [{ key: POD_NAMESPACE, operator: "Exists" }] };
  return {
    description: `vMCP ${input.vmcp}: ingress on ${VMCP_PORT}; egress to DNS and to ${
      destinations
        .map((d) => d.why)
        .filter((w, i, all) => all.indexOf(w) === i)
        .join(", ") || "nothing else"
    } (rendered by vmcp-gen)`,
    endpointSelector: { matchLabels: selectorLabels(input.vmcp) },
    ingress: [{ fromEndpoints: [from], toPorts: tcp([VMCP_PORT]) }],
    egress,
  };
}
