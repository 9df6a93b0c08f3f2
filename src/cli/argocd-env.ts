import { z } from "zod";
import { UsageError } from "../diagnostics/errors.js";
import { closestMatch } from "../diagnostics/suggest.js";
import {
  parseBooleanValue,
  parseImageValue,
  parseNamespaceValue,
  parseVmcpListValue,
  type Parsed,
  type SettingNames,
} from "../kube/option-values.js";
import { docUrl } from "../package-data/doc-url.js";

/** What `argocd generate` takes from the environment the config management plugin sidecar provides. */
export interface ArgocdOptions {
  /** `ARGOCD_APP_NAMESPACE`: the Application's destination namespace, for inputs without one. */
  readonly namespace?: string;
  readonly image?: string;
  readonly vmcp: readonly string[];
  readonly skipInvalidBackends: boolean;
  readonly strictRefs: boolean;
}

type Kind = "string" | "list" | "boolean";

/** Plugin parameters (`spec.source.plugin.parameters`) and their `ARGOCD_ENV_*` equivalents (`spec.source.plugin.env`). */
const PARAMETERS = {
  image: { env: "VMCP_IMAGE", kind: "string" },
  vmcp: { env: "VMCP_FILTER", kind: "list" },
  "skip-invalid-backends": { env: "VMCP_SKIP_INVALID_BACKENDS", kind: "boolean" },
  "strict-refs": { env: "VMCP_STRICT_REFS", kind: "boolean" },
} as const satisfies Record<string, { env: string; kind: Kind }>;
type ParameterName = keyof typeof PARAMETERS;
const PARAMETER_NAMES = Object.keys(PARAMETERS) as ParameterName[];

const ENV_PREFIX = "ARGOCD_ENV_";
const ENV_SETTINGS = PARAMETER_NAMES.map((name) => `${ENV_PREFIX}${PARAMETERS[name].env}`);

/** The settings as an Application spells them, for messages that name one. */
export const ARGOCD_SETTING_NAMES: SettingNames = {
  vmcp: "Argo CD setting vmcp (parameter, or ARGOCD_ENV_VMCP_FILTER)",
  skipInvalidBackends: "Argo CD setting skip-invalid-backends",
};

/** What a parameter's value must be, as the Application writes it. */
function expected(kind: Kind): string {
  return kind === "list"
    ? "an array of strings (array: [a, b])"
    : kind === "boolean"
      ? 'a string, "true" or "false" (string: "true")'
      : "a string (string: …)";
}

/** A JSON value, named by its type, for a message. */
function jsonType(v: unknown): string {
  return v === null
    ? "null"
    : Array.isArray(v)
      ? "an array"
      : typeof v === "object"
        ? "a map"
        : `a ${typeof v} (${JSON.stringify(v)})`;
}

/**
 * The value of one parameter entry. Argo CD sends the one of `string`, `array` and `map` the
 * Application sets; should an entry carry several, `map` is the one judged, then `array`.
 */
function parameterValue(name: ParameterName) {
  const { kind } = PARAMETERS[name];
  const takes = (what: string) => `parameter "${name}" takes ${expected(kind)}, not ${what}`;
  const never = (what: string) => z.never({ error: () => takes(what) }).optional();
  const array = z.array(z.string({ error: (iss) => takes(`an array holding ${jsonType(iss.input)}`) }), {
    error: (iss) => takes(jsonType(iss.input)),
  });
  const judged = (p: unknown) => {
    const { map, array, string } = p as Record<string, unknown>;
    return map !== undefined ? { map } : array !== undefined ? { array } : string !== undefined ? { string } : {};
  };
  const model = z
    .strictObject({
      map: never("a map"),
      array: kind === "list" ? array.optional() : never("an array"),
      string: z.string({ error: (iss) => takes(jsonType(iss.input)) }).optional(),
    })
    .refine((v) => v.array !== undefined || v.string !== undefined, {
      error: `parameter "${name}" has no value; it takes ${expected(kind)}`,
    })
    .transform((v) => (v.array ?? v.string) as string | string[]);
  return z.preprocess(judged, model);
}

/**
 * `ARGOCD_APP_PARAMETERS`: a JSON array of `{name, string | array | map}`; only parameters the
 * Application sets are sent. A blank string is a parameter left empty: the environment decides.
 */
const parametersModel = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "ARGOCD_APP_PARAMETERS is not valid JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.unknown(), { error: "ARGOCD_APP_PARAMETERS is not a JSON array of {name, string|array|map}" }));

const entryName = z.looseObject({ name: z.string() });
const VALUES = Object.fromEntries(PARAMETER_NAMES.map((name) => [name, parameterValue(name)])) as Record<
  ParameterName,
  ReturnType<typeof parameterValue>
>;

/** The problems of one entry, or its name and value. */
function readEntry(entry: unknown, problems: string[]): { name: ParameterName; value: string | string[] } | undefined {
  const named = entryName.safeParse(entry);
  if (!named.success) {
    problems.push("ARGOCD_APP_PARAMETERS holds an entry without a name");
    return undefined;
  }
  const { name } = named.data;
  if (!Object.hasOwn(PARAMETERS, name)) {
    const guess = closestMatch(name, PARAMETER_NAMES);
    problems.push(
      `parameter "${name}" is not a vmcp-gen parameter${guess ? ` (did you mean "${guess}"?)` : ""}; parameters are ${PARAMETER_NAMES.join(", ")}`,
    );
    return undefined;
  }
  const value = VALUES[name as ParameterName].safeParse(named.data);
  if (!value.success) {
    problems.push(value.error.issues[0]!.message);
    return undefined;
  }
  return { name: name as ParameterName, value: value.data };
}

function readParameters(text: string | undefined, problems: string[]): Map<ParameterName, string | string[]> {
  const out = new Map<ParameterName, string | string[]>();
  if (text === undefined || text.trim() === "") return out;
  const entries = parametersModel.safeParse(text);
  if (!entries.success) {
    problems.push(entries.error.issues[0]!.message);
    return out;
  }
  for (const entry of entries.data) {
    const read = readEntry(entry, problems);
    if (read && (typeof read.value !== "string" || read.value.trim() !== "")) out.set(read.name, read.value);
  }
  return out;
}

/** `ARGOCD_ENV_VMCP_*` variables that are no vmcp-gen setting: a misspelt one would be silently ignored. */
const envModel = z.looseObject({}).superRefine((env, ctx) => {
  for (const key of Object.keys(env).sort()) {
    if (!key.startsWith(`${ENV_PREFIX}VMCP_`) || ENV_SETTINGS.includes(key)) continue;
    const guess = closestMatch(key, ENV_SETTINGS);
    ctx.addIssue({
      code: "custom",
      message: `${key} is not a vmcp-gen setting${guess ? ` (did you mean ${guess}?)` : ""}; settings are ${ENV_SETTINGS.join(", ")}`,
    });
  }
});

/**
 * Reads and validates the Argo CD inputs: `ARGOCD_APP_NAMESPACE`, `ARGOCD_APP_PARAMETERS` and
 * `ARGOCD_ENV_VMCP_*`. A parameter wins over the same setting in the environment. Anything wrong
 * is a usage error naming every bad value, since these values come from users' Applications.
 */
export function readArgocdOptions(env: Readonly<Record<string, string | undefined>>): ArgocdOptions {
  const problems: string[] = [];
  const params = readParameters(env.ARGOCD_APP_PARAMETERS, problems);
  const unknown = envModel.safeParse(env);
  if (!unknown.success) problems.push(...unknown.error.issues.map((i) => i.message));
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
    throw new UsageError(
      `invalid Argo CD plugin settings:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSet them in the Application's spec.source.plugin.parameters or .env (see ${docUrl("docs/gitops.md", "argo-cd")}).`,
    );
  }
  return {
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.image !== undefined ? { image: options.image } : {}),
    vmcp: options.vmcp,
    skipInvalidBackends: options.skipInvalidBackends,
    strictRefs: options.strictRefs,
  };
}
