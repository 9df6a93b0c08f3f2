import type { Diagnostic } from "../../src/diagnostics/types.js";
import type { SourceFile } from "../../src/load/types.js";
import type { SynthOptions } from "../../src/pipeline.js";
import { diffObjectSets, objectKey, parseConfigYaml, type Difference } from "./diff-objects.js";
import { applyNormalisations, NORMALISATIONS, type Normalisation } from "./normalise.js";
import type { OracleBatch } from "./oracle-process.js";
import type { AdmitEntry, AdmitResult, KubeObject, ReconciledVmcp, ReconcileResult } from "./oracle-types.js";
import { renderWithVmcpGen, type VmcpGenRender } from "./render-vmcp-gen.js";
import { placeholderObjects } from "./seed-references.js";

export interface Scenario {
  readonly name: string;
  readonly files: readonly SourceFile[];
  /** vmcp-gen's options; `namespace` (for inputs without one) applies to both sides. */
  readonly options?: SynthOptions;
}

export type Verdict = "equal" | "different" | "both-refused" | "vmcp-gen-refused" | "operator-refused";

export interface ScenarioComparison {
  readonly name: string;
  readonly verdict: Verdict;
  readonly differences: readonly Difference[];
  readonly vmcpGenErrors: readonly Diagnostic[];
  readonly rejected: readonly AdmitEntry[];
  readonly failedVmcps: readonly ReconciledVmcp[];
  /** Objects each side rendered, after normalisation. */
  readonly vmcpGen: readonly KubeObject[];
  readonly operator: readonly KubeObject[];
}

interface VmcpStatus {
  readonly phase?: string;
  readonly conditions?: readonly { readonly type?: string; readonly status?: string }[];
}

/**
 * A VirtualMCPServer the operator does not serve: its reconcile returned an error or did not
 * settle, its phase is Failed, or a validation condition is False (`Valid`, or e.g.
 * `AuthServerConfigValidated`), which the reconciler records without returning an error.
 */
export function vmcpFailed(v: ReconciledVmcp): boolean {
  const status = (v.status ?? {}) as VmcpStatus;
  const invalid = (status.conditions ?? []).some((c) => c.status === "False" && /Valid(ated)?$/.test(c.type ?? ""));
  return v.reconcileError !== "" || !v.converged || status.phase === "Failed" || invalid;
}

/** The operator refuses a scenario when admission rejects an object or a VirtualMCPServer is not served. */
export function operatorFailures(result: ReconcileResult): { rejected: AdmitEntry[]; failed: ReconciledVmcp[] } {
  return { rejected: result.admission.filter((e) => !e.accepted), failed: result.virtualMCPServers.filter(vmcpFailed) };
}

/** The inputs as the API server stored them (defaulted), by `Kind/namespace/name`. */
function admittedInputs(result: AdmitResult): Map<string, KubeObject> {
  return new Map(
    result.results.filter((e) => e.accepted && e.object !== undefined).map((e) => [objectKey(e.object!), e.object!]),
  );
}

/** Both renders of one scenario, before any normalisation. */
export interface RenderPair {
  readonly name: string;
  readonly ours: VmcpGenRender;
  readonly theirs: ReconcileResult;
  readonly admitted: AdmitResult;
}

/** Renders one scenario with vmcp-gen and with the operator's reconcilers. */
export async function renderBoth(oracle: OracleBatch, scenario: Scenario): Promise<RenderPair> {
  const options = scenario.options ?? {};
  const seeded = [...scenario.files, ...placeholderObjects(scenario.files, options.namespace)];
  const files = Object.fromEntries(seeded.map((f) => [f.path, f.text]));
  const ns = options.namespace !== undefined ? { namespace: options.namespace } : {};
  const [ours, theirs, admitted] = await Promise.all([
    renderWithVmcpGen(scenario.files, options),
    oracle.request<ReconcileResult>({ command: "reconcile", files, ...ns }),
    oracle.request<AdmitResult>({ command: "admit", files, ...ns }),
  ]);
  return { name: scenario.name, ours, theirs, admitted };
}

/** Compares two renders up to the given normalisation rows (all of them by default). */
export function compareRenders(pair: RenderPair, rows: readonly Normalisation[] = NORMALISATIONS): ScenarioComparison {
  const { ours, theirs } = pair;
  const vmcpGenErrors = ours.diagnostics.filter((d) => d.severity === "error");
  const { rejected, failed } = operatorFailures(theirs);
  const operatorRefused = rejected.length > 0 || failed.length > 0;
  const base = { name: pair.name, vmcpGenErrors, rejected, failedVmcps: failed };
  if (vmcpGenErrors.length > 0 || operatorRefused) {
    const verdict: Verdict =
      vmcpGenErrors.length > 0 && operatorRefused
        ? "both-refused"
        : vmcpGenErrors.length > 0
          ? "vmcp-gen-refused"
          : "operator-refused";
    return { ...base, verdict, differences: [], vmcpGen: ours.objects, operator: theirs.objects };
  }
  const ctx = { inputs: admittedInputs(pair.admitted) };
  const sides = {
    vmcpGen: structuredClone(ours.objects).map(parseConfigYaml),
    operator: structuredClone(theirs.objects).map(parseConfigYaml),
  };
  applyNormalisations(sides, ctx, rows);
  const differences = diffObjectSets(sides.vmcpGen, sides.operator);
  return {
    ...base,
    verdict: differences.length === 0 ? "equal" : "different",
    differences,
    vmcpGen: sides.vmcpGen,
    operator: sides.operator,
  };
}

/** Renders one scenario with vmcp-gen and with the operator's reconcilers, and compares. */
export async function compareScenario(
  oracle: OracleBatch,
  scenario: Scenario,
  rows: readonly Normalisation[] = NORMALISATIONS,
): Promise<ScenarioComparison> {
  return compareRenders(await renderBoth(oracle, scenario), rows);
}
