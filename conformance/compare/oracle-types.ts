/** What the Go oracle prints (conformance/oracle); field names are its JSON contract. */

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly [k: string]: unknown;
  };
  readonly [k: string]: unknown;
}

export type AdmitOrigin = "schema" | "cel" | "unknown-field" | "objectmeta" | "listtype" | "decode";

export interface AdmitError {
  readonly field: string;
  readonly type: string;
  readonly detail: string;
  readonly message: string;
  readonly origin: AdmitOrigin;
}

export interface AdmitEntry {
  readonly file: string;
  readonly index: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly accepted: boolean;
  readonly skipped?: boolean;
  readonly errors: readonly AdmitError[];
  readonly object?: KubeObject;
}

export interface AdmitResult {
  readonly results: readonly AdmitEntry[];
}

export interface ReconciledVmcp {
  readonly namespace: string;
  readonly name: string;
  readonly reconcileError: string;
  readonly passes: number;
  readonly converged: boolean;
  readonly status?: Record<string, unknown>;
}

export interface ReconcileResult {
  readonly admission: readonly AdmitEntry[];
  readonly objects: readonly KubeObject[];
  readonly virtualMCPServers: readonly ReconciledVmcp[];
  readonly members?: readonly { kind: string; namespace: string; name: string; status?: Record<string, unknown> }[];
}

export interface RuntimeResult {
  readonly accepted: boolean;
  readonly stage?: "load" | "validate";
  readonly error?: string;
}
