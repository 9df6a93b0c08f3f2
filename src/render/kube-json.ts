import type { IntOrString, Quantity } from "cdk8s-plus-28/lib/imports/k8s.js";

/**
 * cdk8s-plus-28's Kubernetes structs as the JSON they serialise to: the `IntOrString` and
 * `Quantity` wrappers become their values. vmcp-gen builds objects with these types and hands
 * them to a plain cdk8s `ApiObject`, so the 2.6 MB module with the L1 classes is never loaded.
 */
export type KubeJson<T> = T extends IntOrString | Quantity
  ? string | number
  : T extends readonly (infer U)[]
    ? KubeJson<U>[]
    : T extends object
      ? { [K in keyof T]: KubeJson<T[K]> }
      : T;
