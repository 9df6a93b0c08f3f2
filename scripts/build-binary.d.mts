export declare const ARCHES: { readonly amd64: "x64"; readonly arm64: "arm64" };
export declare function buildBinaries(options: { arches: (keyof typeof ARCHES)[]; out: string }): Promise<string[]>;
