// Types for scripts/generate-schemas.mjs (plain JavaScript, so tests in TypeScript can import it
// while tsconfig keeps allowJs off). Keep in step with the JSDoc in the .mjs file.

export declare const TOOLHIVE_VERSION: string;
export declare const JSON_SCHEMA_DRAFT: string;
/** `../shared/reference/crds`, resolved against the repository root. */
export declare const DEFAULT_CRD_DIR: string;
/** `schemas/`, resolved against the repository root. */
export declare const DEFAULT_OUT_DIR: string;

export type SchemaNode = Record<string, unknown>;

export interface TransformStats {
  /** rules in the stripped `x-kubernetes-validations` lists */
  celRules: number;
  /** nodes that carried an `x-kubernetes-validations` list */
  celLists: number;
  preserveUnknownFields: number;
  nullable: number;
  intOrString: number;
  patternsTranslated: number;
}

export interface SchemaIndexEntry {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  /** path relative to `schemas/` */
  readonly file: string;
  readonly deprecated: boolean;
  readonly storage: boolean;
}

export declare function emptyStats(): TransformStats;

/** Rewrites RE2/POSIX bracket classes (`[[:space:]]`) into JavaScript (`[\s]`). */
export declare function translatePattern(pattern: string): string;

/** Transforms one Kubernetes structural-schema node, recursively, into JSON Schema. Pure. */
export declare function transformSchemaNode(node: unknown, stats?: TransformStats, where?: string): unknown;

/** A CRD version's `openAPIV3Schema` as a standalone draft-07 JSON Schema (adds `$schema`). */
export declare function toJsonSchema(openAPIV3Schema: unknown, stats?: TransformStats): SchemaNode;

/** The files to write under `schemas/`, keyed by POSIX path relative to it, sorted. Writes nothing. */
export declare function generateSchemas(crdDir?: string): Map<string, string>;

export declare function writeSchemas(
  files: Map<string, string>,
  outDir: string,
): { written: string[]; unchanged: string[]; removed: string[] };
