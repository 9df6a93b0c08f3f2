import type { OrderedObject, ResolvedSessionStorage } from "../../resolve/types.js";

/** `SessionStorageConfig`: `provider` always, the rest when set. */
export function buildSessionStorage(s: ResolvedSessionStorage): OrderedObject {
  const out: OrderedObject = { provider: s.provider };
  if (s.address) out.address = s.address;
  if (s.db) out.db = s.db;
  if (s.keyPrefix) out.keyPrefix = s.keyPrefix;
  return out;
}
