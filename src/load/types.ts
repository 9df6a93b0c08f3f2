import type { Diagnostic, SourceRef } from "../diagnostics/types.js";
import type { SourceIndex } from "./source-index.js";

/** A file (or stdin) as text, with the name diagnostics show for it. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** One Kubernetes object from the inputs, with where it came from. */
export interface Resource {
  readonly apiVersion: string;
  /** API group, `""` for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  /** Filled from `-n` or `default` when the input has none; `""` for cluster-scoped kinds. */
  readonly namespace: string;
  /** The input gives no namespace: `namespace` is the default (`-n`, or `default`). */
  readonly namespaceDefaulted?: true;
  /** The object as parsed; for a Secret only `apiVersion`, `kind`, `metadata.name/namespace` and `type`. */
  readonly body: Record<string, unknown>;
  readonly source: SourceRef;
  /** For a Secret: the names of its keys (`data` and `stringData`). Values are never kept. */
  readonly secretKeys?: readonly string[];
  /** An object (not a Secret) with a Secret embedded somewhere: `body` holds only its identity. */
  readonly embedsSecret?: true;
}

export interface LoadLimits {
  /** Bytes per input file. */
  readonly maxFileBytes: number;
  /** Bytes per YAML document. */
  readonly maxDocumentBytes: number;
  /** Nodes a document may expand to once its aliases are followed. */
  readonly maxExpandedNodes: number;
  /** Nesting depth of mappings and sequences. */
  readonly maxDepth: number;
}

export interface LoadOptions {
  /** Namespace for resources that have none (`-n`); `default` when unset. */
  readonly namespace?: string;
  readonly limits?: Partial<LoadLimits>;
  /** `--exclude`: gitignore patterns of files and folders not to read (read-inputs.ts). */
  readonly exclude?: readonly string[];
}

export interface LoadResult {
  readonly resources: readonly Resource[];
  readonly sources: SourceIndex;
  readonly diagnostics: readonly Diagnostic[];
}
