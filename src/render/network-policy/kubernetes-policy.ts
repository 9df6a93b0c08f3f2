import type {
  NetworkPolicyEgressRule,
  NetworkPolicyPeer as Peer,
  NetworkPolicyPort as Port,
  NetworkPolicySpec,
} from "cdk8s-plus-28/lib/imports/k8s.js";
import { VMCP_PORT } from "../../kube/naming.js";
import { refusedRanges } from "../../validate/rules/remote-url.js";
import { k8s } from "../cdk8s.js";
import { selectorLabels } from "../labels.js";
import { groupPorts, type NetworkPolicyInput } from "./policy-input.js";

const NAMESPACE_NAME = "kubernetes.io/metadata.name";
const port = (n: number, protocol: "TCP" | "UDP"): Port => ({ port: k8s.IntOrString.fromNumber(n), protocol });
const tcp = (ports: readonly number[]): Port[] => ports.map((n) => port(n, "TCP"));
const inNamespace = (ns: string) => ({ matchLabels: { [NAMESPACE_NAME]: ns } });

/** 0.0.0.0/0 and ::/0 less every range the MCPServerEntry SSRF rules refuse, each to its own family. */
function publicPeers(): Peer[] {
  const ranges = refusedRanges();
  return [
    { ipBlock: { cidr: "0.0.0.0/0", except: ranges.filter((r) => r.family === "ipv4").map((r) => r.cidr) } },
    { ipBlock: { cidr: "::/0", except: ranges.filter((r) => r.family === "ipv6").map((r) => r.cidr) } },
  ];
}

/**
 * The `networking.k8s.io/v1` NetworkPolicy of one vMCP pod: ingress on the vMCP port from the
 * chosen namespaces; egress to kube-dns, to each in-cluster backend's proxy pods, and to public
 * addresses on the ports of the external endpoints (NetworkPolicy cannot name a host).
 */
export function kubernetesNetworkPolicy(input: NetworkPolicyInput): NetworkPolicySpec {
  const { destinations } = input;
  const egress: NetworkPolicyEgressRule[] = [
    {
      to: [{ namespaceSelector: inNamespace("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
      ports: [port(53, "UDP"), port(53, "TCP")],
    },
  ];
  for (const g of groupPorts(
    destinations.filter((d) => d.kind === "pods"),
    (d) => JSON.stringify([d.namespace, d.labels]),
  )) {
    egress.push({
      to: [{ namespaceSelector: inNamespace(g.first.namespace), podSelector: { matchLabels: { ...g.first.labels } } }],
      ports: tcp(g.ports),
    });
  }
  for (const g of groupPorts(
    destinations.filter((d) => d.kind === "namespace"),
    (d) => d.namespace,
  ))
    egress.push({ to: [{ namespaceSelector: inNamespace(g.first.namespace) }], ports: tcp(g.ports) });
  for (const g of groupPorts(
    destinations.filter((d) => d.kind === "cidr"),
    (d) => d.cidr,
  ))
    egress.push({ to: [{ ipBlock: { cidr: g.first.cidr } }], ports: tcp(g.ports) });
  for (const g of groupPorts(
    destinations.filter((d) => d.kind === "external"),
    () => "public",
  ))
    egress.push({ to: publicPeers(), ports: tcp(g.ports) });
  const from: Peer = {
    namespaceSelector: input.ingressNamespaceLabels ? { matchLabels: { ...input.ingressNamespaceLabels } } : {},
  };
  return {
    podSelector: { matchLabels: selectorLabels(input.vmcp) },
    policyTypes: ["Ingress", "Egress"],
    ingress: [{ from: [from], ports: tcp([VMCP_PORT]) }],
    egress,
  };
}
