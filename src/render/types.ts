import type { ApiObject } from "cdk8s";
import type { Construct } from "constructs";
import type { Diagnostic } from "../diagnostics/types.js";
import type { ResolvedVmcp } from "../resolve/types.js";
import type { JsonValue } from "./strategic-merge.js";

/** A rendered Kubernetes object as plain JSON (what cdk8s synthesises). */
export type ManifestObject = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
};

/**
 * The optional parts of a render, passed in as functions so that a render without them never
 * loads their modules: the strategic merge, the Pod Security checks and the Kubernetes schema
 * validators of a podTemplateSpec are large, and most inputs never need them.
 */
export interface RenderExtensions {
  /**
   * Applies a VirtualMCPServer's `spec.podTemplateSpec` (render/pod-template-spec.ts); required
   * when it has one.
   */
  readonly podTemplate?: PodTemplatePatcher;
  /** `--network-policy`: adds the vMCP pod's network policy (render/network-policy/). */
  readonly networkPolicy?: NetworkPolicyBuilder;
}

export interface RenderOptions extends RenderExtensions {
  /** Container image of the vMCP runtime. */
  readonly image: string;
}

export type PodTemplatePatcher = (
  v: ResolvedVmcp,
  template: Record<string, JsonValue>,
  checksum: string,
) => { template: Record<string, JsonValue>; diagnostics: Diagnostic[] };

export type NetworkPolicyBuilder = (
  scope: Construct,
  v: ResolvedVmcp,
) => { policy?: ApiObject; diagnostics: Diagnostic[] };

export type PodTemplateCheck = (
  template: unknown,
) => readonly { readonly path: readonly (string | number)[]; readonly message: string }[];

/**
 * The objects rendered for one VirtualMCPServer. Only these: at thousands of VirtualMCPServers,
 * every object kept until output is marked by every major GC (bench/PLAN.md, item 11).
 */
export interface RenderedVmcp {
  readonly namespace: string;
  readonly name: string;
  readonly objects: readonly ManifestObject[];
  /**
   * Input objects that are part of the output unchanged: the ConfigMaps this VirtualMCPServer's
   * pods mount (render/input-objects.ts). A ConfigMap two of them mount is listed with the first.
   */
  readonly inputs?: readonly ManifestObject[];
}
