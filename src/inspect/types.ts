import type { MemberKind, OutgoingSource } from "../resolve/types.js";

/** The phases of `VirtualMCPServer.status.phase`. */
export type Phase = "Ready" | "Pending" | "Degraded" | "Failed";

/** A `metav1.Condition` without its timestamps (offline there is no time to report). */
export interface InspectCondition {
  readonly type: string;
  readonly status: "True" | "False" | "Unknown";
  readonly reason: string;
  readonly message: string;
}

/** One backend of the group as vMCP will see it. */
export interface InspectBackend {
  readonly name: string;
  readonly kind: MemberKind;
  readonly url: string;
  readonly transport: string;
  /** The outgoing auth strategy type as config.yaml spells it (`unauthenticated`, `token_exchange`, …). */
  readonly authType: string;
  /** The MCPExternalAuthConfig the strategy comes from. */
  readonly authConfigRef?: string;
  /** Static mode: the mounted CA bundle file. */
  readonly caBundlePath?: string;
  /** Discovered mode: the CA bundle ConfigMap (`name/key`) vMCP reads through the API. */
  readonly caBundleConfigMap?: string;
}

/** A group member left out by `--skip-invalid-backends`, and why. */
export interface DroppedBackend {
  readonly name: string;
  readonly kind: string;
  readonly reason: string;
}

/** An entry of `status.discoveredBackends`. */
export interface DiscoveredBackend {
  readonly name: string;
  readonly url: string;
  readonly status: "ready";
  readonly authType: string;
  readonly authConfigRef?: string;
}

export interface InspectStatus {
  readonly phase: Phase;
  readonly message: string;
  readonly url: string;
  readonly conditions: readonly InspectCondition[];
  readonly discoveredBackends: readonly DiscoveredBackend[];
  readonly backendCount: number;
}

/** What `vmcp-gen inspect` reports for one VirtualMCPServer. */
export interface VmcpInspection {
  readonly namespace: string;
  readonly name: string;
  readonly mode: OutgoingSource;
  readonly group: string;
  readonly url: string;
  readonly backends: readonly InspectBackend[];
  readonly droppedBackends: readonly DroppedBackend[];
  readonly status: InspectStatus;
}
