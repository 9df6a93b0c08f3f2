import type { Chart as ChartType } from "cdk8s";
import type { KubeConfigMapProps, KubeRoleBindingProps, KubeRoleProps, KubeServiceAccountProps, KubeServiceProps, PolicyRule } from "cdk8s-plus-28/lib/imports/k8s.js";
import { cdk8s } from "./cdk8s-modules.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { CONFIG_FILE, configMapName, serviceAccountName, serviceName, VMCP_PORT } from "../kube/naming.js";
import type { ResolvedVmcp } from "../resolve/types.js";
import { configMapLabels, CONTENT_CHECKSUM_ANNOTATION, MANAGED_BY, selectorLabels, workloadLabels } from "./labels.js";
import type { KubeJson } from "./kube-json.js";
import type { JsonValue } from "./strategic-merge.js";
import type { PolicyObject } from "./network-policy/network-policies.js";
import type { ManifestObject, PodTemplatePatcher } from "./types.js";
import { buildDeploymentManifest } from "./vmcp-deployment.js";

const { ApiObject, App, Chart, JsonPatch } = cdk8s;

/** One object of the chart: a plain `ApiObject`, typed by cdk8s-plus-28's struct for its kind. */
function add<P>(chart: ChartType, id: string, apiVersion: string, kind: string, props: KubeJson<P>): void {
  new ApiObject(chart, id, { apiVersion, kind, ...props });
}

export interface ChartInput {
  readonly vmcp: ResolvedVmcp;
  readonly image: string;
  readonly configYaml: string;
  readonly checksum: string;
  readonly podTemplate?: PodTemplatePatcher;
  /** Objects built elsewhere (network policies), added to the chart so they get its namespace. */
  readonly extraObjects?: readonly PolicyObject[];
}

export interface ChartResult {
  readonly objects: ManifestObject[];
  readonly diagnostics: Diagnostic[];
}

const TOOLHIVE_GROUP = "toolhive.stacklok.dev";

// The operator's discovered-mode Role: read what the runtime discovers, and report status.
const DISCOVERED_RULES: PolicyRule[] = [
  { apiGroups: [""], resources: ["configmaps", "secrets"], verbs: ["get", "list", "watch"] },
  { apiGroups: [TOOLHIVE_GROUP], resources: ["mcpgroups", "mcpservers", "mcpremoteproxies", "mcpserverentries", "mcpexternalauthconfigs", "mcptoolconfigs"], verbs: ["get", "list", "watch"] },
  { apiGroups: [TOOLHIVE_GROUP], resources: ["virtualmcpservers"], verbs: ["get"] },
  { apiGroups: [TOOLHIVE_GROUP], resources: ["virtualmcpservers/status"], verbs: ["update", "patch"] },
];

/**
 * The ServiceAccount, and in discovered mode its Role and RoleBinding. None of them when
 * `spec.serviceAccount` names an existing account: its permissions are the user's business.
 */
function addIdentity(chart: ChartType, v: ResolvedVmcp): string {
  if (v.spec.serviceAccount) return v.spec.serviceAccount;
  const name = serviceAccountName(v.name);
  const discovered = v.mode === "discovered";
  const pullSecrets = v.imagePullSecrets ?? [];
  add<KubeServiceAccountProps>(chart, "service-account", "v1", "ServiceAccount", {
    metadata: { name, labels: { ...MANAGED_BY } },
    ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets.map((secret) => ({ name: secret })) } : {}),
    // Static mode needs no Kubernetes API access at all, so no token is mounted.
    ...(discovered ? {} : { automountServiceAccountToken: false }),
  });
  if (discovered) {
    add<KubeRoleProps>(chart, "role", "rbac.authorization.k8s.io/v1", "Role", { metadata: { name, labels: { ...MANAGED_BY } }, rules: DISCOVERED_RULES });
    add<KubeRoleBindingProps>(chart, "role-binding", "rbac.authorization.k8s.io/v1", "RoleBinding", {
      metadata: { name, labels: { ...MANAGED_BY } },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
      subjects: [{ kind: "ServiceAccount", name, namespace: v.namespace }],
    });
  }
  return name;
}

/**
 * Synthesises one VirtualMCPServer's objects through cdk8s. One App per VirtualMCPServer keeps
 * synthesis linear: cdk8s walks the whole construct tree for every chart it synthesises.
 */
export function synthesizeVmcpChart(input: ChartInput): ChartResult {
  const { vmcp: v, image, configYaml, checksum } = input;
  const app = new App({ outdir: "." });
  const chart = new Chart(app, "vmcp", { namespace: v.namespace, disableResourceNameHashes: true });
  const saName = addIdentity(chart, v);
  add<KubeConfigMapProps>(chart, "config", "v1", "ConfigMap", {
    metadata: { name: configMapName(v.name), labels: configMapLabels(v.name), annotations: { [CONTENT_CHECKSUM_ANNOTATION]: checksum } },
    data: { [CONFIG_FILE]: configYaml },
  });
  add<KubeServiceProps>(chart, "service", "v1", "Service", {
    metadata: { name: serviceName(v.name), labels: workloadLabels(v.name) },
    spec: {
      type: v.spec.serviceType ?? "ClusterIP",
      sessionAffinity: v.spec.sessionAffinity ?? "ClientIP",
      selector: selectorLabels(v.name),
      ports: [{ name: "http", port: VMCP_PORT, targetPort: VMCP_PORT, protocol: "TCP" }],
    },
  });
  const deployment = buildDeploymentManifest({ vmcp: v, image, checksum, serviceAccountName: saName, ...(input.podTemplate ? { podTemplate: input.podTemplate } : {}) });
  const { apiVersion, kind, metadata, spec } = deployment.manifest as { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: Record<string, JsonValue> };
  if (cdk8sCanSanitize(spec)) {
    new ApiObject(chart, "deployment", { apiVersion, kind, metadata, spec });
  } else {
    // The pod template carries the user's podTemplateSpec, arbitrary JSON that cdk8s's sanitiser
    // mangles (a null list item becomes undefined, a `constructor` key throws): such a template goes
    // in after sanitising, as a JSON patch, with its keys sorted as cdk8s sorts them.
    const { template, ...deploymentSpec } = spec;
    const object = new ApiObject(chart, "deployment", { apiVersion, kind, metadata, spec: { ...deploymentSpec, template: {} } });
    object.addJsonPatch(JsonPatch.replace("/spec/template", sortedJson(template ?? {})));
  }
  for (const o of input.extraObjects ?? []) new ApiObject(chart, `${o.kind}-${o.metadata.name}`, { ...o });
  return { objects: chart.toJson() as ManifestObject[], diagnostics: deployment.diagnostics };
}

/**
 * Whether cdk8s's resolver and sanitiser turn this JSON into itself with sorted keys and no null
 * members: no null or missing list items (they would become undefined), and no own `constructor`
 * or `__proto__` key (the sanitiser reads `constructor.name`; an assignment to `__proto__` sets the
 * prototype). True for everything vmcp-gen builds; a podTemplateSpec may hold anything.
 */
function cdk8sCanSanitize(value: JsonValue | undefined): boolean {
  if (Array.isArray(value)) return value.every((v) => v !== null && v !== undefined && cdk8sCanSanitize(v));
  if (typeof value !== "object" || value === null) return true;
  if (Object.hasOwn(value, "constructor") || Object.hasOwn(value, "__proto__")) return false;
  for (const key in value) if (!cdk8sCanSanitize(value[key])) return false;
  return true;
}

/** What cdk8s's sanitiser makes of plain JSON: keys sorted, null members left out; nothing else touched. */
function sortedJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (v !== null && v !== undefined) Object.defineProperty(out, key, { value: sortedJson(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
