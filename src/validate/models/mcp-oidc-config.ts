import { z } from "zod";
import { configMapKeyRef, secretKeyRef } from "./common.js";

/** `inline`: a shared OIDC provider; audience and scopes come from each referrer's `oidcConfigRef`. */
export const inlineOidcConfig = z.looseObject({
  issuer: z.string(),
  jwksUrl: z.string().optional(),
  introspectionUrl: z.string().optional(),
  clientId: z.string().optional(),
  clientSecretRef: secretKeyRef.optional(),
  caBundleRef: z.looseObject({ configMapRef: configMapKeyRef.optional() }).optional(),
  // Not used by vMCP: its OIDC config has no token path (the operator drops it too).
  jwksAuthTokenPath: z.string().optional(),
  jwksAllowPrivateIP: z.boolean().optional(),
  protectedResourceAllowPrivateIP: z.boolean().optional(),
  insecureAllowHTTP: z.boolean().optional(),
});

/** `kubernetesServiceAccount`: tokens issued by the cluster's own service-account issuer. */
export const kubernetesServiceAccountOidcConfig = z.looseObject({
  serviceAccount: z.string().optional(),
  namespace: z.string().optional(),
  issuer: z.string().optional(),
  jwksUrl: z.string().optional(),
  introspectionUrl: z.string().optional(),
  useClusterAuth: z.boolean().optional(),
});

export const mcpOidcConfigSpec = z.looseObject({
  type: z.enum(["kubernetesServiceAccount", "inline"]),
  kubernetesServiceAccount: kubernetesServiceAccountOidcConfig.optional(),
  inline: inlineOidcConfig.optional(),
});
export type MCPOIDCConfigSpec = z.infer<typeof mcpOidcConfigSpec>;
export type InlineOidcConfig = z.infer<typeof inlineOidcConfig>;
export type KubernetesServiceAccountOidcConfig = z.infer<typeof kubernetesServiceAccountOidcConfig>;
