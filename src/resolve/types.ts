import type { Resource } from "../load/types.js";
import type { VirtualMCPServerSpec } from "../validate/models/virtual-mcp-server.js";

export type MemberKind = "MCPServer" | "MCPRemoteProxy" | "MCPServerEntry";
export type BackendTransport = "sse" | "streamable-http";

/** A JSON object whose key order is the order it is written in (config.yaml follows Go struct order). */
export type OrderedObject = { [key: string]: OrderedValue };
export type OrderedValue = string | number | boolean | OrderedObject | readonly OrderedValue[];

/** A CA bundle ConfigMap key mounted into the vMCP pod. */
export interface CaBundleMount {
  readonly volumeName: string;
  readonly configMap: string;
  readonly key: string;
  /** The directory; the file is `<mountPath>/<key>`. */
  readonly mountPath: string;
}

/** One entry of `backends:` in config.yaml, and what the pod needs for it. */
export interface ResolvedBackend {
  readonly name: string;
  readonly kind: MemberKind;
  readonly url: string;
  readonly transport: BackendTransport;
  readonly type?: "entry";
  readonly caBundlePath?: string;
  /** Sorted by key. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly caBundle?: CaBundleMount;
  readonly resource: Resource;
}

/** An environment variable of the vMCP container: a literal, or a key of a Secret. */
export type EnvVar = { readonly name: string; readonly value: string } | { readonly name: string; readonly secretKeyRef: { readonly name: string; readonly key: string } };

/** A backend auth strategy as config.yaml spells it (`type` plus its block), and the env vars it names. */
export interface ResolvedStrategy {
  readonly strategy: OrderedObject;
  readonly env: readonly EnvVar[];
}

export type OutgoingSource = "inline" | "discovered";

export interface ResolvedOutgoingAuth {
  readonly source: OutgoingSource;
  readonly default?: ResolvedStrategy;
  /** Keyed by backend name, sorted. */
  readonly backends: Readonly<Record<string, ResolvedStrategy>>;
}

/** Everything rendering needs for one VirtualMCPServer, with cross-object references resolved. */
export interface ResolvedVmcp {
  readonly resource: Resource;
  readonly spec: VirtualMCPServerSpec;
  readonly name: string;
  readonly namespace: string;
  readonly mode: OutgoingSource;
  readonly groupName: string;
  /** Inline mode only; sorted by name. Empty in discovered mode. */
  readonly backends: readonly ResolvedBackend[];
  readonly outgoingAuth: ResolvedOutgoingAuth;
  /** Secret-backed env vars the outgoing auth strategies name, sorted by name. */
  readonly authEnv: readonly EnvVar[];
  /** MCPServerEntry header forwarding, sorted by name. */
  readonly headerForwardEnv: readonly EnvVar[];
}
