// The patch schema of corev1.PodTemplateSpec, transcribed from the `patchStrategy`/`patchMergeKey` struct tags
// in k8s.io/api core/v1/types.go and k8s.io/apimachinery meta/v1/types.go. The operator passes
// `corev1.PodTemplateSpec{}` to strategicpatch, which reads exactly these tags, so a field that is absent here
// behaves as it does upstream: maps merge key-wise and lists are replaced whole.
// Besides the tags, the table records which fields are mappings or lists, so that a patch the operator could not
// decode back into a PodTemplateSpec is reported instead of rendered. Types the merge never descends into with a
// strategy (affinity, probes, volume sources…) are left undescribed.
// Deliberately not merged, because upstream tags them atomic: `envFrom`, `resizePolicy`, `restartPolicyRules`,
// `tolerations`, `readinessGates`, `securityContext.sysctls`. Lists added after the Kubernetes line ToolHive builds
// against (e.g. `evictionResponders`) are left out: the operator's decoder would drop them.

export type PatchTypeName =
  | "PodTemplateSpec"
  | "ObjectMeta"
  | "PodSpec"
  | "Container"
  | "ResourceRequirements"
  | "PodSecurityContext"
  | "SecurityContext"
  | "EnvVar"
  | "Volume";

/** How the patch treats one field: a mapping merged key-wise, or a list that is merged (by key or by value) or replaced. */
export type FieldStrategy =
  | { readonly kind: "mapping"; readonly type?: PatchTypeName }
  | { readonly kind: "list"; readonly merge: boolean; readonly mergeKey?: string; readonly type?: PatchTypeName };

const mapping = (type?: PatchTypeName): FieldStrategy => (type ? { kind: "mapping", type } : { kind: "mapping" });
const atomicList: FieldStrategy = { kind: "list", merge: false };
const mergeList = (mergeKey: string, type?: PatchTypeName): FieldStrategy =>
  type ? { kind: "list", merge: true, mergeKey, type } : { kind: "list", merge: true, mergeKey };

const VOLUME_SOURCES = [
  "configMap",
  "secret",
  "emptyDir",
  "persistentVolumeClaim",
  "projected",
  "downwardAPI",
  "csi",
  "ephemeral",
  "hostPath",
  "image",
  "nfs",
  "iscsi",
  "fc",
  "rbd",
  "cephfs",
  "cinder",
  "flexVolume",
  "azureFile",
  "azureDisk",
] as const;

const FIELDS: Readonly<Record<PatchTypeName, Readonly<Record<string, FieldStrategy>>>> = {
  PodTemplateSpec: { metadata: mapping("ObjectMeta"), spec: mapping("PodSpec") },
  ObjectMeta: {
    labels: mapping(),
    annotations: mapping(),
    finalizers: { kind: "list", merge: true },
    ownerReferences: mergeList("uid"),
    managedFields: atomicList,
  },
  PodSpec: {
    volumes: mergeList("name", "Volume"),
    initContainers: mergeList("name", "Container"),
    containers: mergeList("name", "Container"),
    ephemeralContainers: mergeList("name", "Container"),
    imagePullSecrets: mergeList("name"),
    hostAliases: mergeList("ip"),
    topologySpreadConstraints: mergeList("topologyKey"),
    schedulingGates: mergeList("name"),
    resourceClaims: mergeList("name"),
    tolerations: atomicList,
    readinessGates: atomicList,
    nodeSelector: mapping(),
    overhead: mapping(),
    securityContext: mapping("PodSecurityContext"),
    affinity: mapping(),
    dnsConfig: mapping(),
    os: mapping(),
    resources: mapping("ResourceRequirements"),
  },
  Container: {
    ports: mergeList("containerPort"),
    env: mergeList("name", "EnvVar"),
    volumeMounts: mergeList("mountPath"),
    volumeDevices: mergeList("devicePath"),
    args: atomicList,
    command: atomicList,
    envFrom: atomicList,
    resizePolicy: atomicList,
    restartPolicyRules: atomicList,
    resources: mapping("ResourceRequirements"),
    securityContext: mapping("SecurityContext"),
    livenessProbe: mapping(),
    readinessProbe: mapping(),
    startupProbe: mapping(),
    lifecycle: mapping(),
  },
  ResourceRequirements: { limits: mapping(), requests: mapping(), claims: atomicList },
  PodSecurityContext: {
    seLinuxOptions: mapping(),
    windowsOptions: mapping(),
    seccompProfile: mapping(),
    appArmorProfile: mapping(),
    supplementalGroups: atomicList,
    sysctls: atomicList,
  },
  SecurityContext: {
    capabilities: mapping(),
    seLinuxOptions: mapping(),
    windowsOptions: mapping(),
    seccompProfile: mapping(),
    appArmorProfile: mapping(),
  },
  EnvVar: { valueFrom: mapping() },
  Volume: Object.fromEntries(VOLUME_SOURCES.map((source) => [source, mapping()])),
};

/** The strategy of `field` in `type`; undefined for fields the table does not describe (merged generically). */
export function lookupFieldStrategy(type: PatchTypeName | undefined, field: string): FieldStrategy | undefined {
  if (type === undefined) return undefined;
  const fields = FIELDS[type];
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
}

/** The strategy each item of a list field is read with: a mapping when the list is keyed or typed. */
export function itemStrategy(list: FieldStrategy | undefined): FieldStrategy | undefined {
  if (list?.kind !== "list") return undefined;
  if (list.type) return mapping(list.type);
  return list.mergeKey === undefined ? undefined : mapping();
}
