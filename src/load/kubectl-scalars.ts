import jsYaml from "js-yaml";

/**
 * Plain scalars read as kubectl reads them. kubectl (and Argo CD) turn YAML into JSON with
 * sigs.k8s.io/yaml over go-yaml v2, kustomize (and Flux) with kyaml over go-yaml v3; both parse
 * integers with Go's base-0 rules, where the YAML 1.2 core schema (js-yaml's) does not: an integer
 * with a leading 0 is octal (`0644` is 420, `010` is 8), and `0X1F` is hexadecimal. vmcp-gen reads
 * them so. `yes`, `on`, `y` and the other YAML 1.1 booleans stay strings: go-yaml v2 reads them as
 * booleans, v3 as strings, so the tools disagree, and an object that depends on it is refused by
 * the schema (a boolean field) or kept as written (a string field). Timestamps stay strings
 * (go-yaml v2 decodes them into interface{} as strings).
 */

// The runtime's `types` export is not in the type definitions.
const types = (jsYaml as unknown as { types: Record<"null" | "bool" | "int" | "float" | "merge", jsYaml.Type> }).types;

// YAML 1.1's booleans: go-yaml v2 reads every one of them as a boolean.
const TRUE = new Set(["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
const FALSE = new Set(["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);
const NULL = new Set(["", "~", "null", "Null", "NULL"]);
/** A leading 0 and only octal digits: go-yaml v2 parses with Go's base-0 rules, so this is octal. */
const LEGACY_OCTAL = /^[-+]?0[0-7_]*[0-7][0-7_]*$/;
const UPPER_HEX = /^[-+]?0X[0-9a-fA-F_]+$/;

function signed(text: string): { sign: number; digits: string } {
  const s = text.replace(/_/g, "");
  return s.startsWith("-") ? { sign: -1, digits: s.slice(1) } : { sign: 1, digits: s.replace(/^\+/, "") };
}

/** Only a scalar starting with a digit or a sign can be a number: most scalars are ruled out by one character. */
function mayBeNumber(data: string): boolean {
  const c = data.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}

const int = new jsYaml.Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (data: string | null) =>
    data !== null && mayBeNumber(data) && (LEGACY_OCTAL.test(data) || UPPER_HEX.test(data) || types.int.resolve(data)),
  construct: (data: string) => {
    if (LEGACY_OCTAL.test(data)) {
      const { sign, digits } = signed(data);
      return sign * parseInt(digits, 8);
    }
    if (UPPER_HEX.test(data)) {
      const { sign, digits } = signed(data);
      return sign * parseInt(digits.slice(2), 16);
    }
    return types.int.construct(data);
  },
  predicate: (o: unknown) => typeof o === "number" && Number.isInteger(o),
});

/** The schema every input is parsed with: the YAML 1.2 core schema with integers as kubectl reads them, plus merge keys (`<<`). */
export const KUBECTL_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [types.null, types.bool, int, types.float, types.merge],
});

const FLOAT =
  /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;

/**
 * What a plain (unquoted) scalar is when kubectl reads it, if not a string: `null`, `boolean`
 * (YAML 1.1's too), `integer` or `float`. A map key that is not a string has no faithful JSON
 * form (sigs.k8s.io/yaml turns `on` into "true" where kyaml keeps "on", refuses `~`, prints floats
 * at 32-bit precision), so such keys are refused.
 */
export function plainScalarType(text: string): "null" | "boolean" | "integer" | "float" | undefined {
  // Every non-string spelling starts with a digit, a sign, a dot, `~`, or the first letter of a boolean or null word.
  if (text !== "" && !mayBeNumber(text) && !"~nNyYtTfFoO".includes(text[0]!)) return undefined;
  if (NULL.has(text)) return "null";
  if (TRUE.has(text) || FALSE.has(text)) return "boolean";
  if (LEGACY_OCTAL.test(text) || UPPER_HEX.test(text) || types.int.resolve(text)) return "integer";
  if (FLOAT.test(text) || types.float.resolve(text)) return "float";
  return undefined;
}
