import type { FieldPath } from "../../diagnostics/types.js";
import type { NestedOutputProperty, OutputConfig } from "../spec-types.js";
import { issue, isObject, type CompositeIssue } from "./composite-issue.js";
import { outputTemplateProblem } from "./composite-templates.js";

/**
 * `output` and `parameters` of a composite tool: the runtime's output validator
 * (composer/output_validator.go, run when the workflow is loaded at startup) and the loader's
 * parameter rules. A tool that fails them is refused when vMCP starts, after the rollout.
 */

const OUTPUT_TYPES = new Set(["string", "integer", "number", "boolean", "object", "array"]);
const MAX_DEPTH = 10;

// As lenient as the runtime: any type accepts a string (converted at run time), numbers need not be whole.
function defaultMatchesType(value: unknown, type: string): boolean {
  if (typeof value === "string") return true;
  switch (type) {
    case "integer":
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    default:
      return true;
  }
}

function checkProperty(
  out: CompositeIssue[],
  path: FieldPath,
  name: string,
  prop: NestedOutputProperty,
  depth: number,
): void {
  if (depth > MAX_DEPTH) {
    out.push(
      issue(path, `property "${name}" is nested deeper than ${MAX_DEPTH} levels`, "flatten the output structure"),
    );
    return;
  }
  const type = prop.type ?? "";
  if (type === "")
    out.push(
      issue(path, `property "${name}" has no type`, "set type to string, integer, number, boolean, object or array"),
    );
  else if (!OUTPUT_TYPES.has(type))
    out.push(
      issue(
        [...path, "type"],
        `property "${name}" has invalid type "${type}"`,
        "use string, integer, number, boolean, object or array",
      ),
    );
  if (!prop.description)
    out.push(
      issue(
        path,
        `property "${name}" has no description`,
        "add a description; the runtime requires one for every output property",
      ),
    );
  const hasValue = (prop.value ?? "") !== "";
  const nested = Object.entries(prop.properties ?? {});
  if (hasValue && nested.length > 0)
    out.push(
      issue(
        path,
        `property "${name}" has both value and properties`,
        "keep one: value (a template) or properties (nested fields)",
      ),
    );
  else if (!hasValue && nested.length === 0)
    out.push(
      issue(
        path,
        `property "${name}" has neither value nor properties`,
        "add value: a template such as '{{.steps.fetch.output.text}}'",
      ),
    );
  else if (type !== "object" && type !== "" && !hasValue)
    out.push(
      issue(
        path,
        `property "${name}" of type ${type} must use value, not properties`,
        "only type: object may have nested properties",
      ),
    );
  if (hasValue) {
    const problem = outputTemplateProblem(prop.value!);
    if (problem)
      out.push(
        issue(
          [...path, "value"],
          `property "${name}" has invalid template syntax: ${problem}`,
          "balance the {{ and }} delimiters",
        ),
      );
  }
  if (
    prop.default !== undefined &&
    prop.default !== null &&
    OUTPUT_TYPES.has(type) &&
    !defaultMatchesType(prop.default, type)
  ) {
    out.push(
      issue(
        [...path, "default"],
        `property "${name}": default does not match type ${type}`,
        `give a default of type ${type}, or remove it`,
      ),
    );
  }
  if (type === "object")
    for (const [child, p] of nested)
      checkProperty(out, [...path, "properties", child], `${name}.${child}`, p, depth + 1);
}

export function checkOutput(path: FieldPath, output: OutputConfig | undefined): CompositeIssue[] {
  if (!output) return [];
  const out: CompositeIssue[] = [];
  const properties = output.properties ?? {};
  if (Object.keys(properties).length === 0)
    out.push(
      issue(
        [...path, "properties"],
        "output properties cannot be empty",
        "declare at least one output property, or remove output",
      ),
    );
  (output.required ?? []).forEach((name, i) => {
    if (!Object.hasOwn(properties, name))
      out.push(
        issue(
          [...path, "required", i],
          `required field "${name}" does not exist in properties`,
          `declare "${name}" under output.properties, or remove it from required`,
        ),
      );
  });
  for (const [name, prop] of Object.entries(properties))
    checkProperty(out, [...path, "properties", name], name, prop, 0);
  return out;
}

/** A non-empty `parameters` must be a JSON Schema of `type: object`. */
export function checkParameters(path: FieldPath, params: Record<string, unknown> | undefined): CompositeIssue[] {
  if (!params || Object.keys(params).length === 0) return [];
  const out: CompositeIssue[] = [];
  const hint = "write parameters as a JSON Schema object: {type: object, properties: {...}, required: [...]}";
  if (!("type" in params)) out.push(issue(path, "parameters must have a type field (object)", hint));
  else if (params.type !== "object")
    out.push(issue([...path, "type"], `parameters type must be "object" (got ${JSON.stringify(params.type)})`, hint));
  if ("properties" in params && !isObject(params.properties))
    out.push(issue([...path, "properties"], "parameters properties must be an object", hint));
  if ("required" in params && !Array.isArray(params.required))
    out.push(issue([...path, "required"], "parameters required must be a list", hint));
  return out;
}
