// The runtime's defaults (`default` in the exported schema) are documentation: vmcp-gen writes what
// the input says, and the runtime fills in the rest.
import { z } from "zod";
import { AUDIT_EVENT_TYPES } from "../audit-event-types.js";
import { duration, headerName, headerValue, positiveDuration, stringMap } from "./formats.js";
import { whenEquals, withRules, type ConfigRule } from "./rules.js";

// The operational sections of config.yaml: timeouts and health checks, telemetry, audit, the tool
// optimizer, code mode, session storage and rate limits.

const failureHandling = z
  .strictObject({
    healthCheckInterval: duration.optional().meta({ default: "30s" }),
    unhealthyThreshold: z.number().int().min(0).optional().meta({ default: 3 }),
    healthCheckTimeout: duration.optional(),
    statusReportingInterval: duration.optional().meta({ default: "30s" }),
    partialFailureMode: z.enum(["fail", "best_effort"]).optional().meta({ default: "fail" }),
    circuitBreaker: z
      .strictObject({
        enabled: z.boolean().optional().meta({ default: false }),
        failureThreshold: z.number().int().min(0).optional().meta({ default: 5 }),
        timeout: duration.optional().meta({ default: "60s" }),
      })
      .optional(),
  })
  .meta({ id: "FailureHandling" });

export const operational = z
  .strictObject({
    logLevel: z.enum(["debug"]).optional(),
    timeouts: z
      .strictObject({
        default: duration.optional().meta({ default: "30s" }),
        perWorkload: z.record(z.string(), positiveDuration).optional(),
      })
      .optional(),
    failureHandling: failureHandling.optional(),
  })
  .meta({
    id: "Operational",
    description: "Missing or zero values are filled with the runtime's defaults before validation.",
  });

type Telemetry = {
  endpoint?: string | undefined;
  tracingEnabled?: boolean | undefined;
  metricsEnabled?: boolean | undefined;
};
const endpointNeedsASignal: ConfigRule<Telemetry> = {
  message: "a telemetry endpoint needs tracingEnabled or metricsEnabled",
  holds: (v) => (v.endpoint ?? "") === "" || v.tracingEnabled === true || v.metricsEnabled === true,
  jsonSchema: {
    if: { required: ["endpoint"], properties: { endpoint: { type: "string", minLength: 1 } } },
    then: {
      anyOf: [
        { required: ["tracingEnabled"], properties: { tracingEnabled: { const: true } } },
        { required: ["metricsEnabled"], properties: { metricsEnabled: { const: true } } },
      ],
    },
  },
};

export const telemetry = withRules(
  z.strictObject({
    endpoint: z.string().optional(),
    serviceName: z.string().optional(),
    serviceVersion: z.string().optional(),
    tracingEnabled: z.boolean().optional().meta({ default: false }),
    metricsEnabled: z.boolean().optional().meta({ default: false }),
    samplingRate: z
      .string()
      .regex(/^([0-9]*[.])?[0-9]+$/)
      .optional(),
    headers: stringMap.optional(),
    insecure: z.boolean().optional(),
    enablePrometheusMetricsPath: z.boolean().optional(),
    prometheusPort: z.number().int().min(0).max(65535).optional(),
    metricsOnTransportPort: z.boolean().optional(),
    environmentVariables: z.array(z.string()).optional(),
    customAttributes: stringMap.optional(),
    useLegacyAttributes: z.boolean().optional(),
    caCertPath: z.string().optional(),
  }),
  [endpointNeedsASignal],
).meta({ id: "Telemetry" });

export const audit = z
  .strictObject({
    enabled: z.boolean().optional(),
    component: z.string().optional(),
    eventTypes: z.array(z.enum(AUDIT_EVENT_TYPES)).optional(),
    excludeEventTypes: z.array(z.enum(AUDIT_EVENT_TYPES)).optional(),
    includeRequestData: z.boolean().optional(),
    includeResponseData: z.boolean().optional(),
    detectApplicationErrors: z.boolean().optional(),
    maxDataSize: z.number().int().min(0).optional(),
    maxDelegationDepth: z.number().int().min(1).optional(),
    logFile: z.string().optional(),
  })
  .meta({ id: "Audit" });

// Authorization and Content-Type are set by the optimizer itself.
const RESERVED_EMBEDDING_HEADER = /^(authorization|content-type)$/i;
const embeddingHeaders = z
  .record(
    headerName
      .refine((h) => !RESERVED_EMBEDDING_HEADER.test(h), "Authorization and Content-Type are set by the optimizer")
      .meta({
        not: {
          type: "string",
          pattern:
            "^([Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn]|[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Tt][Yy][Pp][Ee])$",
        },
      }),
    headerValue,
  )
  .refine((r) => Object.keys(r).length <= 32, "at most 32 embedding headers")
  .meta({ maxProperties: 32 });

type Optimizer = {
  embeddingProvider?: string | undefined;
  embeddingService?: string | undefined;
  embeddingModel?: string | undefined;
  embeddingHeaders?: Record<string, string> | undefined;
};
export const optimizer = withRules(
  z.strictObject({
    embeddingService: z.string().optional(),
    embeddingServiceTimeout: duration.optional().meta({ default: "30s" }),
    embeddingProvider: z.enum(["tei", "openai"]).optional().meta({ default: "tei" }),
    embeddingModel: z.string().optional(),
    embeddingHeaders: embeddingHeaders.optional(),
    maxToolsToReturn: z.number().int().min(0).max(50).optional(),
    hybridSearchSemanticRatio: z
      .string()
      .regex(/^(0+|0*[.][0-9]+|0*1([.]0+)?)$/)
      .optional(),
    semanticDistanceThreshold: z
      .string()
      .regex(/^(0+|0*[01]?[.][0-9]+|0*[01]|0*2([.]0+)?)$/)
      .optional(),
  }),
  [
    whenEquals<Optimizer>("embeddingProvider", "openai", ["embeddingService", "embeddingModel"], {
      required: ["embeddingService", "embeddingModel"],
      properties: {
        embeddingService: { type: "string", minLength: 1 },
        embeddingModel: { type: "string", minLength: 1 },
      },
    }),
    {
      message: "embeddingHeaders need embeddingProvider openai",
      holds: (v) => v.embeddingHeaders === undefined || v.embeddingProvider === "openai",
      jsonSchema: {
        if: { required: ["embeddingHeaders"] },
        then: { required: ["embeddingProvider"], properties: { embeddingProvider: { const: "openai" } } },
      },
    },
  ],
).meta({ id: "Optimizer" });

export const codeMode = z
  .strictObject({
    enabled: z.boolean().optional().meta({ default: false }),
    stepLimit: z.number().int().min(0).optional().meta({ default: 100000 }),
    parallelMaxConcurrency: z.number().int().min(0).optional().meta({ default: 10 }),
    toolCallTimeout: duration.optional().meta({ default: "30s" }),
  })
  .meta({ id: "CodeMode" });

export const sessionStorage = withRules(
  z.strictObject({
    provider: z.enum(["memory", "redis"]),
    address: z.string().optional(),
    db: z.number().int().min(0).optional(),
    keyPrefix: z.string().optional(),
  }),
  [
    whenEquals("provider", "redis", ["address"], {
      required: ["address"],
      properties: { address: { type: "string", minLength: 1 } },
    }),
  ],
).meta({ id: "SessionStorage" });

const rateLimitBucket = z
  .strictObject({ maxTokens: z.number().int().min(1), refillPeriod: z.strictObject({ duration: positiveDuration }) })
  .meta({ id: "RateLimitBucket" });

type Buckets = { shared?: unknown; perUser?: unknown };
const oneBucket: ConfigRule<Buckets> = {
  message: "a rate limit needs shared or perUser",
  holds: (v) => v.shared !== undefined || v.perUser !== undefined,
  jsonSchema: { anyOf: [{ required: ["shared"] }, { required: ["perUser"] }] },
};
const toolLimit = withRules(
  z.strictObject({ name: z.string().min(1), shared: rateLimitBucket.optional(), perUser: rateLimitBucket.optional() }),
  [oneBucket],
);

export const rateLimiting = withRules(
  z.strictObject({
    shared: rateLimitBucket.optional(),
    perUser: rateLimitBucket.optional(),
    tools: z.array(toolLimit).optional(),
  }),
  [
    {
      message: "rateLimiting needs shared, perUser or tools",
      holds: (v) => v.shared !== undefined || v.perUser !== undefined || (v.tools?.length ?? 0) > 0,
      jsonSchema: {
        anyOf: [
          { required: ["shared"] },
          { required: ["perUser"] },
          { required: ["tools"], properties: { tools: { type: "array", minItems: 1 } } },
        ],
      },
    },
  ],
).meta({ id: "RateLimiting" });
