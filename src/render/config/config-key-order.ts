import type { OrderedObject } from "../../resolve/types.js";
import { VMCP_CONFIG_KEYS } from "../../validate/rules/vmcp-config-fields.js";

/**
 * The top-level sections in Go struct order, whatever order they were built in (sections come
 * from several modules). Keys outside the struct keep their place after the known ones.
 */
export function orderConfigKeys(config: OrderedObject): OrderedObject {
  const out: OrderedObject = {};
  for (const key of VMCP_CONFIG_KEYS) if (Object.hasOwn(config, key)) out[key] = config[key]!;
  for (const [key, value] of Object.entries(config)) if (!Object.hasOwn(out, key)) out[key] = value;
  return out;
}
