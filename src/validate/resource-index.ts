import type { Resource } from "../load/types.js";
import type { ModelKind, SpecOf } from "./spec-types.js";
import { kindsOfGroup, TOOLHIVE_GROUP } from "./schema-registry.js";

/** A resource that passed validation, with its typed spec. */
export interface Typed<K extends ModelKind> {
  readonly resource: Resource;
  readonly spec: SpecOf<K>;
}

type AnyTyped = { readonly resource: Resource; readonly spec: unknown };

function key(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

let toolhiveKinds: Set<string> | undefined;

/**
 * References name a kind, never a group: only the kind's own API group can be their target (a
 * `kind: MCPGroup` under `apiVersion: example.com/v1`, or a ConfigMap of another group, is not one).
 */
function isReferenceTarget(r: Resource): boolean {
  if (r.kind === "ConfigMap" || r.kind === "Secret") return r.group === "";
  toolhiveKinds ??= kindsOfGroup(TOOLHIVE_GROUP);
  return r.group === TOOLHIVE_GROUP || !toolhiveKinds.has(r.kind);
}

/**
 * Every input resource by kind, namespace and name. `has` answers for all inputs (a reference to
 * an invalid object is not "missing"); `get` and `list` return only objects that validated.
 */
export class ResourceIndex {
  private readonly all = new Map<string, Resource>();
  private readonly typed = new Map<string, AnyTyped>();
  private readonly byKind = new Map<string, AnyTyped[]>();
  private readonly sorted = new Map<string, Map<string, AnyTyped[]>>();

  constructor(resources: readonly Resource[]) {
    for (const r of resources) if (isReferenceTarget(r)) this.all.set(key(r.kind, r.namespace, r.name), r);
  }

  addTyped<K extends ModelKind>(kind: K, entry: Typed<K>): void {
    const r = entry.resource;
    this.typed.set(key(kind, r.namespace, r.name), entry);
    const list = this.byKind.get(kind) ?? [];
    list.push(entry);
    this.byKind.set(kind, list);
    this.sorted.delete(kind);
  }

  has(kind: string, namespace: string, name: string): boolean {
    return this.all.has(key(kind, namespace, name));
  }

  resource(kind: string, namespace: string, name: string): Resource | undefined {
    return this.all.get(key(kind, namespace, name));
  }

  get<K extends ModelKind>(kind: K, namespace: string, name: string): Typed<K> | undefined {
    return this.typed.get(key(kind, namespace, name)) as Typed<K> | undefined;
  }

  /** Validated objects of a kind, optionally in one namespace, sorted by namespace then name. */
  list<K extends ModelKind>(kind: K, namespace?: string): Typed<K>[] {
    const byNamespace = this.sortedByNamespace(kind);
    if (namespace !== undefined) return [...((byNamespace.get(namespace) ?? []) as Typed<K>[])];
    return [...byNamespace.keys()].sort(cmp).flatMap((ns) => byNamespace.get(ns) as Typed<K>[]);
  }

  // Built once per kind: listing per namespace for each of thousands of VirtualMCPServers must not re-sort every object.
  private sortedByNamespace(kind: string): Map<string, AnyTyped[]> {
    let cached = this.sorted.get(kind);
    if (!cached) {
      cached = new Map();
      for (const t of this.byKind.get(kind) ?? []) {
        const list = cached.get(t.resource.namespace) ?? [];
        list.push(t);
        cached.set(t.resource.namespace, list);
      }
      for (const list of cached.values()) list.sort((a, b) => cmp(a.resource.name, b.resource.name));
      this.sorted.set(kind, cached);
    }
    return cached;
  }

  /** Namespaces other than `namespace` that hold an object of this kind and name, for hints on namespace mistakes. */
  otherNamespaces(kind: string, namespace: string, name: string): string[] {
    const out: string[] = [];
    for (const r of this.all.values())
      if (r.kind === kind && r.name === name && r.namespace !== namespace) out.push(r.namespace);
    return out.sort();
  }

  resourcesOfKind(kind: string): Resource[] {
    return [...this.all.values()].filter((r) => r.kind === kind);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
