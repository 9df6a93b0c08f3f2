import type { DiagnosticCode } from "./codes.js";
import { createError, createWarning } from "./create.js";
import type { Diagnostic, FieldPath, ResourceId, SourceRef } from "./types.js";

/** An input object as the rules see it: its identity and where it came from (load/types.ts's Resource has both). */
interface LocatedObject extends ResourceId {
  readonly source: SourceRef;
}

export function resourceId(r: LocatedObject): ResourceId {
  return { kind: r.kind, namespace: r.namespace, name: r.name };
}

/** A finding about a field of an input object, located through the object's source. */
export function fieldError(
  r: LocatedObject,
  code: DiagnosticCode,
  message: string,
  path: FieldPath,
  hint: string,
): Diagnostic {
  return createError(code, message, { resource: resourceId(r), source: r.source, path, hint });
}

export function fieldWarning(
  r: LocatedObject,
  code: DiagnosticCode,
  message: string,
  path: FieldPath,
  hint: string,
): Diagnostic {
  return createWarning(code, message, { resource: resourceId(r), source: r.source, path, hint });
}
