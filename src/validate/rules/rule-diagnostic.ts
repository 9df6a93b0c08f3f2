import type { DiagnosticCode } from "../../diagnostics/codes.js";
import { createError, createWarning } from "../../diagnostics/create.js";
import type { Diagnostic, FieldPath, ResourceId } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";

export function resourceId(r: Resource): ResourceId {
  return { kind: r.kind, namespace: r.namespace, name: r.name };
}

/** A finding about a field of an input object, located through the object's source. */
export function fieldError(r: Resource, code: DiagnosticCode, message: string, path: FieldPath, hint: string): Diagnostic {
  return createError(code, message, { resource: resourceId(r), source: r.source, path, hint });
}

export function fieldWarning(r: Resource, code: DiagnosticCode, message: string, path: FieldPath, hint: string): Diagnostic {
  return createWarning(code, message, { resource: resourceId(r), source: r.source, path, hint });
}
