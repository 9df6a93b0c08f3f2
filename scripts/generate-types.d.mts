// Types for scripts/generate-types.mjs (plain JavaScript, so tests in TypeScript can import it
// while tsconfig keeps allowJs off). Keep in step with the JSDoc in the .mjs file.

/** src/validate/crd-types/, resolved against the repository root. */
export declare const TYPES_DIR: string;
export declare function typeModuleName(kind: string): string;
export declare function withDefaultsRequired(node: unknown): unknown;
/** Every generated file, by its name in src/validate/crd-types/, and its text. */
export declare function generateTypes(): Promise<Map<string, string>>;
