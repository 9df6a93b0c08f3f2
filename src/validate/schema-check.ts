import type { ErrorObject } from "ajv";
import { createError, formatFieldPath } from "../diagnostics/create.js";
import { closestMatch } from "../diagnostics/suggest.js";
import type { Diagnostic, FieldPath } from "../diagnostics/types.js";
import { isCredentialPath, isCredentialText } from "../kube/sensitive-values.js";
import type { Resource } from "../load/types.js";
import { TOOLHIVE_VERSION } from "../toolhive/version.js";
import { postReleaseFieldHint } from "./post-release-fields.js";
import { loadSchema, type SchemaEntry } from "./schema-registry.js";
import { schemaValidator, type SchemaValidator } from "./schema-validators.js";

/**
 * An Ajv error with what Ajv's `verbose` option would add: the failing value, the keyword's value
 * and the schema holding it. The generated validators run without `verbose` (it would embed schema
 * fragments in every error path of the code); these are looked up from the paths, only for the
 * errors there are.
 */
interface SchemaError extends Omit<ErrorObject, "data" | "schema" | "parentSchema"> {
  readonly data: unknown;
  readonly schema: unknown;
  readonly parentSchema: unknown;
}

function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let node = root;
  for (const seg of segments) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[String(seg)];
  }
  return node;
}

function withContext(e: ErrorObject, body: unknown, schema: unknown): SchemaError {
  const schemaPath = pointerToPath(e.schemaPath.replace(/^#/, "")).map(String);
  return {
    ...e,
    data: valueAt(body, pointerToPath(e.instancePath)),
    schema: valueAt(schema, schemaPath),
    parentSchema: valueAt(schema, schemaPath.slice(0, -1)),
  };
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((seg) => (/^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : seg));
}

/** The value as a message shows it; only its type where the value is credential-like (kube/sensitive-values.ts). */
function describeValue(v: unknown, path: FieldPath): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (isCredentialPath(path) || (typeof v === "string" && isCredentialText(v)))
    return `a ${typeof v} (not shown: the field holds a credential)`;
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function fieldName(path: FieldPath): string {
  return path.length === 0 ? "the object" : formatFieldPath(path);
}

type Located = { code: Diagnostic["code"]; message: string; hint: string; path: FieldPath };

function translate(e: SchemaError, resource: Resource): Located {
  const path = pointerToPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required": {
      const missing = String(p.missingProperty);
      const full = [...path, missing];
      return {
        code: "VMCP202",
        message: `${fieldName(full)} is required`,
        hint: `add \`${missing}:\` under ${fieldName(path)}`,
        path: full,
      };
    }
    case "additionalProperties": {
      const extra = String(p.additionalProperty);
      const later = postReleaseFieldHint(resource.kind, [...path, extra]);
      if (later !== undefined) {
        return {
          code: "VMCP211",
          message: `${fieldName([...path, extra])} is not a field of ${resource.kind} in ToolHive ${TOOLHIVE_VERSION}, the release vmcp-gen renders for: a later ToolHive release added it`,
          hint: later,
          path: [...path, extra],
        };
      }
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closestMatch(extra, known);
      const hint = guess
        ? `did you mean \`${guess}\`? The API server rejects unknown fields under strict field validation`
        : known.length > 0
          ? `remove it; fields allowed here: ${known.join(", ")}`
          : "remove it; this object takes no fields";
      return {
        code: "VMCP203",
        message: `unknown field ${fieldName([...path, extra])} in ${resource.kind} ${resource.version}`,
        hint,
        path: [...path, extra],
      };
    }
    case "type":
      return {
        code: "VMCP204",
        message: `${fieldName(path)} must be ${String(p.type)}, not ${describeValue(e.data, path)}`,
        hint: typeHint(String(p.type), e.data),
        path,
      };
    case "enum": {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const guess =
        typeof e.data === "string" ? closestMatch(e.data, (p.allowedValues as unknown[]).map(String)) : undefined;
      return {
        code: "VMCP205",
        message: `${fieldName(path)} must be one of ${allowed.join(", ")}, not ${describeValue(e.data, path)}`,
        hint: guess ? `did you mean "${guess}"?` : `use one of ${allowed.join(", ")}`,
        path,
      };
    }
    case "pattern":
      return {
        code: "VMCP206",
        message: `${fieldName(path)} ${describeValue(e.data, path)} does not match the pattern ${String(p.pattern)}`,
        hint: patternHint(String(p.pattern)),
        path,
      };
    case "format":
      return {
        code: "VMCP208",
        message: `${fieldName(path)} is not a valid ${String(p.format)}: ${describeValue(e.data, path)}`,
        hint: formatHint(String(p.format)),
        path,
      };
    case "minimum":
    case "maximum":
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties":
      return {
        code: "VMCP207",
        message: `${fieldName(path)} ${e.message}`,
        hint: "change the value to fit the limit the CRD sets",
        path,
      };
    default:
      return {
        code: "VMCP208",
        message: `${fieldName(path)} ${e.message}`,
        hint: "check the field against the ToolHive CRD reference",
        path,
      };
  }
}

function typeHint(expected: string, actual: unknown): string {
  if (expected.includes("string") && (typeof actual === "number" || typeof actual === "boolean"))
    return "quote the value so YAML reads it as a string";
  if (expected.includes("integer") && typeof actual === "string" && /^\d+$/.test(actual))
    return "remove the quotes so YAML reads it as a number";
  if (expected.includes("object")) return "write a mapping (`key: value` lines) here";
  if (expected.includes("array")) return "write a list (`- item` lines) here";
  return `write a value of type ${expected}`;
}

function patternHint(pattern: string): string {
  if (pattern.includes("ns|us|µs|ms|s|m|h")) return "write a Go duration such as 30s, 5m or 1m30s";
  if (pattern.startsWith("^https?://")) return "write an absolute http:// or https:// URL";
  if (pattern.startsWith("^https://")) return "write an absolute https:// URL";
  if (pattern.includes("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || pattern.includes("[a-z0-9]([a-z0-9-]*[a-z0-9])?"))
    return "use lower-case letters, digits and '-', starting and ending with a letter or digit";
  return "change the value to match the pattern";
}

function formatHint(format: string): string {
  if (format === "duration") return "write a Go duration such as 30s, 5m or 1m30s";
  if (format === "date-time") return "write an RFC 3339 time such as 2025-01-02T15:04:05Z";
  if (format === "int32") return "use an integer between -2147483648 and 2147483647";
  return `write a valid ${format}`;
}

/**
 * Every branch of a failed `anyOf` (e.g. int-or-string) reports its own errors; keep one error
 * per union instead, saying what the union accepts.
 */
function collapseUnions(errors: readonly SchemaError[]): SchemaError[] {
  const unions = errors.filter((e) => e.keyword === "anyOf");
  if (unions.length === 0) return [...errors];
  const inUnion = (e: SchemaError) =>
    unions.some((u) => u !== e && e.instancePath === u.instancePath && e.schemaPath.startsWith(`${u.schemaPath}/`));
  return errors
    .filter((e) => !inUnion(e))
    .map((e) => {
      if (e.keyword !== "anyOf") return e;
      const branches = (e.schema as { type?: string }[] | undefined) ?? [];
      const types = branches.map((b) => b.type).filter((t): t is string => typeof t === "string");
      return types.length === branches.length && types.length > 0
        ? { ...e, keyword: "type", params: { type: types.join(" or ") } }
        : e;
    });
}

/** Checks a (defaulted) resource against the JSON Schema of its apiVersion and kind; every finding, not the first. */
export function checkSchema(resource: Resource, body: unknown, entry: SchemaEntry): Diagnostic[] {
  return checkWithValidator(resource, body, loadSchema(entry), schemaValidator(entry));
}

/** {@link checkSchema} with the validator of `schema` given (tests compile synthetic schemas with Ajv). */
export function checkWithValidator(
  resource: Resource,
  body: unknown,
  schema: unknown,
  validate: SchemaValidator,
): Diagnostic[] {
  if (validate(body)) return [];
  const errors = (validate.errors ?? []).map((e) => withContext(e, body, schema));
  const id = { kind: resource.kind, namespace: resource.namespace, name: resource.name };
  return collapseUnions(errors).map((e) => {
    const t = translate(e, resource);
    return createError(t.code, t.message, { hint: t.hint, path: t.path, resource: id, source: resource.source });
  });
}
