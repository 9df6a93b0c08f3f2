/** A rendered Kubernetes object as plain JSON (what cdk8s synthesises). */
export type ManifestObject = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
};

export interface RenderOptions {
  /** Container image of the vMCP runtime. */
  readonly image: string;
  /**
   * Checks a pod template patched by `spec.podTemplateSpec` against the Kubernetes schema. Passed
   * in (see `pod-template-schema.ts`) so that its large validators load only when needed.
   */
  readonly checkPodTemplate?: PodTemplateCheck;
}

export type PodTemplateCheck = (template: unknown) => readonly { readonly path: readonly (string | number)[]; readonly message: string }[];

export const DEFAULT_IMAGE = "ghcr.io/stacklok/toolhive/vmcp:v0.44.0";

/**
 * The objects rendered for one VirtualMCPServer. Only these: at thousands of VirtualMCPServers,
 * every object kept until output is marked by every major GC (bench/PLAN.md, item 11).
 */
export interface RenderedVmcp {
  readonly namespace: string;
  readonly name: string;
  readonly objects: readonly ManifestObject[];
}
