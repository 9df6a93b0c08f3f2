import { PodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";

/** One way the patched pod template is not a valid `corev1.PodTemplateSpec`. */
export interface TemplateSchemaIssue {
  /** Path inside the pod template. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
}

const MAX_ISSUES = 10;

/**
 * Ajv's errors for `template`. kubernetes-models 4 (the line whose engines include Node 20) does
 * not export its raw schema validators, only model classes whose `validate()` throws Ajv's
 * ValidationError carrying them.
 */
function schemaErrors(template: unknown): readonly SchemaError[] {
  try {
    new PodTemplateSpec(template as ConstructorParameters<typeof PodTemplateSpec>[0]).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) return errors as SchemaError[];
    throw e;
  }
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function describe(e: SchemaError): string {
  switch (e.keyword) {
    case "type":
      return `must be ${e.params.type === "integer" ? "an integer" : e.params.type === "object" ? "a mapping" : e.params.type === "array" ? "a list" : `a ${String(e.params.type)}`}`;
    case "required":
      return `needs ${String(e.params.missingProperty)}`;
    case "enum":
      return `must be one of ${(e.params.allowedValues as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(", ") ?? "the allowed values"}`;
    case "format":
      return `must be a valid ${String(e.params.format)}`;
    default:
      return `fails the Kubernetes schema (${e.keyword} ${JSON.stringify(e.params)})`;
  }
}

/**
 * The Kubernetes API schema of `PodTemplateSpec` (kubernetes-models), checked on the pod template
 * after the user's podTemplateSpec was merged in. The operator decodes the merged JSON back into
 * a PodTemplateSpec and stops on a type error; the API server refuses what the schema refuses.
 * Loaded only when a podTemplateSpec is present: the validators are large.
 */
export function checkPodTemplateSchema(template: unknown): TemplateSchemaIssue[] {
  const errors = schemaErrors(template);
  const seen = new Set<string>();
  const out: TemplateSchemaIssue[] = [];
  for (const e of errors) {
    const key = `${e.instancePath}\u0000${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const path = pointerToPath(e.instancePath);
    out.push({
      path: e.keyword === "required" ? [...path, String(e.params.missingProperty)] : path,
      message: describe(e),
    });
    if (out.length === MAX_ISSUES) break;
  }
  return out;
}
