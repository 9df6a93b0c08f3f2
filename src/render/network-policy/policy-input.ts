import type { Destination } from "./types.js";

/** What both policy flavours are built from, for one VirtualMCPServer. */
export interface NetworkPolicyInput {
  readonly vmcp: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly destinations: readonly Destination[];
  readonly ingressNamespaceLabels?: Readonly<Record<string, string>>;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Destinations with the same key become one rule with their ports, sorted and de-duplicated; groups sorted by key. */
export function groupPorts<D extends Destination>(
  destinations: readonly D[],
  key: (d: D) => string,
): { key: string; first: D; ports: number[] }[] {
  const groups = new Map<string, { key: string; first: D; ports: Set<number> }>();
  for (const d of destinations) {
    const k = key(d);
    const g = groups.get(k) ?? { key: k, first: d, ports: new Set<number>() };
    g.ports.add(d.port);
    groups.set(k, g);
  }
  return [...groups.values()]
    .sort(byKey)
    .map((g) => ({ key: g.key, first: g.first, ports: [...g.ports].sort((a, b) => a - b) }));
}
