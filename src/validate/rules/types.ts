import type { Diagnostic } from "../../diagnostics/types.js";
import type { ModelKind } from "../spec-types.js";
import type { ResourceIndex, Typed } from "../resource-index.js";

export interface RuleContext {
  readonly index: ResourceIndex;
  /** `--strict-refs`: objects referenced but not among the inputs are errors, not warnings. */
  readonly strictRefs: boolean;
}

/** A check on one validated object of kind K; it may look up other objects through the index. */
export type KindRule<K extends ModelKind> = (entry: Typed<K>, ctx: RuleContext) => Diagnostic[];

export type RuleSet = { readonly [K in ModelKind]?: readonly KindRule<K>[] };
