import type { Construct } from "constructs";
import type { KubeRole, KubeRoleBinding, KubeServiceAccount, PolicyRule } from "cdk8s-plus-28/lib/imports/k8s.js";
import { serviceAccountName } from "../../kube/naming.js";
import type { ResolvedVmcp } from "../../resolve/types.js";
import { k8s } from "../cdk8s.js";
import { MANAGED_BY } from "../labels.js";

const TOOLHIVE_GROUP = "toolhive.stacklok.dev";

// The operator's discovered-mode Role: read what the runtime discovers, and report status.
const DISCOVERED_RULES: PolicyRule[] = [
  { apiGroups: [""], resources: ["configmaps", "secrets"], verbs: ["get", "list", "watch"] },
  {
    apiGroups: [TOOLHIVE_GROUP],
    resources: [
      "mcpgroups",
      "mcpservers",
      "mcpremoteproxies",
      "mcpserverentries",
      "mcpexternalauthconfigs",
      "mcptoolconfigs",
    ],
    verbs: ["get", "list", "watch"],
  },
  { apiGroups: [TOOLHIVE_GROUP], resources: ["virtualmcpservers"], verbs: ["get"] },
  { apiGroups: [TOOLHIVE_GROUP], resources: ["virtualmcpservers/status"], verbs: ["update", "patch"] },
];

export interface Identity {
  /** The account the pods run as. */
  readonly serviceAccountName: string;
  readonly serviceAccount?: KubeServiceAccount;
  readonly role?: KubeRole;
  readonly roleBinding?: KubeRoleBinding;
}

/**
 * The ServiceAccount, and in discovered mode its Role and RoleBinding. None of them when
 * `spec.serviceAccount` names an existing account: its permissions are the user's business.
 */
export function addIdentity(scope: Construct, v: ResolvedVmcp): Identity {
  if (v.spec.serviceAccount) return { serviceAccountName: v.spec.serviceAccount };
  const name = serviceAccountName(v.name);
  const metadata = { name, namespace: v.namespace, labels: { ...MANAGED_BY } };
  const discovered = v.mode === "discovered";
  const pullSecrets = v.imagePullSecrets ?? [];
  const serviceAccount = new k8s.KubeServiceAccount(scope, "service-account", {
    metadata,
    ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets.map((secret) => ({ name: secret })) } : {}),
    // Static mode needs no Kubernetes API access at all, so no token is mounted.
    ...(discovered ? {} : { automountServiceAccountToken: false }),
  });
  if (!discovered) return { serviceAccountName: name, serviceAccount };
  const role = new k8s.KubeRole(scope, "role", { metadata, rules: DISCOVERED_RULES });
  const roleBinding = new k8s.KubeRoleBinding(scope, "role-binding", {
    metadata,
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
    subjects: [{ kind: "ServiceAccount", name, namespace: v.namespace }],
  });
  return { serviceAccountName: name, serviceAccount, role, roleBinding };
}
