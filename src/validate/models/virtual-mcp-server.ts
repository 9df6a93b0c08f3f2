import { z } from "zod";
import { jsonObject, nameRef, secretKeyRef } from "./common.js";

export const backendAuthConfig = z.looseObject({
  type: z.enum(["discovered", "externalAuthConfigRef"]),
  externalAuthConfigRef: nameRef.optional(),
});

export const authzConfigRef = z.looseObject({
  type: z.enum(["configMap", "inline"]),
  configMap: z.looseObject({ name: z.string(), key: z.string().optional() }).optional(),
  inline: z.looseObject({ policies: z.array(z.string()), entitiesJson: z.string().optional(), primaryUpstreamProvider: z.string().optional() }).optional(),
  groupClaimName: z.string().optional(),
  roleClaimName: z.string().optional(),
  groupEntityType: z.string().optional(),
});

export const incomingAuth = z.looseObject({
  // `kubernetes` is a removed legacy value; the schema rejects it, a dedicated rule explains it.
  type: z.string(),
  oidcConfigRef: z.looseObject({ name: z.string(), audience: z.string(), resourceUrl: z.string().optional(), scopes: z.array(z.string()).optional() }).optional(),
  authzConfig: authzConfigRef.optional(),
  authzConfigRef: nameRef.optional(),
});

export const outgoingAuth = z.looseObject({
  // `mixed` is a deprecated legacy value accepted as `inline`.
  source: z.string(),
  default: backendAuthConfig.optional(),
  backends: z.record(z.string(), backendAuthConfig).optional(),
});

export const sessionStorage = z.looseObject({
  provider: z.enum(["memory", "redis"]),
  address: z.string().optional(),
  db: z.number().int().optional(),
  keyPrefix: z.string().optional(),
  passwordRef: secretKeyRef.optional(),
});

export const virtualMcpServerSpec = z.looseObject({
  groupRef: nameRef,
  incomingAuth,
  outgoingAuth: outgoingAuth.optional(),
  config: jsonObject.optional(),
  serviceType: z.enum(["ClusterIP", "NodePort", "LoadBalancer"]).optional(),
  sessionAffinity: z.enum(["ClientIP", "None"]).optional(),
  replicas: z.number().int().optional(),
  imagePullSecrets: z.array(z.looseObject({ name: z.string().optional() })).optional(),
  serviceAccount: z.string().optional(),
  podTemplateSpec: jsonObject.optional(),
  telemetryConfigRef: z.looseObject({ name: z.string(), serviceName: z.string().optional() }).optional(),
  embeddingServerRef: nameRef.optional(),
  sessionStorage: sessionStorage.optional(),
  passthroughHeaders: z.array(z.string()).optional(),
  authServerConfig: jsonObject.optional(),
});
export type VirtualMCPServerSpec = z.infer<typeof virtualMcpServerSpec>;
export type BackendAuthConfig = z.infer<typeof backendAuthConfig>;
