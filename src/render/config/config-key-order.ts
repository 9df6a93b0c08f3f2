import type { OrderedObject } from "../../resolve/types.js";

/** `pkg/vmcp/config.Config` field order: yaml.v3 writes struct fields in declaration order. */
const CONFIG_KEY_ORDER = [
  "name",
  "groupRef",
  "backends",
  "incomingAuth",
  "outgoingAuth",
  "aggregation",
  "compositeTools",
  "compositeToolRefs",
  "operational",
  "metadata",
  "telemetry",
  "audit",
  "optimizer",
  "codeMode",
  "sessionStorage",
  "rateLimiting",
  "passthroughHeaders",
] as const;

/**
 * The top-level sections in Go struct order, whatever order they were built in (sections come
 * from several modules). Keys outside the struct keep their place after the known ones.
 */
export function orderConfigKeys(config: OrderedObject): OrderedObject {
  const out: OrderedObject = {};
  for (const key of CONFIG_KEY_ORDER) if (Object.hasOwn(config, key)) out[key] = config[key]!;
  for (const [key, value] of Object.entries(config)) if (!Object.hasOwn(out, key)) out[key] = value;
  return out;
}
