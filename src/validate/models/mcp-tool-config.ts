import { z } from "zod";
import { toolOverride } from "./tool-override.js";

/** MCPToolConfig: a tool filter and per-tool overrides, referenced from `aggregation.tools[].toolConfigRef`. */
export const mcpToolConfigSpec = z.looseObject({
  toolsFilter: z.array(z.string()).optional(),
  toolsOverride: z.record(z.string(), toolOverride).optional(),
});
export type MCPToolConfigSpec = z.infer<typeof mcpToolConfigSpec>;
