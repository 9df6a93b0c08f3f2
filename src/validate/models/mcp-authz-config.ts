import { z } from "zod";
import { jsonObject } from "./common.js";

/**
 * A shared authorizer config: `type` names the backend (`cedarv1`, `httpv1`) and `config` is its
 * backend-specific body, kept as free-form JSON as the CRD does (`x-kubernetes-preserve-unknown-fields`).
 */
export const mcpAuthzConfigSpec = z.looseObject({
  type: z.string(),
  config: jsonObject,
});
export type MCPAuthzConfigSpec = z.infer<typeof mcpAuthzConfigSpec>;
