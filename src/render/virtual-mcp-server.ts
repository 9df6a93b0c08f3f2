import type { ApiObject } from "cdk8s";
import type {
  KubeConfigMap,
  KubeDeployment,
  KubeRole,
  KubeRoleBinding,
  KubeService,
  KubeServiceAccount,
} from "cdk8s-plus-28/lib/imports/k8s.js";
import { Construct } from "constructs";
import { formatDiagnosticText } from "../diagnostics/format-text.js";
import type { Diagnostic } from "../diagnostics/types.js";
import type { ResolvedVmcp } from "../resolve/types.js";
import { DEFAULT_IMAGE } from "../toolhive/version.js";
import { addConfigMap } from "./parts/config-map.js";
import { addDeployment } from "./parts/deployment.js";
import { addIdentity } from "./parts/identity.js";
import { addService } from "./parts/service.js";
import type { RenderExtensions } from "./types.js";

/** What a {@link VirtualMcpServer} is made from. */
export interface VirtualMcpServerProps extends RenderExtensions {
  /**
   * The VirtualMCPServer with everything vmcp-gen resolved for it offline: its group's backends,
   * their URLs and auth, the pod's environment and volumes. `resolveVirtualMcpServer` makes these
   * props from ToolHive objects; vmcp-gen's own pipeline resolves all VirtualMCPServers at once.
   */
  readonly resolved: ResolvedVmcp;
  /** Container image of the vMCP runtime. @defaultValue the ToolHive release vmcp-gen renders for */
  readonly image?: string;
  /** Found while resolving (warnings): kept with what rendering finds, in {@link VirtualMcpServer.diagnostics}. */
  readonly diagnostics?: readonly Diagnostic[];
}

/**
 * One ToolHive VirtualMCPServer as the operator would run it, without the operator: the ConfigMap
 * with the runtime's config.yaml, the Deployment, the Service, the ServiceAccount (and in
 * discovered mode its Role and RoleBinding), and with `networkPolicy` the pod's network policy.
 * Each object is one of cdk8s-plus-28's Kubernetes 1.28 API objects, named and labelled as the
 * operator names and labels them, in the VirtualMCPServer's namespace.
 *
 * @remarks
 * Add it to any cdk8s chart. Errors found while rendering (a podTemplateSpec the operator's
 * strategic merge cannot apply, say) fail the construct's validation, so `app.synth()` throws;
 * warnings are in {@link VirtualMcpServer.diagnostics}. The CA bundle ConfigMaps the pod mounts
 * are not part of it: they are the user's objects.
 */
export class VirtualMcpServer extends Construct {
  readonly configMap: KubeConfigMap;
  readonly deployment: KubeDeployment;
  readonly service: KubeService;
  /** Absent when `spec.serviceAccount` names an existing account. */
  readonly serviceAccount?: KubeServiceAccount;
  /** Discovered mode only: vMCP reads the ToolHive objects of its namespace at run time. */
  readonly role?: KubeRole;
  readonly roleBinding?: KubeRoleBinding;
  /** With `networkPolicy`, in static mode: a NetworkPolicy or a CiliumNetworkPolicy. */
  readonly networkPolicy?: ApiObject;
  /** The runtime's config.yaml, as the ConfigMap holds it. */
  readonly configYaml: string;
  /** The operator's content checksum of the ConfigMap, also on the pod template: a new config rolls the pods. */
  readonly checksum: string;
  readonly diagnostics: readonly Diagnostic[];

  constructor(scope: Construct, id: string, props: VirtualMcpServerProps) {
    super(scope, id);
    const v = props.resolved;
    const identity = addIdentity(this, v);
    const config = addConfigMap(this, v);
    const deployment = addDeployment(this, {
      vmcp: v,
      image: props.image ?? DEFAULT_IMAGE,
      checksum: config.checksum,
      serviceAccountName: identity.serviceAccountName,
      ...(props.podTemplate ? { podTemplate: props.podTemplate } : {}),
    });
    const service = addService(this, v);
    const policy = props.networkPolicy ? props.networkPolicy(this, v) : { diagnostics: [] };
    this.configMap = config.configMap;
    this.configYaml = config.configYaml;
    this.checksum = config.checksum;
    this.deployment = deployment.deployment;
    this.service = service;
    if (identity.serviceAccount) this.serviceAccount = identity.serviceAccount;
    if (identity.role) this.role = identity.role;
    if (identity.roleBinding) this.roleBinding = identity.roleBinding;
    if (policy.policy) this.networkPolicy = policy.policy;
    this.diagnostics = [...(props.diagnostics ?? []), ...deployment.diagnostics, ...policy.diagnostics];
    this.node.addValidation({
      validate: () =>
        this.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnosticText(d, { color: false })),
    });
  }
}
