import { z } from "zod";
import { secretKeyRef } from "./common.js";

export const EXTERNAL_AUTH_TYPES = ["tokenExchange", "headerInjection", "bearerToken", "unauthenticated", "embeddedAuthServer", "awsSts", "upstreamInject", "obo", "xaa"] as const;

export const tokenExchangeConfig = z.looseObject({
  tokenUrl: z.string(),
  audience: z.string(),
  clientId: z.string().optional(),
  clientSecretRef: secretKeyRef.optional(),
  scopes: z.array(z.string()).optional(),
  subjectTokenType: z.string().optional(),
  subjectProviderName: z.string().optional(),
  externalTokenHeaderName: z.string().optional(),
});

export const headerInjectionConfig = z.looseObject({ headerName: z.string(), valueSecretRef: secretKeyRef });

export const awsStsConfig = z.looseObject({
  region: z.string(),
  service: z.string().optional(),
  fallbackRoleArn: z.string().optional(),
  roleMappings: z.array(z.looseObject({ claim: z.string().optional(), matcher: z.string().optional(), roleArn: z.string(), priority: z.number().int().optional() })).optional(),
  roleClaim: z.string().optional(),
  sessionDuration: z.number().int().optional(),
  sessionNameClaim: z.string().optional(),
  subjectProviderName: z.string().optional(),
});

export const xaaConfig = z.looseObject({
  idpTokenUrl: z.string(),
  idpClientId: z.string().optional(),
  idpClientSecretRef: secretKeyRef.optional(),
  targetTokenUrl: z.string(),
  insecureTargetTokenUrl: z.boolean().optional(),
  targetClientId: z.string().optional(),
  targetClientSecretRef: secretKeyRef.optional(),
  targetAudience: z.string(),
  targetResource: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  subjectProviderName: z.string().optional(),
  subjectTokenType: z.string().optional(),
});

export const mcpExternalAuthConfigSpec = z.looseObject({
  type: z.enum(EXTERNAL_AUTH_TYPES),
  tokenExchange: tokenExchangeConfig.optional(),
  headerInjection: headerInjectionConfig.optional(),
  bearerToken: z.looseObject({ tokenSecretRef: secretKeyRef }).optional(),
  awsSts: awsStsConfig.optional(),
  upstreamInject: z.looseObject({ providerName: z.string() }).optional(),
  obo: z.record(z.string(), z.unknown()).optional(),
  xaa: xaaConfig.optional(),
  embeddedAuthServer: z.record(z.string(), z.unknown()).optional(),
});
export type MCPExternalAuthConfigSpec = z.infer<typeof mcpExternalAuthConfigSpec>;
export type ExternalAuthType = (typeof EXTERNAL_AUTH_TYPES)[number];
