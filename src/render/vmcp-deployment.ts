import type { KubeDeploymentProps } from "cdk8s-plus-28/lib/imports/k8s.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { CONFIG_FILE, CONFIG_MOUNT_DIR, deploymentName, VMCP_PORT } from "../kube/naming.js";
import type { EnvVar, ResolvedVmcp } from "../resolve/types.js";
import { deploymentAnnotations } from "./deployment-annotations.js";
import type { KubeJson } from "./kube-json.js";
import { RUNCONFIG_CHECKSUM_ANNOTATION, selectorLabels, workloadLabels } from "./labels.js";
import { buildEnv } from "./pod-env.js";
import { buildPodVolumes, type PodVolumes } from "./pod-volumes.js";
import type { JsonValue } from "./strategic-merge.js";
import type { PodTemplatePatcher } from "./types.js";

type Deployment = KubeJson<KubeDeploymentProps>;
type Container = NonNullable<NonNullable<Deployment["spec"]>["template"]["spec"]>["containers"][number];
export interface DeploymentInput {
  readonly vmcp: ResolvedVmcp;
  readonly image: string;
  readonly checksum: string;
  readonly serviceAccountName: string;
  readonly podTemplate?: PodTemplatePatcher;
}

type KubeEnv = NonNullable<Container["env"]>[number];

function toKubeEnv(e: EnvVar): KubeEnv {
  return "value" in e ? { name: e.name, value: e.value } : { name: e.name, valueFrom: { secretKeyRef: { name: e.secretKeyRef.name, key: e.secretKeyRef.key } } };
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
    livenessProbe: { httpGet: { path: "/health", port: "http" }, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: "/readyz", port: "http" }, initialDelaySeconds: 15, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
    resources: {
      requests: { cpu: "100m", memory: "128Mi" },
      limits: { cpu: "500m", memory: "512Mi" },
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

/** Plain JSON for the strategic merge, which tells a missing field from an undefined one. */
function toJson(value: unknown): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
}

/**
 * The Deployment as Kubernetes JSON, built with the typed cdk8s structs and then given the
 * user's podTemplateSpec. The result is plain JSON because the strategic merge works on JSON.
 */
export function buildDeploymentManifest(input: DeploymentInput): { manifest: Record<string, JsonValue>; diagnostics: Diagnostic[] } {
  const { vmcp: v, image, checksum } = input;
  const { volumes, mounts } = buildPodVolumes(v);
  const pullSecrets = v.imagePullSecrets ?? [];
  const annotations = deploymentAnnotations(v.spec.podTemplateSpec, pullSecrets);
  const deployment: Deployment = {
    metadata: { name: deploymentName(v.name), labels: workloadLabels(v.name), ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
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
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
          containers: [container(v, image, mounts)],
          volumes,
        },
      },
    },
  };
  const manifest = { apiVersion: "apps/v1", kind: "Deployment", ...deployment } as Record<string, JsonValue>;
  if (v.spec.podTemplateSpec === undefined || v.spec.podTemplateSpec === null) return { manifest, diagnostics: [] };
  if (!input.podTemplate) throw new Error(`render: VirtualMCPServer ${v.namespace}/${v.name} has a podTemplateSpec, but no podTemplate patcher was passed`);
  const json = toJson(manifest);
  const spec = json.spec as Record<string, JsonValue>;
  const patched = input.podTemplate(v, spec.template as Record<string, JsonValue>, checksum);
  return { manifest: { ...json, spec: { ...spec, template: patched.template } }, diagnostics: patched.diagnostics };
}
