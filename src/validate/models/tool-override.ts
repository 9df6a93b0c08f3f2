import { z } from "zod";

/** MCP tool annotations a tool override may set; every field optional. */
export const toolAnnotationsOverride = z.looseObject({
  title: z.string().optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});

/** One entry of `overrides` / `toolsOverride`: rename, re-describe or re-annotate a tool. */
export const toolOverride = z.looseObject({
  name: z.string().optional(),
  description: z.string().optional(),
  annotations: toolAnnotationsOverride.optional(),
});

export type ToolAnnotationsOverride = z.infer<typeof toolAnnotationsOverride>;
export type ToolOverride = z.infer<typeof toolOverride>;
