import type { Typed } from "../validate/resource-index.js";
import { resourceKey, type ValidatedModel } from "../validate/validate-resources.js";
import { mcpRemoteProxyBackend, mcpServerBackend, mcpServerEntryBackend } from "./backends.js";
import type { ResolvedBackend } from "./types.js";

export type Member = Typed<"MCPServer"> | Typed<"MCPRemoteProxy"> | Typed<"MCPServerEntry">;

/** Valid group members keyed by {@link groupKey}. */
export type GroupMembers = ReadonlyMap<string, readonly Member[]>;

export const groupKey = (namespace: string, group: string): string => `${namespace}\u0000${group}`;

/**
 * The valid members of every group, by namespace and group name (there is no cross-namespace
 * membership), minus those `--skip-invalid-backends` dropped. Built once per run, so resolving N
 * VirtualMCPServers stays linear.
 */
export function indexGroupMembers(model: ValidatedModel): GroupMembers {
  const { index, dropped } = model;
  const out = new Map<string, Member[]>();
  const all: Member[] = [...index.list("MCPServer"), ...index.list("MCPRemoteProxy"), ...index.list("MCPServerEntry")];
  for (const m of all) {
    const group = m.spec.groupRef?.name;
    if (group === undefined || dropped.has(resourceKey(m.resource))) continue;
    const k = groupKey(m.resource.namespace, group);
    const list = out.get(k) ?? [];
    list.push(m);
    out.set(k, list);
  }
  return out;
}

export function toBackend(m: Member, group: string): ResolvedBackend {
  switch (m.resource.kind) {
    case "MCPServer":
      return mcpServerBackend(m.resource, (m as Typed<"MCPServer">).spec, group);
    case "MCPRemoteProxy":
      return mcpRemoteProxyBackend(m.resource, (m as Typed<"MCPRemoteProxy">).spec, group);
    default:
      return mcpServerEntryBackend(m.resource, (m as Typed<"MCPServerEntry">).spec, group);
  }
}
