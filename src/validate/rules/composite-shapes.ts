import type { FieldPath } from "../../diagnostics/types.js";
import { issue, isObject, type CompositeIssue } from "./composite-issue.js";

/**
 * The parts of a composite tool that the CRDs leave free-form but the runtime decodes into typed
 * Go structs: the inner step of a forEach step (`step`, itself a workflow step) and the nested
 * `properties` of an output property. The schema check covers everything else; a wrong type here
 * makes the operator's conversion (or the runtime's decode) fail, so it is an error, found before
 * any rule reads these values as strings or numbers.
 */

type FieldType =
  | "string"
  | "integer"
  | "map"
  | "strings"
  | "any"
  | Shape
  | ((value: unknown, path: FieldPath, out: CompositeIssue[]) => void);
interface Shape {
  readonly [field: string]: FieldType;
}

const RESPONSE: Shape = { action: "string" };
const ON_ERROR: Shape = { action: "string", retryCount: "integer", retryDelay: "string" };

const STEP: Shape = {
  id: "string",
  type: "string",
  tool: "string",
  arguments: "map",
  condition: "string",
  dependsOn: "strings",
  onError: ON_ERROR,
  message: "string",
  schema: "map",
  timeout: "string",
  onDecline: RESPONSE,
  onCancel: RESPONSE,
  defaultResults: "any",
  collection: "string",
  itemVar: "string",
  maxParallel: "integer",
  maxIterations: "integer",
  step: (value, path, out) => checkShape(value, path, STEP, out),
};

const OUTPUT_PROPERTY: Shape = {
  type: "string",
  description: "string",
  value: "string",
  properties: (value, path, out) => checkPropertyMap(value, path, out),
  default: "any",
};

const EXPECTED: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  map: "a mapping",
  strings: "a list of strings",
};

function matches(type: "string" | "integer" | "map" | "strings", value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "map":
      return isObject(value);
    case "strings":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
  }
}

function checkShape(value: unknown, path: FieldPath, shape: Shape, out: CompositeIssue[]): void {
  if (!isObject(value)) {
    out.push(issue(path, "must be a mapping", "write it as a mapping of the fields the runtime expects here"));
    return;
  }
  for (const [field, type] of Object.entries(shape)) {
    const v = value[field];
    if (v === undefined || v === null || type === "any") continue;
    const at = [...path, field];
    if (typeof type === "function") type(v, at, out);
    else if (typeof type === "object") checkShape(v, at, type, out);
    else if (!matches(type, v))
      out.push(
        issue(
          at,
          `must be ${EXPECTED[type]}`,
          `give ${field} ${EXPECTED[type]}; the runtime decodes this field into a typed value`,
        ),
      );
  }
}

function checkPropertyMap(value: unknown, path: FieldPath, out: CompositeIssue[]): void {
  if (!isObject(value)) {
    out.push(
      issue(
        path,
        "must be a mapping of property names to properties",
        "write nested output properties as name: {type, description, value}",
      ),
    );
    return;
  }
  for (const [name, prop] of Object.entries(value)) checkShape(prop, [...path, name], OUTPUT_PROPERTY, out);
}

/** Type problems in the free-form parts of one composite tool (already schema-checked elsewhere). */
export function checkFreeFormShapes(path: FieldPath, tool: unknown): CompositeIssue[] {
  const out: CompositeIssue[] = [];
  if (!isObject(tool)) return out;
  const steps = Array.isArray(tool.steps) ? tool.steps : [];
  steps.forEach((s, i) => {
    if (isObject(s) && s.step !== undefined && s.step !== null)
      checkShape(s.step, [...path, "steps", i, "step"], STEP, out);
  });
  const properties = isObject(tool.output) && isObject(tool.output.properties) ? tool.output.properties : {};
  for (const [name, prop] of Object.entries(properties)) {
    if (isObject(prop) && prop.properties !== undefined && prop.properties !== null)
      checkPropertyMap(prop.properties, [...path, "output", "properties", name, "properties"], out);
  }
  return out;
}
