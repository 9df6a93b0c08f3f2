import type { Diagnostic, ResourceId } from "../../src/diagnostics/types.js";
import type { SourceFile } from "../../src/load/types.js";
import { synthesizeSources, type SynthOptions } from "../../src/pipeline.js";
import { operatorFailures } from "./compare.js";
import type { OracleBatch } from "./oracle-process.js";
import type { AdmitEntry, AdmitError, AdmitResult, KubeObject, ReconcileResult, RuntimeResult } from "./oracle-types.js";
import { placeholderSecrets } from "./seed-secrets.js";
import { CODE_CLAIMS, type Claim } from "./verdict-claims.js";

/**
 * Verdict parity: every error vmcp-gen reports claims something about the real system (the API
 * server refuses the object, a CEL rule does, the operator does not reconcile, …; see
 * verdict-claims.ts), and the oracle checks the claim. The other way round, whatever the API
 * server, the operator or the runtime refuses must be refused by vmcp-gen too.
 */
export interface VerdictScenario {
  readonly name: string;
  readonly files: readonly SourceFile[];
  readonly options?: SynthOptions;
}

export interface ClaimCheck {
  readonly code: string;
  readonly claim: Claim | "none";
  readonly at: string;
  readonly verified: boolean | "not checked";
  readonly why?: string;
}

export interface VerdictReport {
  readonly name: string;
  readonly vmcpGenErrors: readonly Diagnostic[];
  readonly checks: readonly ClaimCheck[];
  /** Every disagreement, one sentence each; empty when the verdicts agree. */
  readonly problems: readonly string[];
}

/** The notice the API server adds when it skipped CEL rules because of earlier errors. */
const CEL_SKIPPED = /some validation rules were not checked/;
const realErrors = (e: AdmitEntry): AdmitError[] => e.errors.filter((x) => !(x.origin === "cel" && CEL_SKIPPED.test(x.message)));
const READY_PHASES = new Set(["Valid", "Ready", "Running"]);

const idOf = (r: ResourceId | undefined) => (r === undefined ? undefined : `${r.kind}/${r.namespace}/${r.name}`);
const entryId = (e: { kind: string; namespace: string; name: string }) => `${e.kind}/${e.namespace}/${e.name}`;

/** Objects the oracle cannot decode carry no namespace; they match vmcp-gen's by kind and name in the same file. */
function sameObject(e: AdmitEntry, id: string, file: string | undefined): boolean {
  if (entryId(e) === id) return true;
  return e.namespace === "" && e.file === file && id.startsWith(`${e.kind}/`) && id.endsWith(`/${e.name}`);
}

function envNames(objects: readonly KubeObject[], namespace: string, name: string): string[] {
  const d = objects.find((o) => o.kind === "Deployment" && o.metadata.namespace === namespace && o.metadata.name === name) as { spec?: { template?: { spec?: { containers?: { env?: { name: string }[] }[] } } } } | undefined;
  return (d?.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.env ?? []).map((e) => e.name));
}

/** The runtime's verdict on each config.yaml the operator wrote, by `namespace/name` of the VirtualMCPServer. */
async function runtimeVerdicts(oracle: OracleBatch, result: ReconcileResult): Promise<Map<string, RuntimeResult>> {
  const out = new Map<string, RuntimeResult>();
  for (const v of result.virtualMCPServers) {
    const cm = result.objects.find((o) => o.kind === "ConfigMap" && o.metadata.namespace === v.namespace && o.metadata.name === `${v.name}-vmcp-config`);
    const config = (cm?.data as Record<string, unknown> | undefined)?.["config.yaml"];
    if (typeof config !== "string") continue;
    out.set(`${v.namespace}/${v.name}`, await oracle.request<RuntimeResult>({ command: "runtime", config, env: envNames(result.objects, v.namespace, v.name) }));
  }
  return out;
}

export async function checkVerdicts(oracle: OracleBatch, scenario: VerdictScenario): Promise<VerdictReport> {
  const options = scenario.options ?? {};
  const ns = options.namespace !== undefined ? { namespace: options.namespace } : {};
  const seeded = [...scenario.files, ...placeholderSecrets(scenario.files, options.namespace)];
  const files = Object.fromEntries(seeded.map((f) => [f.path, f.text]));
  const [ours, admitted, reconciled] = await Promise.all([
    synthesizeSources(scenario.files, options),
    oracle.request<AdmitResult>({ command: "admit", files, ...ns }),
    oracle.request<ReconcileResult>({ command: "reconcile", files, ...ns }),
  ]);
  const runtime = await runtimeVerdicts(oracle, reconciled);
  const errors = ours.diagnostics.filter((d) => d.severity === "error");
  const warnings = ours.diagnostics.filter((d) => d.severity === "warning");
  const entries = admitted.results.filter((e) => !e.skipped || realErrors(e).length > 0);
  const rejected = entries.filter((e) => realErrors(e).length > 0);
  const { failed } = operatorFailures(reconciled);
  const failedIds = new Set(failed.map((v) => `VirtualMCPServer/${v.namespace}/${v.name}`));
  const runtimeRefused = [...runtime].filter(([, r]) => !r.accepted);
  const memberStatus = new Map((reconciled.members ?? []).map((m) => [entryId(m), String((m.status as { phase?: string } | undefined)?.phase ?? "")]));

  const check = (d: Diagnostic): ClaimCheck => {
    const at = idOf(d.resource) ?? d.file ?? "(inputs)";
    const claim = CODE_CLAIMS[d.code];
    if (claim === undefined) return { code: d.code, claim: "none", at, verified: false, why: "no claim is recorded for this code in verdict-claims.ts" };
    const id = idOf(d.resource);
    const onResource = (e: AdmitEntry) => (id !== undefined ? sameObject(e, id, d.file) : e.file === d.file);
    let verified: boolean | "not checked";
    switch (claim.claim) {
      case "api-server":
        verified = rejected.some(onResource);
        break;
      case "cel":
        verified = entries.some((e) => onResource(e) && realErrors(e).some((x) => x.origin === "cel"));
        break;
      case "document":
        verified = entries.some((e) => e.file === d.file && realErrors(e).some((x) => x.origin === "decode")) || !entries.some((e) => e.file === d.file);
        break;
      case "operator":
        verified = d.resource?.kind === "VirtualMCPServer" ? failedIds.has(id!) || failed.length > 0 : failed.length > 0;
        break;
      case "member": {
        const subject = idOf(d.subject) ?? id;
        const phase = subject === undefined ? undefined : memberStatus.get(subject);
        verified = phase !== undefined && !READY_PHASES.has(phase);
        break;
      }
      case "runtime":
        verified = runtimeRefused.length > 0 || failed.length > 0;
        break;
      default:
        verified = "not checked";
    }
    return { code: d.code, claim: claim.claim, at, verified, ...(claim.why !== undefined ? { why: claim.why } : {}) };
  };
  const checks = errors.map(check);
  const problems: string[] = checks.filter((c) => c.verified === false).map((c) => `vmcp-gen ${c.code} at ${c.at} claims "${c.claim}", which the oracle does not confirm`);

  const hasError = (e: AdmitEntry) => errors.some((d) => [d.resource, d.subject].some((r) => r !== undefined && sameObject(e, idOf(r)!, d.file)) || (d.resource === undefined && d.file === e.file));
  for (const e of rejected) {
    const id = entryId(e);
    if (hasError(e)) continue;
    if (warnings.some((d) => idOf(d.resource) === id && d.code === "VMCP350")) continue; // source: mixed, documented
    problems.push(`the API server refuses ${id} (${realErrors(e).map((x) => x.message).join("; ")}) but vmcp-gen accepts it`);
  }
  for (const e of entries) {
    const celErrors = realErrors(e).filter((x) => x.origin === "cel");
    if (celErrors.length === 0) continue;
    const id = entryId(e);
    const ours = errors.filter((d) => idOf(d.resource) === id);
    if (ours.some((d) => CODE_CLAIMS[d.code]?.claim === "cel")) continue;
    if (ours.some((d) => CODE_CLAIMS[d.code]?.claim === "api-server")) continue; // vmcp-gen checks rules only on schema-valid objects
    problems.push(`a CEL rule refuses ${id} (${celErrors.map((x) => x.message).join("; ")}) but vmcp-gen reports no CEL-equivalent finding on it`);
  }
  if (failed.length > 0 && errors.length === 0) {
    problems.push(`the operator does not reconcile ${failed.map((v) => `${v.namespace}/${v.name}: ${v.reconcileError || "phase Failed"}`).join("; ")} but vmcp-gen renders`);
  }
  for (const [vmcp, r] of runtimeRefused) {
    if (errors.length > 0) continue;
    const config = ours.rendered.some((v) => `${v.namespace}/${v.name}` === vmcp);
    if (!config) problems.push(`the runtime refuses the operator's config for ${vmcp} (${r.error ?? ""}) and vmcp-gen renders nothing for it`);
  }
  return { name: scenario.name, vmcpGenErrors: errors, checks, problems };
}
