import { createError } from "../diagnostics/create.js";
import { docUrl } from "../package-data/doc-url.js";
import { closestMatch } from "../diagnostics/suggest.js";
import type { Diagnostic, ResourceId } from "../diagnostics/types.js";
import { parseBooleanValue, parseImageValue, parseNamespaceValue, parseVmcpListValue, type Parsed, type SettingNames } from "../kube/option-values.js";
import { DEFAULT_IMAGE } from "../toolhive/version.js";

/** The settings as a functionConfig spells them, for messages that name one. */
export const KRM_SETTING_NAMES: SettingNames = { vmcp: "functionConfig vmcp", skipInvalidBackends: "functionConfig skipInvalidBackends" };

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

// keepInputs is the spelling before `inputs`: true is `keep`, false the former default, `consume`.
const KEYS = ["namespace", "image", "vmcp", "skipInvalidBackends", "strictRefs", "inputs", "keepInputs"] as const;
type Key = (typeof KEYS)[number];

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function identity(fc: Record<string, unknown>): ResourceId {
  const meta = isMapping(fc.metadata) ? fc.metadata : {};
  return { kind: String(fc.kind), namespace: typeof meta.namespace === "string" ? meta.namespace : "", name: typeof meta.name === "string" ? meta.name : "" };
}

/**
 * Reads the functionConfig: a ConfigMap whose `data` holds strings (what `kpt fn eval -- key=value`
 * builds), or a `VmcpGenConfig` whose `spec` holds typed values. Unknown keys are errors, so a
 * typo never silently falls back to a default.
 */
export function parseFunctionConfig(fc: unknown): { options: KrmOptions; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const options: { -readonly [K in keyof KrmOptions]: KrmOptions[K] } = { vmcp: [], skipInvalidBackends: false, strictRefs: false, inputs: "auto" };
  if (fc === undefined || fc === null || (isMapping(fc) && Object.keys(fc).length === 0)) return { options, diagnostics };
  const fail = (message: string, path: (string | number)[], hint: string, resource?: ResourceId) =>
    diagnostics.push(createError("VMCP711", message, { path, hint, ...(resource ? { resource } : {}) }));
  if (!isMapping(fc)) {
    fail("functionConfig is not an object", [], "use a ConfigMap with data, or a VmcpGenConfig");
    return { options, diagnostics };
  }
  const typed = fc.apiVersion === FUNCTION_CONFIG_API_VERSION && fc.kind === FUNCTION_CONFIG_KIND;
  const configMap = fc.apiVersion === "v1" && fc.kind === "ConfigMap";
  const resource = identity(fc);
  if (!typed && !configMap) {
    fail(`functionConfig must be a ConfigMap or a ${FUNCTION_CONFIG_API_VERSION} ${FUNCTION_CONFIG_KIND}, not ${String(fc.apiVersion)} ${String(fc.kind)}`, ["kind"], `see ${docUrl("docs/gitops.md", "kpt")}`, resource);
    return { options, diagnostics };
  }
  const section = typed ? "spec" : "data";
  const values = fc[section] ?? {};
  if (!isMapping(values)) {
    fail(`functionConfig ${section} must be a mapping`, [section], `write the options as ${section}.<option>`, resource);
    return { options, diagnostics };
  }
  const take = <T>(key: Key, parsed: Parsed<T>, set: (v: T) => void) => {
    if (parsed.ok) set(parsed.value);
    else fail(parsed.message, [section, key], "fix the value, or remove the option to use its default", resource);
  };
  let keepInputs: boolean | undefined;
  for (const [key, raw] of Object.entries(values)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      const guess = closestMatch(key, KEYS);
      fail(`functionConfig has no option "${key}"`, [section, key], guess ? `did you mean "${guess}"?` : `options are ${KEYS.join(", ")}`, resource);
      continue;
    }
    const k = key as Key;
    // A ConfigMap holds strings; the typed kind also accepts YAML booleans and a list for vmcp.
    const text = typeof raw === "boolean" ? String(raw) : raw;
    if (k === "vmcp") {
      if (typeof text === "string" || (Array.isArray(text) && text.every((v) => typeof v === "string"))) take(k, parseVmcpListValue(`${section}.vmcp`, text as string | string[]), (v) => (options.vmcp = v));
      else fail(`${section}.vmcp must be a comma-separated string${typed ? " or a list of strings" : ""}`, [section, k], "e.g. team-a/engineering,research", resource);
      continue;
    }
    if (typeof text !== "string") {
      const example = k === "namespace" ? "team-a" : k === "image" ? DEFAULT_IMAGE : k === "inputs" ? "auto" : "true";
      fail(`${section}.${k} must be a ${k === "namespace" || k === "image" || k === "inputs" ? "string" : "boolean"}`, [section, k], `e.g. ${k}: "${example}"`, resource);
      continue;
    }
    if (k === "namespace") take(k, parseNamespaceValue(`${section}.namespace`, text), (v) => (options.namespace = v));
    else if (k === "image") take(k, parseImageValue(`${section}.image`, text), (v) => (options.image = v));
    else if (k === "inputs") {
      if ((KRM_INPUTS_MODES as readonly string[]).includes(text.trim())) options.inputs = text.trim() as KrmInputs;
      else fail(`${section}.inputs: ${JSON.stringify(text)} is not one of ${KRM_INPUTS_MODES.join(", ")}`, [section, k], `auto keeps the inputs and marks those only static mode uses local-config; see ${docUrl("docs/gitops.md", "kpt")}`, resource);
    } else if (k === "keepInputs") take(k, parseBooleanValue(`${section}.keepInputs`, text), (v) => (keepInputs = v));
    else take(k, parseBooleanValue(`${section}.${k}`, text), (v) => (options[k] = v));
  }
  if (keepInputs !== undefined) {
    if (Object.hasOwn(values, "inputs")) fail(`functionConfig sets both inputs and keepInputs`, [section, "keepInputs"], "remove keepInputs; inputs: keep is keepInputs: true, inputs: consume is keepInputs: false", resource);
    else options.inputs = keepInputs ? "keep" : "consume";
  }
  return { options, diagnostics };
}
