import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { MCPExternalAuthConfigSpec } from "../validate/spec-types.js";
import { isHeaderName } from "../kube/http-headers.js";
import { headerInjectionValueEnv, tokenExchangeSecretEnv, xaaIdpSecretEnv, xaaTargetSecretEnv } from "./env-names.js";
import type { EnvVar, OrderedObject, OrderedValue, ResolvedStrategy } from "./types.js";

export interface StrategyProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly hint: string;
}

const SUBJECT_TOKEN_TYPES: Record<string, string> = {
  access_token: "urn:ietf:params:oauth:token-type:access_token",
  id_token: "urn:ietf:params:oauth:token-type:id_token",
  jwt: "urn:ietf:params:oauth:token-type:jwt",
};

/** Builds an object in the given key order, leaving out absent and empty values (Go's `omitempty`). */
function ordered(entries: readonly (readonly [string, OrderedValue | undefined, "always"?])[]): OrderedObject {
  const out: OrderedObject = {};
  for (const [key, value, always] of entries) {
    if (value === undefined) continue;
    if (!always && (value === "" || value === false || value === 0 || (Array.isArray(value) && value.length === 0)))
      continue;
    out[key] = value;
  }
  return out;
}

const secretEnv = (name: string, ref: { name: string; key: string }): EnvVar => ({
  name,
  secretKeyRef: { name: ref.name, key: ref.key },
});

const isHttpUrl = (v: string) => /^https?:\/\//.test(v) && v.length >= 8;

/**
 * The first field the CRD accepts but the vMCP runtime refuses at startup (its config schema):
 * rendering it would give a pod that never becomes ready.
 */
function runtimeRefuses(
  configName: string,
  checks: readonly (readonly [field: string, value: string | undefined, ok: (v: string) => boolean, what: string])[],
): StrategyProblem | undefined {
  for (const [field, value, ok, what] of checks) {
    if (value === undefined || ok(value)) continue;
    return {
      code: "VMCP605",
      message: `MCPExternalAuthConfig "${configName}" spec.${field} ${JSON.stringify(value)} is not ${what}; the vMCP runtime refuses to start with it`,
      hint: `set spec.${field} to ${what}`,
    };
  }
  return undefined;
}

/**
 * An MCPExternalAuthConfig as the backend auth strategy vMCP reads, with the env-var names the
 * operator uses and the env vars that carry its secrets. Secret values are never read.
 */
export function convertExternalAuthConfig(
  configName: string,
  spec: MCPExternalAuthConfigSpec,
): ResolvedStrategy | StrategyProblem {
  switch (spec.type) {
    case "unauthenticated":
      return { strategy: { type: "unauthenticated" }, env: [] };
    case "tokenExchange": {
      const te = spec.tokenExchange;
      if (!te) return missingBlock(configName, "tokenExchange");
      const refused = runtimeRefuses(configName, [
        ["tokenExchange.tokenUrl", te.tokenUrl, isHttpUrl, "an http:// or https:// URL"],
      ]);
      if (refused) return refused;
      const env = te.clientSecretRef ? [secretEnv(tokenExchangeSecretEnv(configName), te.clientSecretRef)] : [];
      const subject = te.subjectTokenType
        ? (SUBJECT_TOKEN_TYPES[te.subjectTokenType] ?? te.subjectTokenType)
        : undefined;
      const block = ordered([
        ["tokenUrl", te.tokenUrl, "always"],
        ["clientId", te.clientId],
        ["clientSecretEnv", te.clientSecretRef ? tokenExchangeSecretEnv(configName) : undefined],
        ["audience", te.audience],
        ["scopes", te.scopes],
        ["subjectTokenType", subject],
        ["subjectProviderName", te.subjectProviderName],
      ]);
      return { strategy: { type: "token_exchange", tokenExchange: block }, env };
    }
    case "headerInjection": {
      const hi = spec.headerInjection;
      if (!hi) return missingBlock(configName, "headerInjection");
      const refused = runtimeRefuses(configName, [
        [
          "headerInjection.headerName",
          hi.headerName,
          isHeaderName,
          "an HTTP header name (letters, digits and !#$%&'*+-.^_`|~, at most 256)",
        ],
      ]);
      if (refused) return refused;
      const envName = headerInjectionValueEnv(configName);
      return {
        strategy: {
          type: "header_injection",
          headerInjection: ordered([
            ["headerName", hi.headerName, "always"],
            ["headerValueEnv", envName],
          ]),
        },
        env: [secretEnv(envName, hi.valueSecretRef)],
      };
    }
    case "upstreamInject":
      // The runtime refuses to start with upstream_inject but no embedded auth server, and vmcp-gen
      // does not render spec.authServerConfig yet (VMCP603): rendering it would give a crashing pod.
      return {
        code: "VMCP520",
        message: `MCPExternalAuthConfig "${configName}" has type upstreamInject, which needs vMCP's embedded auth server (spec.authServerConfig); vmcp-gen does not render that yet`,
        hint: "use tokenExchange, headerInjection, awsSts, xaa or unauthenticated, or render this VirtualMCPServer with the ToolHive operator",
      };
    case "awsSts": {
      const a = spec.awsSts;
      if (!a) return missingBlock(configName, "awsSts");
      if (!a.fallbackRoleArn && (a.roleMappings ?? []).length === 0) {
        return {
          code: "VMCP605",
          message: `MCPExternalAuthConfig "${configName}" spec.awsSts has neither fallbackRoleArn nor roleMappings; the vMCP runtime refuses to start without a role to assume`,
          hint: "set spec.awsSts.fallbackRoleArn, or map claims to roles under spec.awsSts.roleMappings",
        };
      }
      const mappings = (a.roleMappings ?? []).map((m) =>
        ordered([
          ["claim", m.claim],
          ["matcher", m.matcher],
          ["roleArn", m.roleArn, "always"],
          ["priority", m.priority],
        ]),
      );
      const block = ordered([
        ["region", a.region, "always"],
        ["service", a.service],
        ["fallbackRoleArn", a.fallbackRoleArn],
        ["roleMappings", mappings],
        ["roleClaim", a.roleClaim],
        ["sessionDuration", a.sessionDuration],
        ["sessionNameClaim", a.sessionNameClaim],
        ["subjectProviderName", a.subjectProviderName],
      ]);
      return { strategy: { type: "aws_sts", awsSts: block }, env: [] };
    }
    case "xaa": {
      const x = spec.xaa;
      if (!x) return missingBlock(configName, "xaa");
      const refused = runtimeRefuses(configName, [
        ["xaa.idpTokenUrl", x.idpTokenUrl, isHttpUrl, "an http:// or https:// URL"],
        ["xaa.targetTokenUrl", x.targetTokenUrl, isHttpUrl, "an http:// or https:// URL"],
        ["xaa.targetAudience", x.targetAudience, (v) => v !== "", "a non-empty audience"],
      ]);
      if (refused) return refused;
      const env: EnvVar[] = [];
      if (x.idpClientSecretRef) env.push(secretEnv(xaaIdpSecretEnv(configName), x.idpClientSecretRef));
      if (x.targetClientSecretRef) env.push(secretEnv(xaaTargetSecretEnv(configName), x.targetClientSecretRef));
      const block = ordered([
        ["idpTokenUrl", x.idpTokenUrl, "always"],
        ["idpClientId", x.idpClientId],
        ["idpClientSecretEnv", x.idpClientSecretRef ? xaaIdpSecretEnv(configName) : undefined],
        ["targetTokenUrl", x.targetTokenUrl, "always"],
        ["insecureTargetTokenUrl", x.insecureTargetTokenUrl],
        ["targetClientId", x.targetClientId],
        ["targetClientSecretEnv", x.targetClientSecretRef ? xaaTargetSecretEnv(configName) : undefined],
        ["targetAudience", x.targetAudience, "always"],
        ["targetResource", x.targetResource],
        ["scopes", x.scopes],
        ["subjectProviderName", x.subjectProviderName],
        ["subjectTokenType", x.subjectTokenType],
      ]);
      return { strategy: { type: "xaa", xaa: block }, env };
    }
    case "obo":
      return {
        code: "VMCP521",
        message: `MCPExternalAuthConfig "${configName}" has type obo, which the open-source vMCP runtime refuses (ToolHive Enterprise only)`,
        hint: "use tokenExchange for on-behalf-of token exchange, or run the Enterprise image and render with the operator",
      };
    case "bearerToken":
    case "embeddedAuthServer":
      return {
        code: "VMCP520",
        message: `MCPExternalAuthConfig "${configName}" has type ${spec.type}, which vMCP cannot use for outgoing auth`,
        hint: `${spec.type} configures an MCPServer's or MCPRemoteProxy's own proxy; for vMCP backends use tokenExchange, headerInjection, awsSts, xaa or unauthenticated`,
      };
  }
}

function missingBlock(configName: string, block: string): StrategyProblem {
  return {
    code: "VMCP522",
    message: `MCPExternalAuthConfig "${configName}" has no ${block} block`,
    hint: `add spec.${block}, or change spec.type`,
  };
}

export function isStrategyProblem(v: ResolvedStrategy | StrategyProblem): v is StrategyProblem {
  return "code" in v;
}
