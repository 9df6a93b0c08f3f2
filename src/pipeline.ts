import { dedupeDiagnostics, hasErrors, sortDiagnostics } from "./diagnostics/create.js";
import type { Diagnostic } from "./diagnostics/types.js";
import { loadInputs, loadSources } from "./load/load-inputs.js";
import { locateDiagnostics } from "./load/locate-diagnostics.js";
import type { InputContext } from "./load/read-inputs.js";
import type { LoadOptions, LoadResult, SourceFile } from "./load/types.js";
import type { NetworkPolicyOptions } from "./render/network-policy/types.js";
import type { NetworkPolicyBuilder, PodTemplatePatcher, RenderedVmcp } from "./render/types.js";
import { resolveVirtualMcpServers } from "./resolve/resolve-vmcps.js";
import type { ResolvedVmcp } from "./resolve/types.js";
import { DEFAULT_IMAGE } from "./toolhive/version.js";
import type { SettingNames } from "./kube/option-values.js";
import { checkImageVersion } from "./toolhive/image-version.js";
import { validateResources, type ValidatedModel } from "./validate/validate-resources.js";

export interface CheckOptions {
  readonly namespace?: string;
  readonly strictRefs?: boolean;
  readonly skipInvalidBackends?: boolean;
  readonly maxFileSize?: number;
  readonly exclude?: readonly string[];
  /** How `vmcp` and `skipInvalidBackends` are spelled where they came from (default: the CLI flags). */
  readonly settingNames?: SettingNames;
}

export interface CheckResult {
  readonly load: LoadResult;
  readonly model: ValidatedModel;
  /** Located, de-duplicated and sorted. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Located, de-duplicated, in a stable order. */
export function finalizeDiagnostics(load: LoadResult, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return sortDiagnostics(dedupeDiagnostics(locateDiagnostics(diagnostics, load.sources)));
}

function loadOptions(options: CheckOptions): LoadOptions {
  return {
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.maxFileSize !== undefined ? { limits: { maxFileBytes: options.maxFileSize } } : {}),
    ...(options.exclude !== undefined && options.exclude.length > 0 ? { exclude: options.exclude } : {}),
  };
}

/** load → validate: what `vmcp-gen validate` reports, and the model every rendering command starts from. */
export async function checkInputs(
  paths: readonly string[],
  ctx: InputContext,
  options: CheckOptions = {},
): Promise<CheckResult> {
  return checkLoaded(await loadInputs(paths, ctx, loadOptions(options)), options);
}

/** load → validate for text already in memory (a KRM ResourceList's items). */
export function checkSources(files: readonly SourceFile[], options: CheckOptions = {}): CheckResult {
  return checkLoaded(loadSources(files, loadOptions(options)), options);
}

/** validate, for inputs loaded already. */
export function checkLoaded(load: LoadResult, options: CheckOptions): CheckResult {
  const validated = validateResources(load.resources, {
    strictRefs: options.strictRefs === true,
    skipInvalidBackends: options.skipInvalidBackends === true,
    ...(options.settingNames ? { settingNames: options.settingNames } : {}),
  });
  return {
    load,
    model: validated.value,
    diagnostics: finalizeDiagnostics(load, [...load.diagnostics, ...validated.diagnostics]),
  };
}

export interface SynthOptions extends CheckOptions {
  readonly only?: readonly string[];
  readonly image?: string;
  readonly networkPolicy?: NetworkPolicyOptions;
  /**
   * The inputs stay where they are (a KRM function's items come back to the package): no input
   * object is added to the output, and none is reported as left out (render/input-objects.ts).
   */
  readonly inputsStay?: boolean;
}

export interface SynthResult {
  readonly check: CheckResult;
  /** Empty unless the whole render succeeded: output is all or nothing. */
  readonly rendered: readonly RenderedVmcp[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * load → validate → resolve → render: everything but emitting. `synth`, `diff`, `krm`, `argocd
 * generate` and `validate` all run it, so `validate` refuses exactly what they refuse.
 */
export async function synthesize(
  paths: readonly string[],
  ctx: InputContext,
  options: SynthOptions = {},
): Promise<SynthResult> {
  return renderChecked(await checkInputs(paths, ctx, options), options);
}

/** {@link synthesize} for text already in memory. */
export async function synthesizeSources(
  files: readonly SourceFile[],
  options: SynthOptions = {},
): Promise<SynthResult> {
  return renderChecked(checkSources(files, options), options);
}

/** The podTemplateSpec machinery (strategic merge, Pod Security and Kubernetes schema checks): large, and loaded only when an input uses it. */
async function loadPodTemplatePatcher(): Promise<PodTemplatePatcher> {
  const [{ applyUserPodTemplate }, { checkPodTemplateSchema }] = await Promise.all([
    import("./render/pod-template-spec.js"),
    import("./render/pod-template-schema.js"),
  ]);
  return (v, template, checksum) => applyUserPodTemplate(v, template, checksum, checkPodTemplateSchema);
}

/** `--network-policy` only: its modules stay out of every other render's start-up. */
async function loadNetworkPolicyBuilder(options: NetworkPolicyOptions): Promise<NetworkPolicyBuilder> {
  const { addNetworkPolicy } = await import("./render/network-policy/network-policies.js");
  return (scope, v) => addNetworkPolicy(scope, v, options);
}

/**
 * resolve, for checked inputs, with everything found so far: rendering starts only when none of
 * it is an error. Synchronous, for the construct's props (api/resolve-virtual-mcp-server.ts) too.
 */
export function resolveChecked(
  check: CheckResult,
  options: SynthOptions,
): { resolved: readonly ResolvedVmcp[]; diagnostics: Diagnostic[] } {
  const resolved = resolveVirtualMcpServers(check.model, {
    skipInvalidBackends: options.skipInvalidBackends === true,
    ...(options.only ? { only: options.only } : {}),
    ...(options.settingNames ? { settingNames: options.settingNames } : {}),
  });
  const imageVersion = options.image !== undefined ? checkImageVersion(options.image) : undefined;
  // "No VirtualMCPServer" says nothing new when the inputs failed already: it may be in the file that failed.
  const resolvedDiagnostics = hasErrors(check.diagnostics)
    ? resolved.diagnostics.filter((d) => d.code !== "VMCP701")
    : resolved.diagnostics;
  return {
    resolved: resolved.value,
    diagnostics: [...check.diagnostics, ...resolvedDiagnostics, ...(imageVersion ? [imageVersion] : [])],
  };
}

async function renderChecked(check: CheckResult, options: SynthOptions): Promise<SynthResult> {
  const { resolved, diagnostics: early } = resolveChecked(check, options);
  if (hasErrors(early)) return { check, rendered: [], diagnostics: finalizeDiagnostics(check.load, early) };
  const { renderManifests } = await import("./render/render-manifests.js");
  const { placeInputObjects } = await import("./render/input-objects.js");
  const podTemplate = resolved.some((v) => v.spec.podTemplateSpec !== undefined && v.spec.podTemplateSpec !== null)
    ? await loadPodTemplatePatcher()
    : undefined;
  const networkPolicy = options.networkPolicy ? await loadNetworkPolicyBuilder(options.networkPolicy) : undefined;
  const rendered = renderManifests(resolved, {
    image: options.image ?? DEFAULT_IMAGE,
    ...(podTemplate ? { podTemplate } : {}),
    ...(networkPolicy ? { networkPolicy } : {}),
  });
  const placed = placeInputObjects(check.load.resources, rendered.value, { inputsStay: options.inputsStay === true });
  // Rendering finds what only the rendered objects show (a podTemplateSpec the patch cannot apply).
  const diagnostics = finalizeDiagnostics(check.load, [...early, ...rendered.diagnostics, ...placed.diagnostics]);
  return { check, rendered: hasErrors(diagnostics) ? [] : placed.value, diagnostics };
}
