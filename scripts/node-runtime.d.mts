export declare const NODE_RUNTIMES: { binary: string; lines: Record<string, string> };
export declare function cacheDir(env?: Record<string, string | undefined>): string;
export declare function ensureNodeRuntime(version: string, arch?: "x64" | "arm64"): string;
