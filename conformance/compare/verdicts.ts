import type { Diagnostic, ResourceId } from "../../src/diagnostics/types.js";
import { synthesizeSources } from "../../src/pipeline.js";
import { operatorFailures, type Scenario } from "./compare.js";
import type { OracleBatch } from "./oracle-process.js";
import type { AdmitEntry, AdmitError, AdmitResult, ReconcileResult } from "./oracle-types.js";
import { runtimeVerdicts } from "./runtime-verdicts.js";
import { placeholderObjects } from "./seed-references.js";
import { CODE_CLAIMS, type Claim } from "./verdict-claims.js";

/**
 * Verdict parity: every error vmcp-gen reports claims something about the real system (the API
 * server refuses the object, a CEL rule does, the operator does not reconcile, …; see
 * verdict-claims.ts), and the oracle checks the claim. The other way round, whatever the API
 * server, the operator or the runtime refuses must be refused by vmcp-gen too.
 */
export interface ClaimCheck {
  readonly code: string;
  readonly at: string;
  /** The claim the oracle confirmed; `stricter` when none did and the code names why; `none` otherwise. */
  readonly outcome: Claim | "stricter" | "none";
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
const realErrors = (e: AdmitEntry): AdmitError[] =>
  e.errors.filter((x) => !(x.origin === "cel" && CEL_SKIPPED.test(x.message)));
const READY_PHASES = new Set(["Valid", "Ready", "Running"]);

const idOf = (r: ResourceId | undefined) => (r === undefined ? undefined : `${r.kind}/${r.namespace}/${r.name}`);
const entryId = (e: { kind: string; namespace: string; name: string }) => `${e.kind}/${e.namespace}/${e.name}`;

/**
 * Another project's API group (`mcp.example.com/v1`): the oracle's cluster has no CRD but
 * ToolHive's, so it refuses such objects, while vmcp-gen passes them through untouched.
 */
function foreignGroup(apiVersion: string): boolean {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  return group.includes(".") && group !== "toolhive.stacklok.dev" && !group.endsWith(".k8s.io");
}

/** Objects the oracle cannot decode carry no namespace; they match vmcp-gen's by kind and name in the same file. */
function sameObject(e: AdmitEntry, id: string, file: string | undefined): boolean {
  if (entryId(e) === id) return true;
  return e.namespace === "" && e.file === file && id.startsWith(`${e.kind}/`) && id.endsWith(`/${e.name}`);
}

export async function checkVerdicts(oracle: OracleBatch, scenario: Scenario): Promise<VerdictReport> {
  const options = scenario.options ?? {};
  const ns = options.namespace !== undefined ? { namespace: options.namespace } : {};
  const seeded = [...scenario.files, ...placeholderObjects(scenario.files, options.namespace)];
  const files = Object.fromEntries(seeded.map((f) => [f.path, f.text]));
  const [ours, admitted, reconciled] = await Promise.all([
    synthesizeSources(scenario.files, options),
    oracle.request<AdmitResult>({ command: "admit", files, ...ns }),
    oracle.request<ReconcileResult>({ command: "reconcile", files, ...ns }),
  ]);
  const runtime = await runtimeVerdicts(oracle, reconciled.objects);
  const errors = ours.diagnostics.filter((d) => d.severity === "error");
  const warnings = ours.diagnostics.filter((d) => d.severity === "warning");
  const entries = admitted.results.filter((e) => !e.skipped || realErrors(e).length > 0);
  const rejected = entries.filter((e) => realErrors(e).length > 0);
  const { failed } = operatorFailures(reconciled);
  const runtimeRefused = [...runtime].filter(([, r]) => !r.accepted);

  const objectStatus = new Map(
    (reconciled.members ?? []).map((m) => [
      entryId(m),
      (m.status ?? {}) as { phase?: string; conditions?: { type?: string; status?: string }[] },
    ]),
  );
  const statusInvalid = (id: string | undefined) => {
    const st = id === undefined ? undefined : objectStatus.get(id);
    if (st === undefined) return false;
    return (
      (st.phase !== undefined && st.phase !== "" && !READY_PHASES.has(st.phase)) ||
      (st.conditions ?? []).some((c) => c.type === "Valid" && c.status === "False")
    );
  };

  // Objects the API server stores but the operator's Go types cannot read: no controller acts on them.
  const undecodable = reconciled.admission.filter((e) => realErrors(e).some((x) => x.origin === "decode"));
  const confirms = (c: Claim, d: Diagnostic): boolean => {
    const id = idOf(d.resource);
    const onResource = (e: AdmitEntry) => (id !== undefined ? sameObject(e, id, d.file) : e.file === d.file);
    switch (c) {
      case "api-server":
        return rejected.some(onResource);
      case "cel":
        return entries.some((e) => onResource(e) && realErrors(e).some((x) => x.origin === "cel"));
      case "document":
        return (
          entries.some((e) => e.file === d.file && realErrors(e).some((x) => x.origin === "decode")) ||
          !entries.some((e) => e.file === d.file)
        );
      case "operator":
        return failed.length > 0 || undecodable.some((e) => e.kind === "VirtualMCPServer");
      case "status":
        return [idOf(d.subject), id].some(
          (x) => x !== undefined && (statusInvalid(x) || undecodable.some((e) => sameObject(e, x, d.file))),
        );
      case "runtime":
        return runtimeRefused.length > 0 || failed.length > 0;
      case "command":
        return true;
    }
  };
  const check = (d: Diagnostic): ClaimCheck => {
    const at = idOf(d.resource) ?? d.file ?? "(inputs)";
    const claim = CODE_CLAIMS[d.code];
    if (claim === undefined)
      return { code: d.code, at, outcome: "none", why: "no claim is recorded for this code in verdict-claims.ts" };
    const confirmed = claim.claims.find((c) => confirms(c, d));
    if (confirmed !== undefined) return { code: d.code, at, outcome: confirmed };
    return claim.stricter !== undefined
      ? { code: d.code, at, outcome: "stricter", why: claim.stricter }
      : { code: d.code, at, outcome: "none", why: `the oracle confirms none of: ${claim.claims.join(", ")}` };
  };
  const checks = errors.map(check);
  const problems: string[] = checks
    .filter((c) => c.outcome === "none")
    .map((c) => `vmcp-gen ${c.code} at ${c.at}: ${c.why ?? ""}`);

  // A document the oracle cannot read at all has no kind or name: any vmcp-gen error in its file answers it.
  const hasError = (e: AdmitEntry) =>
    errors.some(
      (d) =>
        [d.resource, d.subject].some((r) => r !== undefined && sameObject(e, idOf(r)!, d.file)) ||
        ((d.resource === undefined || e.kind === "") && d.file === e.file),
    );
  for (const e of rejected) {
    const id = entryId(e);
    if (hasError(e)) continue;
    if (foreignGroup(e.apiVersion)) continue;
    if (warnings.some((d) => idOf(d.resource) === id && d.code === "VMCP350")) continue; // source: mixed, documented
    problems.push(
      `the API server refuses ${id} (${realErrors(e)
        .map((x) => x.message)
        .join("; ")}) but vmcp-gen accepts it`,
    );
  }
  for (const e of entries) {
    const celErrors = realErrors(e).filter((x) => x.origin === "cel");
    if (celErrors.length === 0) continue;
    const id = entryId(e);
    const ours = errors.filter((d) => idOf(d.resource) === id);
    if (ours.some((d) => CODE_CLAIMS[d.code]?.claims.includes("cel"))) continue;
    if (ours.some((d) => CODE_CLAIMS[d.code]?.claims.includes("api-server"))) continue; // vmcp-gen checks rules only on schema-valid objects
    problems.push(
      `a CEL rule refuses ${id} (${celErrors.map((x) => x.message).join("; ")}) but vmcp-gen reports no CEL-equivalent finding on it`,
    );
  }
  if (failed.length > 0 && errors.length === 0) {
    problems.push(
      `the operator does not reconcile ${failed.map((v) => `${v.namespace}/${v.name}: ${v.reconcileError || "phase Failed"}`).join("; ")} but vmcp-gen renders`,
    );
  }
  for (const [vmcp, r] of runtimeRefused) {
    if (errors.length > 0) continue;
    const config = ours.rendered.some((v) => `${v.namespace}/${v.name}` === vmcp);
    if (!config)
      problems.push(
        `the runtime refuses the operator's config for ${vmcp} (${r.error ?? ""}) and vmcp-gen renders nothing for it`,
      );
  }
  return { name: scenario.name, vmcpGenErrors: errors, checks, problems };
}
