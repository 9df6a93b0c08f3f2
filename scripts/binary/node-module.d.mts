// Types for scripts/binary/node-module.mjs (plain JavaScript), for the test that keeps it in step with src/.
export declare const BUNDLED: Readonly<Record<string, () => unknown>>;
export declare function createRequire(base: unknown): (id: string) => unknown;
