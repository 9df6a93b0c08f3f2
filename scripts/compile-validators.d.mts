// Types for scripts/compile-validators.mjs (plain JavaScript, so tests in TypeScript can import it
// while tsconfig keeps allowJs off). Keep in step with the JSDoc in the .mjs file.

export declare const AJV_OPTIONS: { readonly allErrors: true; readonly strict: false; readonly validateFormats: true };
export declare function compileValidators(): { file: string; module: string }[];
