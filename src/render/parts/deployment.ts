import type { Construct } from "constructs";
import type {
  Container,
  EnvVar as KubeEnvVar,
  KubeDeployment,
  KubeDeploymentProps,
} from "cdk8s-plus-28/lib/imports/k8s.js";
import type { Diagnostic } from "../../diagnostics/types.js";
import { CONFIG_FILE, CONFIG_MOUNT_DIR, deploymentName, VMCP_PORT } from "../../kube/naming.js";
import type { EnvVar, ResolvedVmcp } from "../../resolve/types.js";
import { k8s } from "../cdk8s.js";
import { deploymentAnnotations } from "../deployment-annotations.js";
import { RUNCONFIG_CHECKSUM_ANNOTATION, selectorLabels, workloadLabels } from "../labels.js";
import { buildEnv } from "../pod-env.js";
import { buildPodVolumes, type PodVolumes } from "../pod-volumes.js";
import type { JsonValue } from "../strategic-merge.js";
import type { PodTemplatePatcher } from "../types.js";

export interface DeploymentInput {
  readonly vmcp: ResolvedVmcp;
  readonly image: string;
  readonly checksum: string;
  readonly serviceAccountName: string;
  readonly podTemplate?: PodTemplatePatcher;
}

const { IntOrString, Quantity } = k8s;

function toKubeEnv(e: EnvVar): KubeEnvVar {
  return "value" in e
    ? { name: e.name, value: e.value }
    : { name: e.name, valueFrom: { secretKeyRef: { name: e.secretKeyRef.name, key: e.secretKeyRef.key } } };
}

function container(v: ResolvedVmcp, image: string, mounts: PodVolumes["mounts"]): Container {
  const args = ["serve", `--config=${CONFIG_MOUNT_DIR}/${CONFIG_FILE}`, "--host=0.0.0.0", `--port=${VMCP_PORT}`];
  const operational = (v.spec.config?.operational ?? {}) as { logLevel?: unknown };
  if (operational.logLevel === "debug") args.push("--debug");
  return {
    name: "vmcp",
    image,
    imagePullPolicy: "IfNotPresent",
    args,
    ports: [{ name: "http", containerPort: VMCP_PORT, protocol: "TCP" }],
    env: buildEnv(v).map(toKubeEnv),
    volumeMounts: mounts,
    livenessProbe: {
      httpGet: { path: "/health", port: IntOrString.fromString("http") },
      initialDelaySeconds: 30,
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 3,
    },
    readinessProbe: {
      httpGet: { path: "/readyz", port: IntOrString.fromString("http") },
      initialDelaySeconds: 15,
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 3,
    },
    resources: {
      requests: { cpu: Quantity.fromString("100m"), memory: Quantity.fromString("128Mi") },
      limits: { cpu: Quantity.fromString("500m"), memory: Quantity.fromString("512Mi") },
    },
    securityContext: {
      privileged: false,
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      seccompProfile: { type: "RuntimeDefault" },
      capabilities: { drop: ["ALL"] },
    },
  };
}

/** The operator's Deployment of the vMCP runtime, as cdk8s-plus-28's typed struct. */
function deploymentProps(input: DeploymentInput): KubeDeploymentProps {
  const { vmcp: v, image, checksum } = input;
  const { volumes, mounts } = buildPodVolumes(v);
  const pullSecrets = v.imagePullSecrets ?? [];
  const annotations = deploymentAnnotations(v.spec.podTemplateSpec, pullSecrets);
  return {
    metadata: {
      name: deploymentName(v.name),
      namespace: v.namespace,
      labels: workloadLabels(v.name),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ...(v.spec.replicas !== undefined ? { replicas: v.spec.replicas } : {}),
      selector: { matchLabels: selectorLabels(v.name) },
      template: {
        metadata: { labels: workloadLabels(v.name), annotations: { [RUNCONFIG_CHECKSUM_ANNOTATION]: checksum } },
        spec: {
          serviceAccountName: input.serviceAccountName,
          // Static mode needs no Kubernetes API access: no token in the pod.
          ...(v.mode === "discovered" ? {} : { automountServiceAccountToken: false }),
          ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets.map((name) => ({ name })) } : {}),
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [container(v, image, mounts)],
          volumes,
        },
      },
    },
  };
}

/** What cdk8s's sanitiser makes of plain JSON: keys sorted, null members left out; nothing else touched. */
function sortedJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    // defineProperty: an own `__proto__` key stays a key instead of setting the prototype.
    if (v !== null && v !== undefined)
      Object.defineProperty(out, key, { value: sortedJson(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * A Deployment whose pod template is the user's podTemplateSpec merged into vmcp-gen's: free-form
 * JSON (fields of any Kubernetes version, null list items, keys such as `constructor`), which the
 * 1.28 struct's conversion would cut down to the fields it knows and cdk8s's sanitiser would
 * mangle. It goes in after both, keys sorted and null members left out as the sanitiser does.
 */
class UserTemplateDeployment extends k8s.KubeDeployment {
  private readonly userTemplate: Record<string, JsonValue>;

  constructor(scope: Construct, id: string, props: KubeDeploymentProps, userTemplate: Record<string, JsonValue>) {
    super(scope, id, { ...props, spec: { ...props.spec!, template: {} } });
    this.userTemplate = userTemplate;
  }

  override toJson(): Record<string, unknown> {
    const json = super.toJson() as { spec: Record<string, unknown> };
    return { ...json, spec: { ...json.spec, template: sortedJson(this.userTemplate) } };
  }
}

/**
 * The Deployment, with the user's podTemplateSpec merged into its pod template by the operator's
 * strategic merge (`podTemplate`, passed in only when some VirtualMCPServer has one).
 */
export function addDeployment(
  scope: Construct,
  input: DeploymentInput,
): { deployment: KubeDeployment; diagnostics: Diagnostic[] } {
  const { vmcp: v } = input;
  const props = deploymentProps(input);
  if (v.spec.podTemplateSpec === undefined || v.spec.podTemplateSpec === null)
    return { deployment: new k8s.KubeDeployment(scope, "deployment", props), diagnostics: [] };
  if (!input.podTemplate)
    throw new Error(
      `render: VirtualMCPServer ${v.namespace}/${v.name} has a podTemplateSpec, but no podTemplate patcher was passed`,
    );
  // The strategic merge works on JSON: the typed template as Kubernetes JSON first.
  const template = k8s.toJson_PodTemplateSpec(props.spec!.template) as Record<string, JsonValue>;
  const patched = input.podTemplate(v, template, input.checksum);
  return {
    deployment: new UserTemplateDeployment(scope, "deployment", props, patched.template),
    diagnostics: patched.diagnostics,
  };
}
