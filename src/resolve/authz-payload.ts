import { yamlPackage } from "../load/yaml-package.js";

/** The Cedar options vMCP's config.yaml takes from an authz payload (`cedar.ConfigOptions`). */
export interface CedarOptions {
  readonly policies: readonly string[];
  readonly entitiesJson: string;
  readonly groupClaimName: string;
  readonly roleClaimName: string;
  readonly groupEntityType: string;
}

export interface PayloadProblem {
  readonly message: string;
  /** Where in the payload, as far as it can be told. */
  readonly path: readonly (string | number)[];
}

export type PayloadResult = { readonly options: CedarOptions } | { readonly problem: PayloadProblem };

export const CEDAR_TYPE = "cedarv1";
/** The authorizer backends ToolHive v0.44.0 registers; only Cedar works behind vMCP. */
export const REGISTERED_AUTHZ_TYPES: readonly string[] = [CEDAR_TYPE, "httpv1"];

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const problem = (message: string, path: readonly (string | number)[] = []): PayloadResult => ({
  problem: { message, path },
});

/**
 * Go's encoding/json matches object keys to struct fields case-insensitively, and when several
 * keys match one field the last one wins. Payloads are read the way the operator reads them.
 */
function goField(obj: Obj, field: string): { key: string; value: unknown } | undefined {
  let found: { key: string; value: unknown } | undefined;
  const want = field.toLowerCase();
  for (const [key, value] of Object.entries(obj)) if (key.toLowerCase() === want) found = { key, value };
  return found;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  return typeof v === "object" ? "a mapping" : `the ${typeof v} ${JSON.stringify(v)}`;
}

/** A string field; JSON null leaves Go's zero value. */
function stringField(obj: Obj, field: string, at: readonly (string | number)[]): { value: string } | PayloadProblem {
  const f = goField(obj, field);
  if (!f || f.value === null) return { value: "" };
  if (typeof f.value !== "string")
    return { message: `${[...at, f.key].join(".")} must be a string, not ${describe(f.value)}`, path: [...at, f.key] };
  return { value: f.value };
}

function stringListField(
  obj: Obj,
  field: string,
  at: readonly (string | number)[],
): { value: string[] } | PayloadProblem {
  const f = goField(obj, field);
  if (!f || f.value === null) return { value: [] };
  const path = [...at, f.key];
  if (!Array.isArray(f.value))
    return { message: `${path.join(".")} must be a list of strings, not ${describe(f.value)}`, path };
  const out: string[] = [];
  for (const [i, item] of f.value.entries()) {
    if (item === null) out.push("");
    else if (typeof item === "string") out.push(item);
    else return { message: `${path.join(".")}[${i}] must be a string, not ${describe(item)}`, path: [...path, i] };
  }
  return { value: out };
}

const isProblem = (v: object): v is PayloadProblem => "message" in v;

/**
 * The Cedar body (`cedar.ConfigOptions`): what the Cedar factory's ValidateConfig accepts — the
 * known fields with their Go types, and at least one policy. Policy syntax is checked by vMCP at
 * start-up, not by the operator.
 */
export function readCedarOptions(body: unknown, at: readonly (string | number)[]): PayloadResult {
  if (body === null || body === undefined)
    return problem("cedar configuration is required (missing 'cedar' field)", at);
  if (!isObject(body))
    return problem(`${at.join(".") || "the Cedar configuration"} must be a mapping, not ${describe(body)}`, at);
  const policies = stringListField(body, "policies", at);
  if (isProblem(policies)) return { problem: policies };
  const strings: Record<string, string> = {};
  for (const field of [
    "entities_json",
    "primary_upstream_provider",
    "group_claim_name",
    "role_claim_name",
    "group_entity_type",
  ]) {
    const v = stringField(body, field, at);
    if (isProblem(v)) return { problem: v };
    strings[field] = v.value;
  }
  const multi = stringListField(body, "multi_valued_claims", at);
  if (isProblem(multi)) return { problem: multi };
  if (policies.value.length === 0)
    return problem("at least one policy is required for Cedar authorization", [
      ...at,
      goField(body, "policies")?.key ?? "policies",
    ]);
  return {
    options: {
      policies: policies.value,
      entitiesJson: strings.entities_json ?? "",
      groupClaimName: strings.group_claim_name ?? "",
      roleClaimName: strings.role_claim_name ?? "",
      groupEntityType: strings.group_entity_type ?? "",
    },
  };
}

/**
 * A full authorizer config, `{version, type, cedar: {...}}`, checked as `authz.Config.Validate()`
 * and then unwrapped as Cedar (`ExtractCedarAuthzOptions`): vMCP only runs the Cedar authorizer.
 */
export function readAuthzEnvelope(value: unknown): PayloadResult {
  if (!isObject(value))
    return problem(`the authorization config must be a mapping with version, type and cedar, not ${describe(value)}`);
  const version = stringField(value, "version", []);
  if (isProblem(version))
    return { problem: { ...version, message: `${version.message} (write it quoted, e.g. "1.0")` } };
  const type = stringField(value, "type", []);
  if (isProblem(type)) return { problem: type };
  if (version.value === "") return problem("version is required", ["version"]);
  if (type.value === "") return problem("type is required", ["type"]);
  if (!REGISTERED_AUTHZ_TYPES.includes(type.value))
    return problem(
      `unsupported configuration type "${type.value}" (registered types: ${REGISTERED_AUTHZ_TYPES.join(", ")})`,
      ["type"],
    );
  if (type.value !== CEDAR_TYPE)
    return problem(`type "${type.value}" is not a Cedar config; a VirtualMCPServer supports only ${CEDAR_TYPE}`, [
      "type",
    ]);
  const cedar = goField(value, "cedar");
  return readCedarOptions(cedar?.value, [cedar?.key ?? "cedar"]);
}

/**
 * An authz ConfigMap value, as `LoadAuthzConfigFromConfigMap` reads it: YAML or JSON (JSON is
 * YAML), first document, then the envelope rules.
 */
export function parseAuthzConfigText(text: string): PayloadResult {
  if (text.trim() === "") return problem("the value is empty");
  // sigs.k8s.io/yaml decodes with YAML 1.1 rules (`yes` is a boolean there).
  const doc = yamlPackage().parseDocument(text, { version: "1.1", prettyErrors: false });
  const error = doc.errors[0];
  if (error) return problem(`it is neither valid YAML nor JSON: ${error.message.split("\n")[0]}`);
  return readAuthzEnvelope(doc.toJS({ maxAliasCount: 100 }));
}
