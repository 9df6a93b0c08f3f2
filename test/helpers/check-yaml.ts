import type { Diagnostic } from "../../src/diagnostics/types.js";
import { loadSources } from "../../src/load/load-inputs.js";
import type { LoadResult } from "../../src/load/types.js";
import { finalizeDiagnostics } from "../../src/pipeline.js";
import type { RuleSet } from "../../src/validate/rules/types.js";
import { validateResources, type ValidatedModel } from "../../src/validate/validate-resources.js";

export interface CheckYamlOptions {
  readonly namespace?: string;
  readonly strictRefs?: boolean;
  readonly skipInvalidBackends?: boolean;
  /** The per-kind CEL-equivalent rules; none by default, so these tests see only the stage under test. */
  readonly rules?: RuleSet;
}

export interface CheckYamlResult {
  readonly load: LoadResult;
  readonly model: ValidatedModel;
  /** Located, de-duplicated, sorted: what `vmcp-gen validate` prints. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Load and validate in-memory files (`{ "a.yaml": text }`) the way `checkInputs` does, without the filesystem. */
export function checkYaml(files: Readonly<Record<string, string>>, options: CheckYamlOptions = {}): CheckYamlResult {
  const load = loadSources(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    options.namespace !== undefined ? { namespace: options.namespace } : {},
  );
  const validated = validateResources(load.resources, {
    strictRefs: options.strictRefs === true,
    skipInvalidBackends: options.skipInvalidBackends === true,
    rules: options.rules ?? {},
  });
  return {
    load,
    model: validated.value,
    diagnostics: finalizeDiagnostics(load, [...load.diagnostics, ...validated.diagnostics]),
  };
}

/** `[code, line]` pairs, the shape most assertions compare. */
export function codesAndLines(diagnostics: readonly Diagnostic[]): [string, number | undefined][] {
  return diagnostics.map((d) => [d.code, d.line]);
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}
