import type { DiagnosticCode } from "./codes.js";

export type Severity = "error" | "warning";

/** A path into a resource, as a list of keys and indices: `["spec", "groupRef", "name"]`. */
export type FieldPath = readonly (string | number)[];

/** `Kind/namespace/name`, the way users name a resource. */
export interface ResourceId {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** Where a resource came from: the file, the document in it, and the item of a `kind: List`. */
export interface SourceRef {
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly doc: number;
  /** 0-based index in `items` when the document is a list (`kind: List`, `SecretList`, any object with `items`). */
  readonly item?: number;
  /** For an item of a list nested in that list item: the indices in each deeper `items`, outermost first. */
  readonly subItems?: readonly number[];
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly hint?: string;
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
  readonly resource?: ResourceId;
  readonly path?: FieldPath;
  /** The source line the diagnostic points at, when the file is readable text and not a Secret. */
  readonly excerpt?: string;
  /**
   * The object this finding makes unusable, when it is not `resource` (a bad CA bundle ConfigMap
   * invalidates the MCPServerEntry that mounts it).
   */
  readonly subject?: ResourceId;
  /** Where to locate the diagnostic; resolved into file/line/column by the load stage. */
  readonly source?: SourceRef;
}

/** Every stage returns its value together with what it found wrong. */
export interface StageResult<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}
