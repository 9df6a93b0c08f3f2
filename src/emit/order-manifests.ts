import type { ManifestObject, RenderedVmcp } from "../render/types.js";

// Install order, as Helm and kustomize apply objects: identity and config before what uses them.
const KIND_ORDER = ["ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Service", "Deployment"];

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface OrderedManifest {
  readonly vmcp: { readonly namespace: string; readonly name: string };
  readonly object: ManifestObject;
  /** `input`: an input object that is part of the output unchanged (a ConfigMap the pods mount). */
  readonly origin: "rendered" | "input";
}

/** Every object, sorted by namespace, VirtualMCPServer, kind (install order), then name: never by input order. */
export function orderManifests(rendered: readonly RenderedVmcp[]): OrderedManifest[] {
  const all = rendered.flatMap((r) => {
    const vmcp = { namespace: r.namespace, name: r.name };
    const objects: OrderedManifest[] = r.objects.map((object) => ({ vmcp, object, origin: "rendered" }));
    for (const object of r.inputs ?? []) objects.push({ vmcp, object, origin: "input" });
    return objects;
  });
  return all.sort(
    (a, b) =>
      cmp(a.vmcp.namespace, b.vmcp.namespace) ||
      cmp(a.vmcp.name, b.vmcp.name) ||
      kindRank(a.object.kind) - kindRank(b.object.kind) ||
      cmp(a.object.kind, b.object.kind) ||
      cmp(a.object.metadata.name, b.object.metadata.name),
  );
}
