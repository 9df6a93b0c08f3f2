import { describe, expect, it } from "vitest";
import { convertExternalAuthConfig, isStrategyProblem } from "../../../src/resolve/auth-strategies.js";
import type { MCPExternalAuthConfigSpec } from "../../../src/validate/spec-types.js";

const convert = (name: string, spec: MCPExternalAuthConfigSpec) => convertExternalAuthConfig(name, spec);

describe("MCPExternalAuthConfig → strategy", () => {
  it("token exchange: env name from the config name, short subject token types expanded, header name dropped", () => {
    const out = convert("test-auth-config", {
      type: "tokenExchange",
      tokenExchange: {
        tokenUrl: "https://t",
        audience: "a",
        clientId: "c",
        clientSecretRef: { name: "s", key: "k" },
        subjectTokenType: "id_token",
        externalTokenHeaderName: "X-T",
      },
    });
    expect(out).toEqual({
      strategy: {
        type: "token_exchange",
        tokenExchange: {
          tokenUrl: "https://t",
          clientId: "c",
          clientSecretEnv: "TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_TEST_AUTH_CONFIG",
          audience: "a",
          subjectTokenType: "urn:ietf:params:oauth:token-type:id_token",
        },
      },
      env: [{ name: "TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_TEST_AUTH_CONFIG", secretKeyRef: { name: "s", key: "k" } }],
    });
  });
  it("token exchange without a client secret names no env var", () => {
    const out = convert("x", { type: "tokenExchange", tokenExchange: { tokenUrl: "https://t", audience: "a" } });
    expect(isStrategyProblem(out) ? [] : out.env).toEqual([]);
  });
  it("header injection names the value env var, never the value", () => {
    const out = convert("MyOAuthConfig", {
      type: "headerInjection",
      headerInjection: { headerName: "X-API-Key", valueSecretRef: { name: "s", key: "k" } },
    });
    expect(out).toEqual({
      strategy: {
        type: "header_injection",
        headerInjection: { headerName: "X-API-Key", headerValueEnv: "TOOLHIVE_HEADER_INJECTION_VALUE_MYOAUTHCONFIG" },
      },
      env: [{ name: "TOOLHIVE_HEADER_INJECTION_VALUE_MYOAUTHCONFIG", secretKeyRef: { name: "s", key: "k" } }],
    });
  });
  it("xaa mounts both secrets", () => {
    const out = convert("x", {
      type: "xaa",
      xaa: {
        idpTokenUrl: "https://i",
        targetTokenUrl: "https://t",
        targetAudience: "aud",
        idpClientId: "i",
        idpClientSecretRef: { name: "a", key: "b" },
        targetClientId: "t",
        targetClientSecretRef: { name: "c", key: "d" },
      },
    });
    expect(isStrategyProblem(out) ? [] : out.env.map((e) => e.name)).toEqual([
      "TOOLHIVE_XAA_IDP_CLIENT_SECRET_X",
      "TOOLHIVE_XAA_TARGET_CLIENT_SECRET_X",
    ]);
  });
  it("aws sts keeps role mappings in struct order", () => {
    const out = convert("x", {
      type: "awsSts",
      awsSts: {
        region: "eu-west-1",
        service: "aws-mcp",
        roleMappings: [{ claim: "admins", roleArn: "arn:aws:iam::123456789012:role/a", priority: 1 }],
        sessionDuration: 3600,
        roleClaim: "groups",
        sessionNameClaim: "sub",
      },
    });
    expect(isStrategyProblem(out) ? undefined : out.strategy).toEqual({
      type: "aws_sts",
      awsSts: {
        region: "eu-west-1",
        service: "aws-mcp",
        roleMappings: [{ claim: "admins", roleArn: "arn:aws:iam::123456789012:role/a", priority: 1 }],
        roleClaim: "groups",
        sessionDuration: 3600,
        sessionNameClaim: "sub",
      },
    });
  });
  it.each([
    ["obo", "VMCP521"],
    ["bearerToken", "VMCP520"],
    ["embeddedAuthServer", "VMCP520"],
  ] as const)("%s is refused with %s", (type, code) => {
    const out = convert("x", { type } as MCPExternalAuthConfigSpec);
    expect(isStrategyProblem(out) && out.code).toBe(code);
  });
});
