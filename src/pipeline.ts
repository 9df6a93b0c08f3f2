import { dedupeDiagnostics, sortDiagnostics } from "./diagnostics/create.js";
import type { Diagnostic } from "./diagnostics/types.js";
import { loadInputs } from "./load/load-inputs.js";
import { locateDiagnostics } from "./load/locate-diagnostics.js";
import type { InputContext } from "./load/read-inputs.js";
import type { LoadResult } from "./load/types.js";
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
  const validated = validateResources(load.resources, {
    strictRefs: options.strictRefs === true,
    skipInvalidBackends: options.skipInvalidBackends === true,
  });
  return { load, model: validated.value, diagnostics: finalizeDiagnostics(load, [...load.diagnostics, ...validated.diagnostics]) };
}
