import type { Resource } from "../load/types.js";
import { collectAt } from "../validate/references/collect-at.js";
import { OBJECT_REFERENCES } from "../validate/references/object-references.js";
import { resourceKey, type ValidatedModel } from "../validate/validate-resources.js";

const MEMBER_KINDS = ["MCPServer", "MCPRemoteProxy", "MCPServerEntry"];

/** How an object relates to the VirtualMCPServer being inspected. */
export type Relation = "self" | "member" | "reference" | "member-reference";

function references(r: Resource): { kind: string; name: string }[] {
  const out: { kind: string; name: string }[] = [];
  for (const spec of OBJECT_REFERENCES) {
    if (spec.from !== r.kind) continue;
    for (const found of collectAt(r.body, spec.pattern))
      if (typeof found.value === "string" && found.value !== "") out.push({ kind: spec.target, name: found.value });
  }
  return out;
}

const groupOf = (r: Resource): string | undefined => {
  const name = (r.body.spec as { groupRef?: { name?: unknown } } | undefined)?.groupRef?.name;
  return typeof name === "string" ? name : undefined;
};

/** Group members of every kind, valid or not, by namespace and group name: built once per run. */
export function membersByGroup(model: ValidatedModel): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const kind of MEMBER_KINDS) {
    for (const m of model.index.resourcesOfKind(kind)) {
      const group = groupOf(m);
      if (group === undefined) continue;
      const key = `${m.namespace}\u0000${group}`;
      const list = out.get(key) ?? [];
      list.push(m);
      out.set(key, list);
    }
  }
  return out;
}

/**
 * Every input object whose problems concern one VirtualMCPServer, keyed by `Kind/ns/name`: the
 * server itself, the objects it references, the members of its group (valid or not), and the
 * objects those members reference. Read from the raw bodies so invalid objects count too.
 */
export function relatedObjects(
  vmcp: Resource,
  members: ReadonlyMap<string, readonly Resource[]>,
): Map<string, Relation> {
  const out = new Map<string, Relation>([[resourceKey(vmcp), "self"]]);
  const ns = vmcp.namespace;
  for (const ref of references(vmcp))
    out.set(resourceKey({ kind: ref.kind, namespace: ns, name: ref.name }), "reference");
  const group = groupOf(vmcp);
  if (group === undefined) return out;
  for (const m of members.get(`${ns}\u0000${group}`) ?? []) {
    out.set(resourceKey(m), "member");
    for (const ref of references(m)) {
      const key = resourceKey({ kind: ref.kind, namespace: ns, name: ref.name });
      if (!out.has(key)) out.set(key, "member-reference");
    }
  }
  return out;
}
