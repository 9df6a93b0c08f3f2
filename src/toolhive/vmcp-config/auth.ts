import { z } from "zod";
import { envVarName, headerName, headerValue, httpUrl, nonEmptyString, optionalAbsolutePath } from "./formats.js";
import { dependsOn, exactlyOne, whenEquals, withRules, type ConfigRule } from "./rules.js";

// incomingAuth and outgoingAuth of config.yaml (pkg/vmcp/config, ToolHive v0.44.0).

const oidc = z
  .strictObject({
    issuer: httpUrl,
    clientId: z.string().optional(),
    clientSecretEnv: envVarName.optional(),
    audience: z.string().min(1),
    resource: z.string().optional(),
    jwksUrl: httpUrl.optional(),
    introspectionUrl: httpUrl.optional(),
    scopes: z.array(z.string()).optional(),
    protectedResourceAllowPrivateIp: z.boolean().optional(),
    jwksAllowPrivateIp: z.boolean().optional(),
    insecureAllowHttp: z.boolean().optional(),
    caBundlePath: optionalAbsolutePath.optional(),
  })
  .meta({ id: "OIDC" });

const authz = withRules(
  z.strictObject({
    type: z.enum(["cedar", "none"]),
    policies: z.array(z.string()).optional(),
    entitiesJson: z.string().optional(),
    primaryUpstreamProvider: z.string().optional(),
    groupClaimName: z.string().optional(),
    roleClaimName: z.string().optional(),
    groupEntityType: z.string().optional(),
  }),
  [
    whenEquals("type", "cedar", ["policies"], {
      required: ["policies"],
      properties: { policies: { type: "array", minItems: 1 } },
    }),
  ],
).meta({ id: "Authz" });

export const incomingAuth = withRules(
  z.strictObject({ type: z.enum(["oidc", "local", "anonymous"]), oidc: oidc.optional(), authz: authz.optional() }),
  [whenEquals("type", "oidc", ["oidc"], { required: ["oidc"] })],
).meta({ id: "IncomingAuth" });

const headerInjection = withRules(
  z.strictObject({ headerName, headerValue: headerValue.optional(), headerValueEnv: envVarName.optional() }),
  [exactlyOne("headerValue", "headerValueEnv")],
).meta({ id: "HeaderInjection" });

const tokenExchange = withRules(
  z.strictObject({
    tokenUrl: httpUrl,
    clientId: nonEmptyString.optional(),
    clientSecret: nonEmptyString.optional(),
    clientSecretEnv: envVarName.optional(),
    audience: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    subjectTokenType: z
      .enum([
        "access_token",
        "id_token",
        "jwt",
        "urn:ietf:params:oauth:token-type:access_token",
        "urn:ietf:params:oauth:token-type:id_token",
        "urn:ietf:params:oauth:token-type:jwt",
      ])
      .optional(),
    subjectProviderName: z.string().optional(),
  }),
  [dependsOn("clientSecret", "clientId"), dependsOn("clientSecretEnv", "clientId")],
).meta({ id: "TokenExchange" });

const upstreamInject = z.strictObject({ providerName: z.string().min(1) }).meta({ id: "UpstreamInject" });

const roleArn = z.string().regex(/^arn:/);
const roleMapping = withRules(
  z.strictObject({
    claim: nonEmptyString.optional(),
    matcher: nonEmptyString.optional(),
    roleArn,
    priority: z.number().int().optional(),
  }),
  [exactlyOne("claim", "matcher")],
);
type AwsSts = { fallbackRoleArn?: string | undefined; roleMappings?: unknown[] | undefined };
const awsStsRoleSource: ConfigRule<AwsSts> = {
  message: "awsSts needs fallbackRoleArn or at least one roleMappings entry",
  holds: (v) => v.fallbackRoleArn !== undefined || (v.roleMappings?.length ?? 0) > 0,
  jsonSchema: {
    anyOf: [
      { required: ["fallbackRoleArn"] },
      { required: ["roleMappings"], properties: { roleMappings: { type: "array", minItems: 1 } } },
    ],
  },
};
const awsSts = withRules(
  z.strictObject({
    region: z.string().min(1),
    service: z.string().optional(),
    fallbackRoleArn: roleArn.optional(),
    roleMappings: z.array(roleMapping).optional(),
    roleClaim: z.string().optional(),
    sessionDuration: z.number().int().min(900).max(43200).optional(),
    sessionNameClaim: z.string().optional(),
    subjectProviderName: z.string().optional(),
  }),
  [awsStsRoleSource],
).meta({ id: "AwsSts" });

type Obo = { clientSecret?: string | undefined; clientSecretEnv?: string | undefined };
const oboOneSecret: ConfigRule<Obo> = {
  message: "obo takes clientSecret or clientSecretEnv, not both",
  holds: (v) => v.clientSecret === undefined || v.clientSecretEnv === undefined,
  jsonSchema: { not: { required: ["clientSecret", "clientSecretEnv"] } },
};
const obo = withRules(
  z.strictObject({
    tokenUrl: httpUrl,
    clientId: z.string().optional(),
    clientSecret: nonEmptyString.optional(),
    clientSecretEnv: envVarName.optional(),
    audience: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    subjectTokenProviderName: z.string().optional(),
    cacheSkewSeconds: z.number().int().min(0).optional(),
  }),
  [oboOneSecret],
).meta({ id: "OBO", description: "Upstream (OSS) builds return ErrEnterpriseRequired for every OBO call." });

/** A client id needs its secret, literal or from an environment variable. */
function clientSecretOf<V extends Record<string, unknown>>(
  id: keyof V & string,
  secret: keyof V & string,
  secretEnv: keyof V & string,
): ConfigRule<V> {
  return {
    message: `${id} needs ${secret} or ${secretEnv}`,
    holds: (v) => v[id] === undefined || v[secret] !== undefined || v[secretEnv] !== undefined,
    jsonSchema: { if: { required: [id] }, then: { anyOf: [{ required: [secret] }, { required: [secretEnv] }] } },
  };
}
const xaa = withRules(
  z.strictObject({
    idpTokenUrl: httpUrl,
    idpClientId: nonEmptyString.optional(),
    idpClientSecret: nonEmptyString.optional(),
    idpClientSecretEnv: envVarName.optional(),
    targetTokenUrl: httpUrl,
    insecureTargetTokenUrl: z.boolean().optional(),
    targetClientId: nonEmptyString.optional(),
    targetClientSecret: nonEmptyString.optional(),
    targetClientSecretEnv: envVarName.optional(),
    targetAudience: z.string().min(1),
    targetResource: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    subjectProviderName: z.string().optional(),
    subjectTokenType: z.literal("urn:ietf:params:oauth:token-type:id_token").optional(),
  }),
  [
    dependsOn("idpClientSecret", "idpClientId"),
    dependsOn("idpClientSecretEnv", "idpClientId"),
    dependsOn("targetClientSecret", "targetClientId"),
    dependsOn("targetClientSecretEnv", "targetClientId"),
    clientSecretOf("idpClientId", "idpClientSecret", "idpClientSecretEnv"),
    clientSecretOf("targetClientId", "targetClientSecret", "targetClientSecretEnv"),
  ],
).meta({ id: "XAA" });

const STRATEGY_BLOCKS = {
  header_injection: "headerInjection",
  token_exchange: "tokenExchange",
  upstream_inject: "upstreamInject",
  aws_sts: "awsSts",
  obo: "obo",
  xaa: "xaa",
} as const;

export const backendAuthStrategy = withRules(
  z.strictObject({
    type: z.enum(["unauthenticated", "header_injection", "token_exchange", "upstream_inject", "aws_sts", "obo", "xaa"]),
    headerInjection: headerInjection.optional(),
    tokenExchange: tokenExchange.optional(),
    upstreamInject: upstreamInject.optional(),
    awsSts: awsSts.optional(),
    obo: obo.optional(),
    xaa: xaa.optional(),
  }),
  Object.entries(STRATEGY_BLOCKS).map(([type, block]) => whenEquals("type", type, [block], { required: [block] })),
).meta({ id: "BackendAuthStrategy" });

export const outgoingAuth = z
  .strictObject({
    source: z.enum(["inline", "discovered"]),
    default: backendAuthStrategy.optional(),
    backends: z.record(z.string(), backendAuthStrategy).optional(),
  })
  .meta({ id: "OutgoingAuth" });
