import { z } from "zod";
import { nameRef } from "./common.js";

export const mcpRemoteProxySpec = z.looseObject({
  remoteUrl: z.string(),
  transport: z.enum(["sse", "streamable-http"]),
  proxyPort: z.number().int().optional(),
  groupRef: nameRef.optional(),
  externalAuthConfigRef: nameRef.optional(),
});
export type MCPRemoteProxySpec = z.infer<typeof mcpRemoteProxySpec>;
