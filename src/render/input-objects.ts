import { createWarning } from "../diagnostics/create.js";
import type { Diagnostic, StageResult } from "../diagnostics/types.js";
import { podReferences, podSpecOf } from "../kube/pod-references.js";
import { isSecretKind } from "../kube/sensitive-values.js";
import type { Resource } from "../load/types.js";
import type { ManifestObject, RenderedVmcp } from "./types.js";

const TOOLHIVE_GROUP = "toolhive.stacklok.dev";
/** vmcp-gen's own configuration kinds (the KRM function's VmcpGenConfig): tooling, never output. */
const VMCP_GEN_GROUP = "vmcp-gen.stacklok.dev";
const LOCAL_CONFIG = "config.kubernetes.io/local-config";
const MANAGED_BY = "app.kubernetes.io/managed-by";
/** How many ignored objects the warning names before it counts the rest. */
const LISTED = 10;

function metadataMap(body: Record<string, unknown>, field: "labels" | "annotations"): Record<string, unknown> {
  const meta = body.metadata as Record<string, unknown> | undefined;
  const map = meta?.[field];
  return typeof map === "object" && map !== null ? (map as Record<string, unknown>) : {};
}

/** Not for the cluster: tooling configuration, and objects an earlier render left beside the inputs (rendered again). */
function isNotForTheCluster(r: Resource): boolean {
  return (
    r.group === VMCP_GEN_GROUP ||
    metadataMap(r.body, "annotations")[LOCAL_CONFIG] === "true" ||
    metadataMap(r.body, "labels")[MANAGED_BY] === "vmcp-gen"
  );
}

const key = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

/**
 * ConfigMaps the ToolHive inputs name (`configMapRef`, `configMap`: CA bundles, authorization
 * policies), by key: inputs like the ToolHive objects, read by vmcp-gen or by vMCP at run time.
 */
function referencedConfigMaps(inputs: readonly Resource[]): Set<string> {
  const out = new Set<string>();
  for (const r of inputs) {
    if (r.group !== TOOLHIVE_GROUP) continue;
    const stack: unknown[] = [r.body.spec];
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v !== "object" || v === null) continue;
      if (Array.isArray(v)) {
        stack.push(...v);
        continue;
      }
      for (const [k, child] of Object.entries(v)) {
        const name = (child as { name?: unknown } | null)?.name;
        if ((k === "configMapRef" || k === "configMap") && typeof name === "string")
          out.add(key("ConfigMap", r.namespace, name));
        stack.push(child);
      }
    }
  }
  return out;
}

function describe(r: Resource): string {
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}

/**
 * The one rule for input objects vmcp-gen does not render, the same in every command
 * (docs/gitops.md, "What the output holds"):
 * - a ConfigMap that a rendered pod mounts (a CA bundle, an authorization policy) is part of the
 *   output, unchanged: the cluster needs it, and in static mode the ToolHive objects beside it are
 *   never applied;
 * - a Secret is never echoed (VMCP705): the rendered pods name it, and it is delivered another way;
 * - a ConfigMap a ToolHive input names but no rendered pod mounts (an authorization policy that
 *   config.yaml inlines, a CA bundle vMCP reads through the API in discovered mode) is an input,
 *   like the ToolHive objects;
 * - anything else (not a ToolHive kind, not tooling configuration, not an earlier render) is
 *   reported once, in one warning that lists it (VMCP706).
 * With `inputsStay` (a KRM function, whose inputs are the package's items and come back as they
 * are) nothing is added and nothing is reported.
 */
export function placeInputObjects(
  inputs: readonly Resource[],
  rendered: readonly RenderedVmcp[],
  options: { readonly inputsStay?: boolean } = {},
): StageResult<RenderedVmcp[]> {
  if (options.inputsStay === true) return { value: [...rendered], diagnostics: [] };
  const order = rendered
    .map((r, i) => ({ r, i }))
    .sort((a, b) =>
      a.r.namespace === b.r.namespace ? (a.r.name < b.r.name ? -1 : 1) : a.r.namespace < b.r.namespace ? -1 : 1,
    );
  const renderedIds = new Set<string>();
  const mountedBy = new Map<string, number>();
  for (const { r, i } of order) {
    for (const o of r.objects) {
      const namespace = o.metadata.namespace ?? r.namespace;
      renderedIds.add(key(o.kind, namespace, o.metadata.name));
      if (o.kind !== "Deployment") continue;
      for (const name of podReferences(podSpecOf(o)).configMaps)
        if (!mountedBy.has(key("ConfigMap", namespace, name))) mountedBy.set(key("ConfigMap", namespace, name), i);
    }
  }
  const attached = rendered.map(() => [] as ManifestObject[]);
  const diagnostics: Diagnostic[] = [];
  let ignored: Resource[] = [];
  for (const r of inputs) {
    if (r.group === TOOLHIVE_GROUP || isNotForTheCluster(r)) continue;
    const resource = { kind: r.kind, namespace: r.namespace, name: r.name };
    if (isSecretKind(r.kind) || r.embedsSecret) {
      const what = r.embedsSecret ? `${describe(r)} holds a Secret and` : `Secret ${r.namespace}/${r.name}`;
      diagnostics.push(
        createWarning("VMCP705", `${what} is not part of the output: vmcp-gen never echoes Secret values`, {
          source: r.source,
          resource,
          hint: "deliver Secrets another way (Sealed Secrets, External Secrets, a separate Application); the rendered pods reference them by name",
        }),
      );
      continue;
    }
    const id = key(r.kind, r.namespace, r.name);
    const owner = r.group === "" && r.kind === "ConfigMap" && !renderedIds.has(id) ? mountedBy.get(id) : undefined;
    if (owner !== undefined) attached[owner]!.push(r.body as ManifestObject);
    else ignored.push(r);
  }
  // Walking every ToolHive object costs time at thousands of them: only when a ConfigMap is left.
  if (ignored.some((r) => r.group === "" && r.kind === "ConfigMap")) {
    const referenced = referencedConfigMaps(inputs);
    ignored = ignored.filter(
      (r) => !(r.group === "" && r.kind === "ConfigMap" && referenced.has(key(r.kind, r.namespace, r.name))),
    );
  }
  if (ignored.length > 0) {
    const first = ignored[0]!;
    const listed =
      ignored.slice(0, LISTED).map(describe).join(", ") +
      (ignored.length > LISTED ? `, and ${ignored.length - LISTED} more` : "");
    diagnostics.push(
      createWarning(
        "VMCP706",
        `${ignored.length === 1 ? "1 object among the inputs is" : `${ignored.length} objects among the inputs are`} not part of the output: ${listed}`,
        {
          source: first.source,
          resource: { kind: first.kind, namespace: first.namespace, name: first.name },
          hint: `the output holds what vmcp-gen renders and the ConfigMaps the rendered pods mount; apply ${ignored.length === 1 ? "this object" : "these objects"} another way, or mark ${ignored.length === 1 ? "it" : "them"} config.kubernetes.io/local-config: "true" (or list the files in .vmcpgenignore) if the cluster does not need ${ignored.length === 1 ? "it" : "them"}`,
        },
      ),
    );
  }
  const value = rendered.map((r, i) => (attached[i]!.length > 0 ? { ...r, inputs: attached[i]! } : r));
  return { value, diagnostics };
}
