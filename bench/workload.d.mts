// Types for workload.mjs (imported by test/bench/workload.test.ts).
export declare const NAMESPACES: number;
export declare const MEMBERS_PER_GROUP: number;
export declare function quickstartPem(): string;
export declare function namespaceOf(i: number): string;
export declare function vmcpName(i: number): string;
export interface WorkloadStats {
  readonly n: number;
  readonly files: number;
  readonly documents: number;
  readonly bytes: number;
}
export declare function generateWorkload(dir: string, n: number): WorkloadStats;
export declare function generateMergeWorkload(
  dir: string,
  n: number,
): { readonly n: number; readonly volumes: number; readonly bytes: number };
