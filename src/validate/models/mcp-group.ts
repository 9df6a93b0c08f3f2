import { z } from "zod";

export const mcpGroupSpec = z.looseObject({ description: z.string().optional() });
export type MCPGroupSpec = z.infer<typeof mcpGroupSpec>;
