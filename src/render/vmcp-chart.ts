import { App, Chart } from "cdk8s";
import {
  IntOrString,
  KubeConfigMap,
  KubeDeployment,
  KubeRole,
  KubeRoleBinding,
  KubeService,
  KubeServiceAccount,
  Quantity,
  type Container,
  type EnvVar as KubeEnvVar,
  type PolicyRule,
  type Volume,
  type VolumeMount,
} from "cdk8s-plus-28/lib/imports/k8s.js";
import type { EnvVar, ResolvedVmcp } from "../resolve/types.js";
import { configMapLabels, CONTENT_CHECKSUM_ANNOTATION, MANAGED_BY, RUNCONFIG_CHECKSUM_ANNOTATION, selectorLabels, workloadLabels } from "./labels.js";
import { CONFIG_FILE, CONFIG_MOUNT_DIR, configMapName, deploymentName, serviceAccountName, serviceName, VMCP_PORT } from "../kube/naming.js";
import { buildEnv } from "./pod-env.js";
import type { ManifestObject } from "./types.js";

export interface ChartInput {
  readonly vmcp: ResolvedVmcp;
  readonly image: string;
  readonly configYaml: string;
  readonly checksum: string;
}

const TOOLHIVE_GROUP = "toolhive.stacklok.dev";

// The operator's discovered-mode Role: read what the runtime discovers, and report status.
const DISCOVERED_RULES: PolicyRule[] = [
  { apiGroups: [""], resources: ["configmaps", "secrets"], verbs: ["get", "list", "watch"] },
  { apiGroups: [TOOLHIVE_GROUP], resources: ["mcpgroups", "mcpservers", "mcpremoteproxies", "mcpserverentries", "mcpexternalauthconfigs", "mcptoolconfigs"], verbs: ["get", "list", "watch"] },
  { apiGroups: [TOOLHIVE_GROUP], resources: ["virtualmcpservers"], verbs: ["get"] },
  { apiGroups: [TOOLHIVE_GROUP], resources: ["virtualmcpservers/status"], verbs: ["update", "patch"] },
];

function toKubeEnv(e: EnvVar): KubeEnvVar {
  return "value" in e ? { name: e.name, value: e.value } : { name: e.name, valueFrom: { secretKeyRef: { name: e.secretKeyRef.name, key: e.secretKeyRef.key } } };
}

function volumes(v: ResolvedVmcp): { volumes: Volume[]; mounts: VolumeMount[] } {
  const vols: Volume[] = [{ name: "vmcp-config", configMap: { name: configMapName(v.name) } }];
  const mounts: VolumeMount[] = [{ name: "vmcp-config", mountPath: CONFIG_MOUNT_DIR, readOnly: true }];
  // One volume per entry CA bundle, in backend-name order (the operator's order is informer order, i.e. none).
  for (const b of v.backends) {
    if (!b.caBundle) continue;
    vols.push({ name: b.caBundle.volumeName, configMap: { name: b.caBundle.configMap, items: [{ key: b.caBundle.key, path: b.caBundle.key }] } });
    mounts.push({ name: b.caBundle.volumeName, mountPath: b.caBundle.mountPath, readOnly: true });
  }
  // The root filesystem is read-only; HOME and XDG_CONFIG_HOME point here.
  vols.push({ name: "tmp", emptyDir: {} });
  mounts.push({ name: "tmp", mountPath: "/tmp" });
  return { volumes: vols, mounts };
}

function container(v: ResolvedVmcp, image: string, mounts: VolumeMount[]): Container {
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
    livenessProbe: { httpGet: { path: "/health", port: IntOrString.fromString("http") }, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: "/readyz", port: IntOrString.fromString("http") }, initialDelaySeconds: 15, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
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

/**
 * Synthesises one VirtualMCPServer's objects through cdk8s. One App per VirtualMCPServer keeps
 * synthesis linear: cdk8s walks the whole construct tree for every chart it synthesises.
 */
export function synthesizeVmcpChart(input: ChartInput): ManifestObject[] {
  const { vmcp: v, image, configYaml, checksum } = input;
  const app = new App({ outdir: "." });
  const chart = new Chart(app, "vmcp", { namespace: v.namespace, disableResourceNameHashes: true });
  const discovered = v.mode === "discovered";
  const saName = v.spec.serviceAccount ?? serviceAccountName(v.name);
  if (v.spec.serviceAccount === undefined) {
    new KubeServiceAccount(chart, "service-account", {
      metadata: { name: saName, labels: { ...MANAGED_BY } },
      // Static mode needs no Kubernetes API access at all, so no token is mounted.
      ...(discovered ? {} : { automountServiceAccountToken: false }),
    });
    if (discovered) {
      new KubeRole(chart, "role", { metadata: { name: saName, labels: { ...MANAGED_BY } }, rules: DISCOVERED_RULES });
      new KubeRoleBinding(chart, "role-binding", {
        metadata: { name: saName, labels: { ...MANAGED_BY } },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: saName },
        subjects: [{ kind: "ServiceAccount", name: saName, namespace: v.namespace }],
      });
    }
  }
  new KubeConfigMap(chart, "config", {
    metadata: { name: configMapName(v.name), labels: configMapLabels(v.name), annotations: { [CONTENT_CHECKSUM_ANNOTATION]: checksum } },
    data: { [CONFIG_FILE]: configYaml },
  });
  new KubeService(chart, "service", {
    metadata: { name: serviceName(v.name), labels: workloadLabels(v.name) },
    spec: {
      type: v.spec.serviceType ?? "ClusterIP",
      sessionAffinity: v.spec.sessionAffinity ?? "ClientIP",
      selector: selectorLabels(v.name),
      ports: [{ name: "http", port: VMCP_PORT, targetPort: IntOrString.fromNumber(VMCP_PORT), protocol: "TCP" }],
    },
  });
  const { volumes: vols, mounts } = volumes(v);
  new KubeDeployment(chart, "deployment", {
    metadata: { name: deploymentName(v.name), labels: workloadLabels(v.name) },
    spec: {
      ...(v.spec.replicas !== undefined ? { replicas: v.spec.replicas } : {}),
      selector: { matchLabels: selectorLabels(v.name) },
      template: {
        metadata: { labels: workloadLabels(v.name), annotations: { [RUNCONFIG_CHECKSUM_ANNOTATION]: checksum } },
        spec: {
          serviceAccountName: saName,
          ...(discovered ? {} : { automountServiceAccountToken: false }),
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
          containers: [container(v, image, mounts)],
          volumes: vols,
        },
      },
    },
  });
  return chart.toJson() as ManifestObject[];
}
