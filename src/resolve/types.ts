import type { Resource } from "../load/types.js";
import type { VirtualMCPServerSpec } from "../validate/spec-types.js";
import type { ResolvedConfigRefs } from "./config-refs.js";

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
export type EnvVar =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly secretKeyRef: { readonly name: string; readonly key: string } };

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

/** What one feature adds to the vMCP pod: env vars and read-only ConfigMap volumes, each in the operator's order. */
export interface PodAdditions {
  readonly env: readonly EnvVar[];
  readonly volumes: readonly CaBundleMount[];
}

/** config.yaml `incomingAuth.oidc`, from the MCPOIDCConfig and the VirtualMCPServer's `oidcConfigRef`. */
export interface ResolvedOidc {
  readonly issuer: string;
  /** Always written, possibly empty (no omitempty upstream). */
  readonly clientId: string;
  readonly clientSecretEnv?: string;
  readonly audience: string;
  readonly resource?: string;
  readonly jwksUrl?: string;
  readonly introspectionUrl?: string;
  readonly scopes?: readonly string[];
  readonly protectedResourceAllowPrivateIp: boolean;
  readonly jwksAllowPrivateIp: boolean;
  readonly insecureAllowHttp: boolean;
  readonly caBundlePath?: string;
}

/** config.yaml `incomingAuth.authz`: vMCP's authorizer is always Cedar. */
export interface ResolvedAuthz {
  readonly policies: readonly string[];
  readonly entitiesJson?: string;
  readonly primaryUpstreamProvider?: string;
  readonly groupClaimName?: string;
  readonly roleClaimName?: string;
  readonly groupEntityType?: string;
}

export interface ResolvedIncomingAuth {
  readonly type: string;
  readonly oidc?: ResolvedOidc;
  readonly authz?: ResolvedAuthz;
  /** The OIDC client secret and the OIDC CA bundle. */
  readonly pod: PodAdditions;
}

/** config.yaml `telemetry` (pkg/telemetry.Config) from an MCPTelemetryConfig, with its env vars and CA bundle. */
export interface ResolvedTelemetry {
  readonly endpoint?: string;
  readonly serviceName: string;
  readonly tracingEnabled: boolean;
  readonly metricsEnabled: boolean;
  /** A float in Go's shortest `'f'` form, e.g. "0.05". */
  readonly samplingRate?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly insecure: boolean;
  readonly enablePrometheusMetricsPath: boolean;
  readonly customAttributes?: Readonly<Record<string, string>>;
  readonly useLegacyAttributes: boolean;
  readonly pod: PodAdditions;
}

/** config.yaml `sessionStorage` (Redis only; memory writes nothing). The password is an env var, never config. */
export interface ResolvedSessionStorage {
  readonly provider: "redis";
  readonly address: string;
  readonly db?: number;
  readonly keyPrefix?: string;
  readonly pod: PodAdditions;
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
  /** MCPToolConfigs, composite tool definitions and the EmbeddingServer URL that `spec.config` refers to. */
  readonly configRefs?: ResolvedConfigRefs;
  /** Absent means `{type}` only (objects built by hand in tests). */
  readonly incomingAuth?: ResolvedIncomingAuth;
  readonly telemetry?: ResolvedTelemetry;
  readonly sessionStorage?: ResolvedSessionStorage;
  /** `spec.imagePullSecrets` names, de-duplicated, in spec order. */
  readonly imagePullSecrets?: readonly string[];
}
