import { UsageError } from "../diagnostics/errors.js";
import { docUrl } from "../package-data/doc-url.js";
import { closestMatch } from "../diagnostics/suggest.js";
import { parseBooleanValue, parseImageValue, parseNamespaceValue, parseVmcpListValue, type Parsed, type SettingNames } from "../kube/option-values.js";

/** What `argocd generate` takes from the environment the config management plugin sidecar provides. */
export interface ArgocdOptions {
  /** `ARGOCD_APP_NAMESPACE`: the Application's destination namespace, for inputs without one. */
  readonly namespace?: string;
  readonly image?: string;
  readonly vmcp: readonly string[];
  readonly skipInvalidBackends: boolean;
  readonly strictRefs: boolean;
}

/** Plugin parameters (`spec.source.plugin.parameters`) and their `ARGOCD_ENV_*` equivalents (`spec.source.plugin.env`). */
const PARAMETERS = {
  image: { env: "VMCP_IMAGE", kind: "string" },
  vmcp: { env: "VMCP_FILTER", kind: "list" },
  "skip-invalid-backends": { env: "VMCP_SKIP_INVALID_BACKENDS", kind: "boolean" },
  "strict-refs": { env: "VMCP_STRICT_REFS", kind: "boolean" },
} as const;
type ParameterName = keyof typeof PARAMETERS;

const ENV_PREFIX = "ARGOCD_ENV_";

/** The settings as an Application spells them, for messages that name one. */
export const ARGOCD_SETTING_NAMES: SettingNames = { vmcp: "Argo CD setting vmcp (parameter, or ARGOCD_ENV_VMCP_FILTER)", skipInvalidBackends: "Argo CD setting skip-invalid-backends" };

/** What a parameter's value must be, as the Application writes it. */
function expected(kind: "string" | "list" | "boolean"): string {
  return kind === "list" ? "an array of strings (array: [a, b])" : kind === "boolean" ? 'a string, "true" or "false" (string: "true")' : "a string (string: …)";
}

/** A JSON value, named by its type, for a message. */
function jsonType(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "a map" : `a ${typeof v} (${JSON.stringify(v)})`;
}

interface RawParameter {
  readonly name?: unknown;
  readonly string?: unknown;
  readonly array?: unknown;
  readonly map?: unknown;
}

/** `ARGOCD_APP_PARAMETERS`: a JSON array of `{name, string | array | map}`; only parameters the Application sets are sent. */
function readParameters(text: string | undefined, problems: string[]): Map<ParameterName, string | string[]> {
  const out = new Map<ParameterName, string | string[]>();
  if (text === undefined || text.trim() === "") return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problems.push("ARGOCD_APP_PARAMETERS is not valid JSON");
    return out;
  }
  if (!Array.isArray(parsed)) {
    problems.push("ARGOCD_APP_PARAMETERS is not a JSON array of {name, string|array|map}");
    return out;
  }
  const names = Object.keys(PARAMETERS);
  for (const p of parsed as RawParameter[]) {
    const name = typeof p === "object" && p !== null ? p.name : undefined;
    if (typeof name !== "string") {
      problems.push("ARGOCD_APP_PARAMETERS holds an entry without a name");
      continue;
    }
    if (!names.includes(name)) {
      const guess = closestMatch(name, names);
      problems.push(`parameter "${name}" is not a vmcp-gen parameter${guess ? ` (did you mean "${guess}"?)` : ""}; parameters are ${names.join(", ")}`);
      continue;
    }
    const def = PARAMETERS[name as ParameterName];
    const wrong = (what: string) => problems.push(`parameter "${name}" takes ${expected(def.kind)}, not ${what}`);
    if (p.map !== undefined) wrong("a map");
    else if (p.array !== undefined) {
      if (def.kind !== "list") wrong("an array");
      else if (!Array.isArray(p.array)) wrong(jsonType(p.array));
      else if (!p.array.every((v) => typeof v === "string")) wrong(`an array holding ${jsonType(p.array.find((v) => typeof v !== "string"))}`);
      else out.set(name as ParameterName, p.array as string[]);
    } else if (p.string !== undefined) {
      if (typeof p.string !== "string") wrong(jsonType(p.string));
      else if (p.string.trim() !== "") out.set(name as ParameterName, p.string);
    } else problems.push(`parameter "${name}" has no value; it takes ${expected(def.kind)}`);
  }
  return out;
}

/**
 * Reads and validates the Argo CD inputs: `ARGOCD_APP_NAMESPACE`, `ARGOCD_APP_PARAMETERS` and
 * `ARGOCD_ENV_VMCP_*`. A parameter wins over the same setting in the environment. Anything wrong
 * is a usage error naming every bad value, since these values come from users' Applications.
 */
export function readArgocdOptions(env: Readonly<Record<string, string | undefined>>): ArgocdOptions {
  const problems: string[] = [];
  const params = readParameters(env.ARGOCD_APP_PARAMETERS, problems);
  const known = new Set(Object.values(PARAMETERS).map((p) => `${ENV_PREFIX}${p.env}`));
  for (const key of Object.keys(env).sort()) {
    if (key.startsWith(`${ENV_PREFIX}VMCP_`) && !known.has(key)) {
      const guess = closestMatch(key, known);
      problems.push(`${key} is not a vmcp-gen setting${guess ? ` (did you mean ${guess}?)` : ""}; settings are ${[...known].join(", ")}`);
    }
  }
  const value = (name: ParameterName): { what: string; raw: string | string[] } | undefined => {
    const fromParam = params.get(name);
    if (fromParam !== undefined) return { what: `parameter ${name}`, raw: fromParam };
    const envName = `${ENV_PREFIX}${PARAMETERS[name].env}`;
    const fromEnv = env[envName];
    return fromEnv !== undefined && fromEnv.trim() !== "" ? { what: envName, raw: fromEnv } : undefined;
  };
  const take = <T>(parsed: Parsed<T> | undefined): T | undefined => {
    if (parsed === undefined) return undefined;
    if (parsed.ok) return parsed.value;
    problems.push(parsed.message);
    return undefined;
  };
  const str = (v: { what: string; raw: string | string[] }) => (Array.isArray(v.raw) ? v.raw.join(",") : v.raw);
  const image = value("image");
  const vmcp = value("vmcp");
  const skip = value("skip-invalid-backends");
  const strict = value("strict-refs");
  const ns = env.ARGOCD_APP_NAMESPACE;
  const options = {
    namespace: ns !== undefined && ns.trim() !== "" ? take(parseNamespaceValue("ARGOCD_APP_NAMESPACE", ns)) : undefined,
    image: image ? take(parseImageValue(image.what, str(image))) : undefined,
    vmcp: (vmcp ? take(parseVmcpListValue(vmcp.what, vmcp.raw)) : undefined) ?? [],
    skipInvalidBackends: (skip ? take(parseBooleanValue(skip.what, str(skip))) : undefined) ?? false,
    strictRefs: (strict ? take(parseBooleanValue(strict.what, str(strict))) : undefined) ?? false,
  };
  if (problems.length > 0) {
    throw new UsageError(`invalid Argo CD plugin settings:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSet them in the Application's spec.source.plugin.parameters or .env (see ${docUrl("docs/gitops.md", "argo-cd")}).`);
  }
  return {
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.image !== undefined ? { image: options.image } : {}),
    vmcp: options.vmcp,
    skipInvalidBackends: options.skipInvalidBackends,
    strictRefs: options.strictRefs,
  };
}
