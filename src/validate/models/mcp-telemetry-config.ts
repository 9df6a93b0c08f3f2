import { z } from "zod";
import { configMapKeyRef, secretKeyRef, stringMap } from "./common.js";

export const sensitiveHeader = z.looseObject({ name: z.string(), secretKeyRef });

export const openTelemetryConfig = z.looseObject({
  enabled: z.boolean().optional(),
  endpoint: z.string().optional(),
  insecure: z.boolean().optional(),
  headers: stringMap.optional(),
  sensitiveHeaders: z.array(sensitiveHeader).optional(),
  resourceAttributes: stringMap.optional(),
  metrics: z.looseObject({ enabled: z.boolean().optional() }).optional(),
  tracing: z.looseObject({ enabled: z.boolean().optional(), samplingRate: z.string().optional() }).optional(),
  useLegacyAttributes: z.boolean().optional(),
  caBundleRef: z.looseObject({ configMapRef: configMapKeyRef.optional() }).optional(),
});

export const mcpTelemetryConfigSpec = z.looseObject({
  openTelemetry: openTelemetryConfig.optional(),
  prometheus: z.looseObject({ enabled: z.boolean().optional() }).optional(),
});
export type MCPTelemetryConfigSpec = z.infer<typeof mcpTelemetryConfigSpec>;
export type OpenTelemetryConfig = z.infer<typeof openTelemetryConfig>;
