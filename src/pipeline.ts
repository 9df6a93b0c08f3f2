import { dedupeDiagnostics, hasErrors, sortDiagnostics } from "./diagnostics/create.js";
import type { Diagnostic } from "./diagnostics/types.js";
import { loadInputs, loadSources } from "./load/load-inputs.js";
import { locateDiagnostics } from "./load/locate-diagnostics.js";
import type { InputContext } from "./load/read-inputs.js";
import type { LoadResult, SourceFile } from "./load/types.js";
import { DEFAULT_IMAGE, type RenderedVmcp } from "./render/types.js";
import { resolveVirtualMcpServers } from "./resolve/resolve-vmcps.js";
import { validateResources, type ValidatedModel } from "./validate/validate-resources.js";

export interface CheckOptions {
  readonly namespace?: string;
  readonly strictRefs?: boolean;
  readonly skipInvalidBackends?: boolean;
  readonly maxFileSize?: number;
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

/** load → validate: what `vmcp-gen validate` reports, and the model every rendering command starts from. */
export async function checkInputs(paths: readonly string[], ctx: InputContext, options: CheckOptions = {}): Promise<CheckResult> {
  const load = await loadInputs(paths, ctx, {
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.maxFileSize !== undefined ? { limits: { maxFileBytes: options.maxFileSize } } : {}),
  });
  return checkLoaded(load, options);
}

/** load → validate for text already in memory (a KRM ResourceList's items). */
export async function checkSources(files: readonly SourceFile[], options: CheckOptions = {}): Promise<CheckResult> {
  return checkLoaded(loadSources(files, options.namespace !== undefined ? { namespace: options.namespace } : {}), options);
}

async function checkLoaded(load: LoadResult, options: CheckOptions): Promise<CheckResult> {
  const validated = validateResources(load.resources, {
    strictRefs: options.strictRefs === true,
    skipInvalidBackends: options.skipInvalidBackends === true,
  });
  return { load, model: validated.value, diagnostics: finalizeDiagnostics(load, [...load.diagnostics, ...validated.diagnostics]) };
}

export interface SynthOptions extends CheckOptions {
  readonly only?: readonly string[];
  readonly image?: string;
}

export interface SynthResult {
  readonly check: CheckResult;
  /** Empty unless the whole render succeeded: output is all or nothing. */
  readonly rendered: readonly RenderedVmcp[];
  readonly diagnostics: readonly Diagnostic[];
}

/** load → validate → resolve → render. Loads cdk8s on first use, so `validate` never pays for it. */
export async function synthesize(paths: readonly string[], ctx: InputContext, options: SynthOptions = {}): Promise<SynthResult> {
  return renderChecked(await checkInputs(paths, ctx, options), options);
}

/** {@link synthesize} for text already in memory. */
export async function synthesizeSources(files: readonly SourceFile[], options: SynthOptions = {}): Promise<SynthResult> {
  return renderChecked(await checkSources(files, options), options);
}

async function renderChecked(check: CheckResult, options: SynthOptions): Promise<SynthResult> {
  const resolved = resolveVirtualMcpServers(check.model, {
    skipInvalidBackends: options.skipInvalidBackends === true,
    ...(options.only ? { only: options.only } : {}),
  });
  const early = [...check.diagnostics, ...resolved.diagnostics];
  if (hasErrors(early)) return { check, rendered: [], diagnostics: finalizeDiagnostics(check.load, early) };
  const { renderManifests } = await import("./render/render-manifests.js");
  // The Kubernetes schema validators are large: loaded only when a podTemplateSpec needs them.
  const checkPodTemplate = resolved.value.some((v) => v.spec.podTemplateSpec !== undefined) ? (await import("./render/pod-template-schema.js")).checkPodTemplateSchema : undefined;
  const rendered = renderManifests(resolved.value, { image: options.image ?? DEFAULT_IMAGE, ...(checkPodTemplate ? { checkPodTemplate } : {}) });
  // Rendering finds what only the rendered objects show (a podTemplateSpec the patch cannot apply).
  const diagnostics = finalizeDiagnostics(check.load, [...early, ...rendered.diagnostics]);
  return { check, rendered: hasErrors(diagnostics) ? [] : rendered.value, diagnostics };
}
