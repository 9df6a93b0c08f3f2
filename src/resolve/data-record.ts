/**
 * A record keyed by data (annotation keys, backend names), built without object shapes: V8 gives
 * every distinct key set a hidden class, and at thousands of VirtualMCPServers those classes (and
 * the transitions to them) make ordinary objects slower everywhere: V8 lets the empty object's
 * shape have at most 1,536 transitions to a first property, and objects whose first key comes
 * later are built in dictionary mode (bench/PLAN.md, item 8).
 */
export function dataRecord<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** {@link dataRecord} with the keys in code-unit order, the order Go's encoding/json writes a map in. */
export function sortedDataRecord<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  return dataRecord([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
