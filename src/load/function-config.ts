import { z } from "zod";
import { createError } from "../diagnostics/create.js";
import { closestMatch } from "../diagnostics/suggest.js";
import type { Diagnostic, ResourceId } from "../diagnostics/types.js";
import {
  parseBooleanValue,
  parseImageValue,
  parseNamespaceValue,
  parseVmcpListValue,
  type Parsed,
  type SettingNames,
} from "../kube/option-values.js";
import { docUrl } from "../package-data/doc-url.js";
import { DEFAULT_IMAGE } from "../toolhive/version.js";

/** The settings as a functionConfig spells them, for messages that name one. */
export const KRM_SETTING_NAMES: SettingNames = {
  vmcp: "functionConfig vmcp",
  skipInvalidBackends: "functionConfig skipInvalidBackends",
};

/** What `vmcp-gen krm` does with the package's ToolHive items: see emit/krm-input-items.ts. */
export type KrmInputs = "auto" | "keep" | "local-config" | "consume";

export const KRM_INPUTS_MODES: readonly KrmInputs[] = ["auto", "keep", "local-config", "consume"];

/** The options of `vmcp-gen krm`, from the ResourceList's functionConfig. */
export interface KrmOptions {
  /** Namespace for ToolHive items that have none. */
  readonly namespace?: string;
  readonly image?: string;
  readonly vmcp: readonly string[];
  readonly skipInvalidBackends: boolean;
  readonly strictRefs: boolean;
  /** What happens to the package's ToolHive items (emit/krm-input-items.ts). */
  readonly inputs: KrmInputs;
}

export const FUNCTION_CONFIG_API_VERSION = "vmcp-gen.stacklok.dev/v1alpha1";
export const FUNCTION_CONFIG_KIND = "VmcpGenConfig";

const DEFAULTS: KrmOptions = { vmcp: [], skipInvalidBackends: false, strictRefs: false, inputs: "auto" };

/** Where the options are: a ConfigMap's `data` (strings, what `kpt fn eval -- key=value` builds), a VmcpGenConfig's `spec`. */
type Section = "data" | "spec";

const VALUE_HINT = "fix the value, or remove the option to use its default";

/** Text: a string, or a YAML boolean as its text (`true`), which either section may hold. */
const text = (error: () => string) => z.union([z.string(), z.boolean()], { error }).transform(String);

/** The value `parse` makes of the input, or an issue with its message. */
function parsedBy<I, T>(parse: (value: I) => Parsed<T>) {
  return (value: I, ctx: z.RefinementCtx): T => {
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.message, params: { hint: VALUE_HINT } });
    return z.NEVER;
  };
}

/**
 * The options of one section. keepInputs is the spelling before `inputs`: true is `keep`, false
 * the former default, `consume`. Unknown keys are errors, so a typo never silently falls back to
 * a default.
 */
function optionsModel(section: Section) {
  const typed = (key: string, type: "string" | "boolean") => text(() => `${section}.${key} must be a ${type}`);
  const boolean = (key: string) =>
    typed(key, "boolean").transform(parsedBy((v) => parseBooleanValue(`${section}.${key}`, v)));
  const inputsHint = `auto keeps the inputs and marks those only static mode uses local-config; see ${docUrl("docs/gitops.md", "kpt")}`;
  return z.strictObject({
    namespace: typed("namespace", "string")
      .transform(parsedBy((v) => parseNamespaceValue(`${section}.namespace`, v)))
      .optional(),
    image: typed("image", "string")
      .transform(parsedBy((v) => parseImageValue(`${section}.image`, v)))
      .optional(),
    vmcp: z
      .union([text(() => ""), z.array(z.string())], {
        error: () =>
          `${section}.vmcp must be a comma-separated string${section === "spec" ? " or a list of strings" : ""}`,
      })
      .transform(parsedBy((v) => parseVmcpListValue(`${section}.vmcp`, v)))
      .optional(),
    skipInvalidBackends: boolean("skipInvalidBackends").optional(),
    strictRefs: boolean("strictRefs").optional(),
    inputs: typed("inputs", "string")
      .transform((v, ctx) => {
        const mode = KRM_INPUTS_MODES.find((m) => m === v.trim());
        if (mode) return mode;
        ctx.addIssue({
          code: "custom",
          message: `${section}.inputs: ${JSON.stringify(v)} is not one of ${KRM_INPUTS_MODES.join(", ")}`,
          params: { hint: inputsHint },
        });
        return z.NEVER;
      })
      .optional(),
    keepInputs: boolean("keepInputs").optional(),
  });
}

const MODELS: Record<Section, ReturnType<typeof optionsModel>> = {
  data: optionsModel("data"),
  spec: optionsModel("spec"),
};
const OPTION_NAMES = Object.keys(MODELS.data.shape) as (keyof typeof MODELS.data.shape)[];
const EXAMPLES: Record<string, string> = {
  namespace: "team-a",
  image: DEFAULT_IMAGE,
  inputs: "auto",
  vmcp: "team-a/engineering,research",
};

/** The hint for an option's issue: a wrong value's own, or for a wrong type an example of the right one. */
function hintOf(issue: z.core.$ZodIssue, key: string): string {
  const hint = issue.code === "custom" ? (issue.params as { hint?: unknown } | undefined)?.hint : undefined;
  if (typeof hint === "string") return hint;
  return key === "vmcp" ? `e.g. ${EXAMPLES.vmcp}` : `e.g. ${key}: "${EXAMPLES[key] ?? "true"}"`;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function identity(fc: Record<string, unknown>): ResourceId {
  const meta = isMapping(fc.metadata) ? fc.metadata : {};
  return {
    kind: String(fc.kind),
    namespace: typeof meta.namespace === "string" ? meta.namespace : "",
    name: typeof meta.name === "string" ? meta.name : "",
  };
}

/**
 * Reads the functionConfig: a ConfigMap whose `data` holds strings, or a `VmcpGenConfig` whose
 * `spec` holds typed values. The options are the defaults wherever a diagnostic is an error.
 */
export function parseFunctionConfig(fc: unknown): { options: KrmOptions; diagnostics: Diagnostic[] } {
  const none = (diagnostics: Diagnostic[] = []) => ({ options: DEFAULTS, diagnostics });
  if (fc === undefined || fc === null || (isMapping(fc) && Object.keys(fc).length === 0)) return none();
  if (!isMapping(fc))
    return none([
      createError("VMCP711", "functionConfig is not an object", {
        path: [],
        hint: "use a ConfigMap with data, or a VmcpGenConfig",
      }),
    ]);
  const resource = identity(fc);
  const fail = (message: string, path: (string | number)[], hint: string) =>
    createError("VMCP711", message, { path, hint, resource });
  const section: Section | undefined =
    fc.apiVersion === FUNCTION_CONFIG_API_VERSION && fc.kind === FUNCTION_CONFIG_KIND
      ? "spec"
      : fc.apiVersion === "v1" && fc.kind === "ConfigMap"
        ? "data"
        : undefined;
  if (!section) {
    return none([
      fail(
        `functionConfig must be a ConfigMap or a ${FUNCTION_CONFIG_API_VERSION} ${FUNCTION_CONFIG_KIND}, not ${String(fc.apiVersion)} ${String(fc.kind)}`,
        ["kind"],
        `see ${docUrl("docs/gitops.md", "kpt")}`,
      ),
    ]);
  }
  const values = fc[section] ?? {};
  if (!isMapping(values))
    return none([
      fail(`functionConfig ${section} must be a mapping`, [section], `write the options as ${section}.<option>`),
    ]);

  const parsed = MODELS[section].safeParse(values);
  const diagnostics: Diagnostic[] = [];
  // One diagnostic per option, in the order the functionConfig lists them.
  const order = Object.keys(values);
  const issues: { key: string; issue: z.core.$ZodIssue }[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) =>
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({ key, issue }))
          : [{ key: String(issue.path[0]), issue: issue as z.core.$ZodIssue }],
      );
  issues.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  for (const { key, issue } of issues) {
    if (issue.code === "unrecognized_keys") {
      const guess = closestMatch(key, OPTION_NAMES);
      diagnostics.push(
        fail(
          `functionConfig has no option "${key}"`,
          [section, key],
          guess ? `did you mean "${guess}"?` : `options are ${OPTION_NAMES.join(", ")}`,
        ),
      );
    } else diagnostics.push(fail(issue.message, [section, key], hintOf(issue, key)));
  }
  const keepInputsValid = Object.hasOwn(values, "keepInputs") && !issues.some((i) => i.key === "keepInputs");
  if (keepInputsValid && Object.hasOwn(values, "inputs")) {
    diagnostics.push(
      fail(
        `functionConfig sets both inputs and keepInputs`,
        [section, "keepInputs"],
        "remove keepInputs; inputs: keep is keepInputs: true, inputs: consume is keepInputs: false",
      ),
    );
  }
  if (!parsed.success || diagnostics.length > 0) return none(diagnostics);
  const { keepInputs, inputs, vmcp, skipInvalidBackends, strictRefs, namespace, image } = parsed.data;
  return {
    options: {
      ...(namespace !== undefined ? { namespace } : {}),
      ...(image !== undefined ? { image } : {}),
      vmcp: vmcp ?? [],
      skipInvalidBackends: skipInvalidBackends ?? false,
      strictRefs: strictRefs ?? false,
      inputs: inputs ?? (keepInputs === undefined ? "auto" : keepInputs ? "keep" : "consume"),
    },
    diagnostics,
  };
}
