// Types for scripts/binary/inputs-digest.mjs (plain JavaScript).
export declare function binaryInputsDigest(root: string): string;
export declare function digestFile(root: string, arch: string): string;
