import type { Construct } from "constructs";
import type { KubeService } from "cdk8s-plus-28/lib/imports/k8s.js";
import { serviceName, VMCP_PORT } from "../../kube/naming.js";
import type { ResolvedVmcp } from "../../resolve/types.js";
import { k8s } from "../cdk8s.js";
import { selectorLabels, workloadLabels } from "../labels.js";

/** The operator's Service `vmcp-<name>`: the vMCP port, client-IP session affinity by default. */
export function addService(scope: Construct, v: ResolvedVmcp): KubeService {
  return new k8s.KubeService(scope, "service", {
    metadata: { name: serviceName(v.name), namespace: v.namespace, labels: workloadLabels(v.name) },
    spec: {
      type: v.spec.serviceType ?? "ClusterIP",
      sessionAffinity: v.spec.sessionAffinity ?? "ClientIP",
      selector: selectorLabels(v.name),
      ports: [{ name: "http", port: VMCP_PORT, targetPort: k8s.IntOrString.fromNumber(VMCP_PORT), protocol: "TCP" }],
    },
  });
}
