/**
 * A record keyed by data (annotation keys, backend names), built without object shapes: V8 gives
 * every distinct key set a hidden class, and at thousands of VirtualMCPServers those classes (and
 * the transitions to them) make ordinary objects slower everywhere (see shape-priming.ts).
 */
export function dataRecord<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}
