import type { ApiObject } from "cdk8s";
import type { Construct } from "constructs";
import { fieldWarning } from "../../diagnostics/rule-diagnostic.js";
import type { Diagnostic } from "../../diagnostics/types.js";
import { serviceName } from "../../kube/naming.js";
import type { ResolvedVmcp } from "../../resolve/types.js";
import { cdk8s, k8s } from "../cdk8s.js";
import { MANAGED_BY } from "../labels.js";
import { ciliumNetworkPolicy } from "./cilium-policy.js";
import { collectDestinations } from "./destinations.js";
import { kubernetesNetworkPolicy } from "./kubernetes-policy.js";
import type { NetworkPolicyInput } from "./policy-input.js";
import type { NetworkPolicyOptions } from "./types.js";

/**
 * `--network-policy`: the NetworkPolicy (or, for Cilium, the CiliumNetworkPolicy instead: Cilium
 * enforces both and allows their union, so a NetworkPolicy's public-range rule would void the FQDN
 * restriction) of one static-mode VirtualMCPServer, named like its Service.
 */
export function addNetworkPolicy(
  scope: Construct,
  v: ResolvedVmcp,
  options: NetworkPolicyOptions,
): { policy?: ApiObject; diagnostics: Diagnostic[] } {
  if (v.mode !== "inline") {
    const hint =
      "set spec.outgoingAuth.source: inline (static mode) to get a policy, or write one that also allows the Kubernetes API server";
    return {
      diagnostics: [
        fieldWarning(
          v.resource,
          "VMCP630",
          `no NetworkPolicy for VirtualMCPServer "${v.name}": in discovered mode vMCP finds its backends at run time and reads the Kubernetes API`,
          ["spec", "outgoingAuth", "source"],
          hint,
        ),
      ],
    };
  }
  const { destinations, diagnostics } = collectDestinations(v);
  const type = v.spec.serviceType ?? "ClusterIP";
  if (type !== "ClusterIP") {
    diagnostics.push(
      fieldWarning(
        v.resource,
        "VMCP633",
        `the NetworkPolicy admits only pods of the chosen namespaces to port 4483, so clients outside the cluster cannot use the ${type} Service of "${v.name}"`,
        ["spec", "serviceType"],
        "add an ingress rule for your load balancer's or nodes' addresses, or leave out --network-policy",
      ),
    );
  }
  const input: NetworkPolicyInput = {
    vmcp: v.name,
    name: serviceName(v.name),
    labels: { ...MANAGED_BY },
    destinations,
    ...(options.ingressNamespaceLabels ? { ingressNamespaceLabels: options.ingressNamespaceLabels } : {}),
  };
  const metadata = { name: input.name, namespace: v.namespace, labels: input.labels };
  // Cilium's kind is a custom resource, outside the Kubernetes API that cdk8s-plus-28 types.
  const policy =
    options.flavor === "cilium"
      ? new cdk8s.ApiObject(scope, "network-policy", {
          apiVersion: "cilium.io/v2",
          kind: "CiliumNetworkPolicy",
          metadata,
          spec: ciliumNetworkPolicy(input),
        })
      : new k8s.KubeNetworkPolicy(scope, "network-policy", { metadata, spec: kubernetesNetworkPolicy(input) });
  return { policy, diagnostics };
}
