import type { Diagnostic, StageResult } from "../diagnostics/types.js";
import type { Resource } from "../load/types.js";
import { resolveVirtualMcpServers } from "../resolve/resolve-vmcps.js";
import type { OutgoingSource, ResolvedVmcp } from "../resolve/types.js";
import { serviceUrl } from "../kube/naming.js";
import { listAt, objAt, strAt } from "../validate/rules/cel-fields.js";
import { resourceKey, type ValidatedModel } from "../validate/validate-resources.js";
import { indexGroupMembers, type GroupMembers } from "../resolve/group-members.js";
import { inspectBackends } from "./backend-view.js";
import { membersByGroup, relatedObjects, type Relation } from "./related-objects.js";
import { predictStatus, subjectKey } from "./status.js";
import type { DroppedBackend, VmcpInspection } from "./types.js";

export interface InspectOptions {
  readonly skipInvalidBackends?: boolean;
  /** `--vmcp`: `name` or `namespace/name` filters. */
  readonly only?: readonly string[];
}

const matches = (r: Resource, only: readonly string[] | undefined) =>
  !only || only.length === 0 || only.includes(r.name) || only.includes(`${r.namespace}/${r.name}`);

/** Diagnostics by the `Kind/ns/name` of the object they make unusable: built once per run. */
function bySubject(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = subjectKey(d);
    if (key === undefined) continue;
    const list = out.get(key) ?? [];
    list.push(d);
    out.set(key, list);
  }
  return out;
}

/** Members left out by `--skip-invalid-backends`, each with the first problem reported for it. */
function droppedBackends(
  diagnostics: ReadonlyMap<string, readonly Diagnostic[]>,
  related: ReadonlyMap<string, Relation>,
): DroppedBackend[] {
  const out: DroppedBackend[] = [];
  for (const [key, relation] of related) {
    if (relation !== "member") continue;
    const own = diagnostics.get(key) ?? [];
    const dropped = own.find((d) => d.code === "VMCP512");
    if (!dropped?.resource) continue;
    const why = own.find((d) => d.code !== "VMCP512" && d.severity === "warning");
    out.push({ name: dropped.resource.name, kind: dropped.resource.kind, reason: why?.message ?? dropped.message });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

interface RunIndex {
  readonly members: ReadonlyMap<string, readonly Resource[]>;
  readonly validMembers: GroupMembers;
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
}

function inspectOne(
  r: Resource,
  model: ValidatedModel,
  resolved: ResolvedVmcp | undefined,
  run: RunIndex,
): VmcpInspection {
  const typed = model.index.get("VirtualMCPServer", r.namespace, r.name);
  const spec = objAt(r.body, "spec");
  const group = strAt(objAt(spec, "groupRef"), "name") ?? "";
  const mode: OutgoingSource = strAt(objAt(spec, "outgoingAuth"), "source") === "inline" ? "inline" : "discovered";
  const related = relatedObjects(r, run.members);
  // Sorted by object and message, so the report does not depend on the order of the inputs.
  const errors = [...related]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([key, relation]) =>
      (run.diagnostics.get(key) ?? [])
        .filter((d) => d.severity === "error")
        .sort((a, b) =>
          a.code < b.code ? -1 : a.code > b.code ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0,
        )
        .map((diagnostic) => ({ diagnostic, relation })),
    );
  // Static mode with a group that cannot be resolved has no backend list to show.
  const backends =
    typed && (mode === "discovered" || resolved) ? inspectBackends(typed, model, run.validMembers, resolved) : [];
  const dropped = droppedBackends(run.diagnostics, related);
  const url = serviceUrl(r.name, r.namespace);
  const embeddingServer = strAt(objAt(spec, "embeddingServerRef"), "name");
  const telemetryConfig = strAt(objAt(spec, "telemetryConfigRef"), "name");
  const status = predictStatus({
    name: r.name,
    group,
    url,
    compositeToolRefs: listAt(objAt(spec, "config"), "compositeToolRefs").length,
    hasPodTemplateSpec: objAt(spec, "podTemplateSpec") !== undefined,
    ...(embeddingServer !== undefined ? { embeddingServer } : {}),
    ...(telemetryConfig !== undefined ? { telemetryConfig } : {}),
    backends,
    dropped,
    errors,
  });
  return { namespace: r.namespace, name: r.name, mode, group, url, backends, droppedBackends: dropped, status };
}

/**
 * Resolves every VirtualMCPServer (or those `only` names) and predicts the status the operator
 * would report for it. Invalid servers are inspected too (phase Failed, with the reasons); the
 * diagnostics returned are the resolve stage's, for the caller to add to validate's.
 */
export function inspectVirtualMcpServers(
  model: ValidatedModel,
  validateDiagnostics: readonly Diagnostic[],
  options: InspectOptions = {},
): StageResult<VmcpInspection[]> {
  const resolved = resolveVirtualMcpServers(model, {
    skipInvalidBackends: options.skipInvalidBackends === true,
    ...(options.only ? { only: options.only } : {}),
  });
  const byKey = new Map(resolved.value.map((v) => [resourceKey(v.resource), v]));
  const run: RunIndex = {
    members: membersByGroup(model),
    validMembers: indexGroupMembers(model),
    diagnostics: bySubject([...validateDiagnostics, ...resolved.diagnostics]),
  };
  const servers = model.index
    .resourcesOfKind("VirtualMCPServer")
    .filter((r) => matches(r, options.only))
    .sort((a, b) =>
      a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  return {
    value: servers.map((r) => inspectOne(r, model, byKey.get(resourceKey(r)), run)),
    diagnostics: resolved.diagnostics,
  };
}
