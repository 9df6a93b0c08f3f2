import { z } from "zod";
import { configMapKeyRef, nameRef, secretKeyRef, stringMap } from "./common.js";

export const headerForward = z.looseObject({
  addPlaintextHeaders: stringMap.optional(),
  addHeadersFromSecret: z.array(z.looseObject({ headerName: z.string(), valueSecretRef: secretKeyRef })).optional(),
});

export const mcpServerEntrySpec = z.looseObject({
  remoteUrl: z.string(),
  transport: z.enum(["sse", "streamable-http"]),
  groupRef: nameRef,
  caBundleRef: z.looseObject({ configMapRef: configMapKeyRef.optional() }).optional(),
  externalAuthConfigRef: nameRef.optional(),
  headerForward: headerForward.optional(),
});
export type MCPServerEntrySpec = z.infer<typeof mcpServerEntrySpec>;
export type HeaderForward = z.infer<typeof headerForward>;
