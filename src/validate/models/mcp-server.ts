import { z } from "zod";
import { nameRef } from "./common.js";

// CRD defaults (transport stdio, proxyMode streamable-http, proxyPort 8080) are applied before parsing.
export const mcpServerSpec = z.looseObject({
  image: z.string(),
  transport: z.enum(["stdio", "streamable-http", "sse"]),
  proxyMode: z.enum(["sse", "streamable-http"]).optional(),
  proxyPort: z.number().int().optional(),
  groupRef: nameRef.optional(),
  externalAuthConfigRef: nameRef.optional(),
});
export type MCPServerSpec = z.infer<typeof mcpServerSpec>;
