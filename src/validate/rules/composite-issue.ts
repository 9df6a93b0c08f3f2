import type { FieldPath, Severity } from "../../diagnostics/types.js";

/**
 * A problem in one composite tool, located by its absolute field path. The same checks run on
 * inline `spec.config.compositeTools[i]` and on a VirtualMCPCompositeToolDefinition's `spec`;
 * the rule that runs them turns issues into diagnostics of the owning resource.
 */
export interface CompositeIssue {
  readonly severity: Severity;
  readonly path: FieldPath;
  readonly message: string;
  readonly hint: string;
}

/** `spec.config.compositeTools[0].steps[2].tool`, the way messages name a field. */
export function dotted(path: FieldPath): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out === "" ? seg : `.${seg}`;
  return out;
}

export function issue(path: FieldPath, message: string, hint: string): CompositeIssue {
  return { severity: "error", path, message: `${dotted(path)}: ${message}`, hint };
}

export function warning(path: FieldPath, message: string, hint: string): CompositeIssue {
  return { severity: "warning", path, message: `${dotted(path)}: ${message}`, hint };
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
