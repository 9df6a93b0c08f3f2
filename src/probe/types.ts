import type { Resource } from "../load/types.js";

/** Where a backend's certificate must chain to: what the vMCP pod will trust for it. */
export interface Trust {
  /** Node's bundled Mozilla roots, as the vMCP image's system roots, plus the entry's bundle (the runtime appends it). */
  readonly bundle?: { readonly configMap: string; readonly key: string; readonly pem: string };
  /** The entry names a ConfigMap that is not among the inputs: its certificates are unknown here. */
  readonly missingConfigMap?: string;
}

/** A header the probe sends only with --auth-from-env: the name, and the env var holding the value. */
export interface ProbeCredential {
  readonly header: string;
  readonly env: string;
}

/** One backend of one VirtualMCPServer, as the vMCP pod will connect to it. */
export interface ProbeTarget {
  readonly vmcp: string;
  readonly backend: string;
  readonly kind: string;
  readonly url: string;
  readonly transport: string;
  readonly authType: string;
  readonly authConfigRef?: string;
  readonly trust: Trust;
  readonly credential?: ProbeCredential;
  /** The object the backend comes from, for located diagnostics. */
  readonly resource: Resource;
}

export type StepName = "dns" | "tcp" | "tls" | "mcp";

export interface StepResult {
  readonly step: StepName;
  readonly ok: boolean;
  /** Milliseconds, rounded to 0.1. */
  readonly ms: number;
  readonly detail: string;
}

export type ProbeStatus = "reachable" | "needs-auth" | "failed" | "skipped";

export interface ProbeResult {
  readonly vmcp: string;
  readonly backend: string;
  readonly kind: string;
  readonly url: string;
  readonly transport: string;
  readonly status: ProbeStatus;
  /** Why it failed, was skipped, or what answered. */
  readonly detail: string;
  readonly steps: readonly StepResult[];
  readonly totalMs: number;
  readonly server?: { readonly name: string; readonly version: string; readonly protocolVersion: string };
  readonly tools?: number;
  readonly sentCredential: boolean;
}

/** `--resolve HOST:PORT:ADDRESS` (curl's meaning). */
export interface ResolveOverride {
  readonly host: string;
  readonly port: number;
  readonly address: string;
}

export interface ProbeOptions {
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly inCluster: boolean;
  readonly resolve: readonly ResolveOverride[];
  /** `--auth-from-env`: the caller's environment, from which credentials are read by the pod's env var names. */
  readonly authEnv?: Readonly<Record<string, string | undefined>>;
  readonly clientVersion: string;
}
