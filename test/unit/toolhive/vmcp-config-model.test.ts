import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { staticVmcpConfig, vmcpConfig } from "../../../src/toolhive/vmcp-config/config.js";
import { vmcpConfigJsonSchema } from "../../../src/toolhive/vmcp-config/json-schema.js";
import { REPO_ROOT } from "../../helpers/run-cli.js";

// vmcp-gen's zod model of config.yaml against the reference schema of the runtime's config
// (fixtures/reference/, from ../shared/reference/): the same definitions and fields, and the same
// verdict — the model's parse, its exported JSON Schema and the reference — on every case below.
// The runtime itself judges in test/oracle/runtime-acceptance.test.ts.

type Json = Record<string, unknown>;
const REFERENCE = path.join(REPO_ROOT, "fixtures/reference/vmcp-config.schema.json");
const SHARED = path.resolve(REPO_ROOT, "../shared/reference/vmcp-config.schema.json");
const reference = JSON.parse(readFileSync(REFERENCE, "utf8")) as Json & { $id: string; $defs: Record<string, Json> };
const exported = vmcpConfigJsonSchema() as Json & { $defs: Record<string, Json> };

const compile = (schema: Json) => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(schema, "root");
  return { static: ajv.getSchema("root")!, any: ajv.getSchema("root#/$defs/Config")! };
};
const ref = compile(reference);
const ours = compile(exported);

const base = (): Json => ({
  name: "demo",
  groupRef: "tools",
  backends: [
    {
      name: "fetch",
      url: "http://mcp-fetch-proxy.tools.svc.cluster.local:8080/mcp",
      transport: "streamable-http",
      metadata: { group: "tools" },
    },
  ],
  incomingAuth: { type: "anonymous" },
  outgoingAuth: { source: "inline" },
  aggregation: { conflictResolution: "prefix", conflictResolutionConfig: { prefixFormat: "{workload}_" } },
  operational: { timeouts: { default: "30s" } },
});
const strategy = (s: Json): Json => ({ ...base(), outgoingAuth: { source: "inline", backends: { fetch: s } } });
const step = (s: Json): Json => ({
  ...base(),
  compositeTools: [{ name: "flow", description: "d", steps: [{ id: "a", ...s }] }],
});
const property = (p: Json): Json => ({
  ...base(),
  compositeTools: [
    { name: "flow", description: "d", steps: [{ id: "a", tool: "fetch.get" }], output: { properties: { p } } },
  ],
});

const CASES: [string, Json][] = [
  ["a minimal static config", base()],
  [
    "discovered mode without backends (any config)",
    { ...base(), backends: undefined, outgoingAuth: { source: "discovered" } },
  ],
  ["an unknown top-level field", { ...base(), extra: 1 }],
  ["a missing aggregation", { ...base(), aggregation: undefined }],
  ["oidc without its block", { ...base(), incomingAuth: { type: "oidc" } }],
  [
    "oidc with its block",
    {
      ...base(),
      incomingAuth: {
        type: "oidc",
        oidc: { issuer: "https://issuer.example.com", audience: "a", jwksUrl: "https://issuer.example.com/jwks" },
      },
    },
  ],
  [
    "cedar authz without policies",
    { ...base(), incomingAuth: { type: "anonymous", authz: { type: "cedar", policies: [] } } },
  ],
  [
    "caBundlePath without type entry",
    {
      ...base(),
      backends: [{ name: "e", url: "https://mcp.example.com", transport: "sse", caBundlePath: "/etc/ca.crt" }],
    },
  ],
  [
    "caBundlePath with type entry",
    {
      ...base(),
      backends: [
        { name: "e", url: "https://mcp.example.com", transport: "sse", type: "entry", caBundlePath: "/etc/ca.crt" },
      ],
    },
  ],
  [
    "a header injection with both value and env",
    strategy({
      type: "header_injection",
      headerInjection: { headerName: "X-Key", headerValue: "v", headerValueEnv: "KEY" },
    }),
  ],
  [
    "a header injection from an env var",
    strategy({ type: "header_injection", headerInjection: { headerName: "X-Key", headerValueEnv: "KEY" } }),
  ],
  ["a token exchange without its block", strategy({ type: "token_exchange" })],
  [
    "a token exchange secret without a client id",
    strategy({
      type: "token_exchange",
      tokenExchange: { tokenUrl: "https://sts.example.com/token", clientSecretEnv: "S" },
    }),
  ],
  ["aws sts without a role source", strategy({ type: "aws_sts", awsSts: { region: "eu-west-1" } })],
  [
    "aws sts with a role mapping naming both claim and matcher",
    strategy({
      type: "aws_sts",
      awsSts: { region: "eu-west-1", roleMappings: [{ claim: "c", matcher: "m", roleArn: "arn:aws:iam::1:role/r" }] },
    }),
  ],
  [
    "aws sts with a fallback role",
    strategy({
      type: "aws_sts",
      awsSts: { region: "eu-west-1", fallbackRoleArn: "arn:aws:iam::1:role/r", sessionDuration: 900 },
    }),
  ],
  [
    "obo with two secrets",
    strategy({
      type: "obo",
      obo: { tokenUrl: "https://sts.example.com/token", clientSecret: "x", clientSecretEnv: "S" },
    }),
  ],
  [
    "xaa with a client id and no secret",
    strategy({
      type: "xaa",
      xaa: {
        idpTokenUrl: "https://idp.example.com/t",
        targetTokenUrl: "https://t.example.com/t",
        targetAudience: "a",
        idpClientId: "c",
      },
    }),
  ],
  [
    "priority resolution without an order",
    { ...base(), aggregation: { conflictResolution: "priority", conflictResolutionConfig: {} } },
  ],
  [
    "manual resolution without tools",
    { ...base(), aggregation: { conflictResolution: "manual", conflictResolutionConfig: {} } },
  ],
  [
    "a tool override with annotations only",
    {
      ...base(),
      aggregation: {
        ...(base().aggregation as Json),
        tools: [{ workload: "fetch", overrides: { get: { annotations: { readOnlyHint: true } } } }],
      },
    },
  ],
  [
    "a tool override with a description",
    {
      ...base(),
      aggregation: {
        ...(base().aggregation as Json),
        tools: [{ workload: "fetch", overrides: { get: { description: "d" } } }],
      },
    },
  ],
  ["a tool step without tool", step({ type: "tool" })],
  ["a step without type with tool and message", step({ tool: "fetch.get", message: "m" })],
  ["an elicitation without schema", step({ type: "elicitation", message: "ok?" })],
  [
    "a forEach with a tool of its own",
    step({ type: "forEach", collection: "{{.x}}", tool: "fetch.get", step: { id: "i", tool: "fetch.get" } }),
  ],
  ["a forEach", step({ type: "forEach", collection: "{{.x}}", step: { id: "i", tool: "fetch.get" } })],
  [
    "itemVar index",
    step({ type: "forEach", collection: "{{.x}}", itemVar: "index", step: { id: "i", tool: "fetch.get" } }),
  ],
  ["retry without retryCount", step({ tool: "fetch.get", onError: { action: "retry" } })],
  ["a negative duration", step({ tool: "fetch.get", timeout: "-5s" })],
  [
    "an output property with value and properties",
    property({
      type: "object",
      description: "d",
      value: "v",
      properties: { q: { type: "string", description: "q", value: "v" } },
    }),
  ],
  ["a string output property without value", property({ type: "string", description: "d" })],
  [
    "an object output property with properties",
    property({ type: "object", description: "d", properties: { q: { type: "string", description: "q", value: "v" } } }),
  ],
  [
    "parameters without type object",
    {
      ...base(),
      compositeTools: [
        { name: "flow", description: "d", parameters: { properties: {} }, steps: [{ id: "a", tool: "fetch.get" }] },
      ],
    },
  ],
  ["a telemetry endpoint without a signal", { ...base(), telemetry: { endpoint: "otel:4317" } }],
  [
    "openai embeddings without a model",
    { ...base(), optimizer: { embeddingProvider: "openai", embeddingService: "https://e.example.com" } },
  ],
  [
    "an Authorization embedding header",
    {
      ...base(),
      optimizer: {
        embeddingProvider: "openai",
        embeddingService: "https://e",
        embeddingModel: "m",
        embeddingHeaders: { authorization: "x" },
      },
    },
  ],
  ["redis session storage without an address", { ...base(), sessionStorage: { provider: "redis" } }],
  [
    "rate limits on memory session storage",
    {
      ...base(),
      sessionStorage: { provider: "memory" },
      rateLimiting: { shared: { maxTokens: 5, refillPeriod: { duration: "1m" } } },
    },
  ],
  [
    "rate limits on redis",
    {
      ...base(),
      sessionStorage: { provider: "redis", address: "redis:6379" },
      rateLimiting: { shared: { maxTokens: 5, refillPeriod: { duration: "1m" } } },
    },
  ],
  ["empty rate limits", { ...base(), sessionStorage: { provider: "redis", address: "redis:6379" }, rateLimiting: {} }],
  ["a hop-by-hop passthrough header", { ...base(), passthroughHeaders: ["connection"] }],
  ["a passthrough header", { ...base(), passthroughHeaders: ["X-Tenant"] }],
];

describe("vmcp-gen's model of config.yaml", () => {
  it.skipIf(!existsSync(SHARED))("fixtures/reference/ holds the shared reference schema as it is", () => {
    expect(readFileSync(REFERENCE, "utf8")).toBe(readFileSync(SHARED, "utf8"));
  });

  it("exports every definition of the reference schema with the same fields and required fields", () => {
    // The reference names two helpers the model writes inline: AbsolutePath (unused there) and ForEachInnerStep.
    const names = Object.keys(reference.$defs).filter((k) => k !== "AbsolutePath" && k !== "ForEachInnerStep");
    for (const name of names) {
      const r = reference.$defs[name]!;
      const o = exported.$defs[name];
      expect(o, name).toBeDefined();
      expect(Object.keys((o!.properties as Json | undefined) ?? {}).sort(), name).toEqual(
        Object.keys((r.properties as Json | undefined) ?? {}).sort(),
      );
      expect([...((o!.required as string[] | undefined) ?? [])].sort(), name).toEqual(
        [...((r.required as string[] | undefined) ?? [])].sort(),
      );
    }
  });

  it.each(CASES)("%s: the model, its exported schema and the reference agree", (_name, config) => {
    const clean = JSON.parse(JSON.stringify(config)) as Json;
    const isStatic = (clean.outgoingAuth as Json | undefined)?.source === "inline";
    const verdicts = {
      reference: (isStatic ? ref.static : ref.any)(clean),
      exported: (isStatic ? ours.static : ours.any)(clean),
      model: (isStatic ? staticVmcpConfig : vmcpConfig).safeParse(clean).success,
    };
    expect(verdicts).toEqual({
      reference: verdicts.reference,
      exported: verdicts.reference,
      model: verdicts.reference,
    });
  });

  it("has cases on both sides", () => {
    const verdicts = CASES.map(([, c]) => ref.any(JSON.parse(JSON.stringify(c))));
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(5);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(20);
  });
});
