import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ciliumPolicyValidator } from "./cilium-schema.js";

type Validatable = { validate(): void };
type Model = new (data: never) => Validatable;

const MODELS: Record<string, Model> = {
  "v1/ConfigMap": ConfigMap as unknown as Model,
  "v1/Secret": Secret as unknown as Model,
  "v1/Service": Service as unknown as Model,
  "v1/ServiceAccount": ServiceAccount as unknown as Model,
  "apps/v1/Deployment": Deployment as unknown as Model,
  "rbac.authorization.k8s.io/v1/Role": Role as unknown as Model,
  "rbac.authorization.k8s.io/v1/RoleBinding": RoleBinding as unknown as Model,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy as unknown as Model,
};

/** Validates a rendered object against the Kubernetes API schema of its kind (kubernetes-models); throws on a problem. */
export function validateKubeObject(obj: { apiVersion: string; kind: string }): void {
  if (`${obj.apiVersion}/${obj.kind}` === "cilium.io/v2/CiliumNetworkPolicy") {
    // Against the Cilium CRD where ../shared is present (network-policy-schemas.test.ts says when it is not).
    const validate = ciliumPolicyValidator();
    if (validate && !validate(obj)) throw new Error(`CiliumNetworkPolicy: ${JSON.stringify(validate.errors)}`);
    return;
  }
  const Model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!Model) throw new Error(`no kubernetes-models class for ${obj.apiVersion}/${obj.kind}`);
  new Model(obj as never).validate();
}
