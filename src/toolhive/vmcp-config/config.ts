import { z } from "zod";
import { aggregation } from "./aggregation.js";
import { incomingAuth, outgoingAuth } from "./auth.js";
import { compositeTool, compositeToolRef } from "./composite-tools.js";
import { headerName, httpUrl, optionalAbsolutePath, stringMap } from "./formats.js";
import { withRules } from "./rules.js";
import { audit, codeMode, operational, optimizer, rateLimiting, sessionStorage, telemetry } from "./runtime.js";

/**
 * The vMCP runtime's config.yaml (pkg/vmcp/config.Config of ToolHive v0.44.0, decoded with
 * KnownFields: every object is closed), as vmcp-gen writes it. Every config vmcp-gen renders is
 * parsed with this model before it is emitted, and `vmcp-gen schemas` exports its JSON Schema.
 * The conformance oracle's runtime acceptance test is the judge of what the runtime accepts.
 */

const staticBackend = withRules(
  z.strictObject({
    name: z.string().min(1),
    url: httpUrl,
    transport: z.enum(["sse", "streamable-http"]),
    type: z.enum(["entry", ""]).optional(),
    caBundlePath: optionalAbsolutePath.optional(),
    metadata: stringMap.optional(),
  }),
  [
    {
      message: "caBundlePath is only valid with type: entry",
      holds: (v) => (v.caBundlePath ?? "") === "" || v.type === "entry",
      jsonSchema: {
        if: { required: ["caBundlePath"], properties: { caBundlePath: { type: "string", minLength: 1 } } },
        then: { required: ["type"], properties: { type: { const: "entry" } } },
      },
    },
  ],
).meta({
  id: "StaticBackend",
  description: "A backend of static mode; its outgoing auth is outgoingAuth.backends[name], else outgoingAuth.default.",
});

// Headers the runtime never forwards from the client (hop-by-hop, framing, proxy and auth headers).
const NOT_PASSED_THROUGH = [
  "Host",
  "Connection",
  "Keep-Alive",
  "TE",
  "Trailer",
  "Upgrade",
  "HTTP2-Settings",
  "Proxy-Authorization",
  "Proxy-Authenticate",
  "Proxy-Connection",
  "Transfer-Encoding",
  "Content-Length",
  "Forwarded",
  "X-Forwarded-For",
  "X-Forwarded-Host",
  "X-Forwarded-Proto",
  "X-Real-IP",
  "Authorization",
  "Cookie",
];
const caseInsensitive = (name: string) =>
  [...name].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join("");
const NOT_PASSED_PATTERN = `^(${NOT_PASSED_THROUGH.map(caseInsensitive).join("|")})$`;
const NOT_PASSED = new Set(NOT_PASSED_THROUGH.map((h) => h.toLowerCase()));
const passthroughHeader = headerName
  .refine((h) => !NOT_PASSED.has(h.toLowerCase()), "the runtime never passes this header through")
  .meta({ not: { type: "string", pattern: NOT_PASSED_PATTERN } });

type Config = {
  rateLimiting?: unknown;
  sessionStorage?: { provider: string; address?: string | undefined } | undefined;
};

export const vmcpConfig = withRules(
  z.strictObject({
    name: z.string().min(1),
    groupRef: z.string().min(1),
    backends: z.array(staticBackend).optional(),
    incomingAuth,
    outgoingAuth,
    aggregation,
    compositeTools: z.array(compositeTool).optional(),
    compositeToolRefs: z.array(compositeToolRef).optional(),
    operational: operational.optional(),
    metadata: stringMap.optional(),
    telemetry: telemetry.optional(),
    audit: audit.optional(),
    optimizer: optimizer.optional(),
    codeMode: codeMode.optional(),
    sessionStorage: sessionStorage.optional(),
    rateLimiting: rateLimiting.optional(),
    passthroughHeaders: z.array(passthroughHeader).optional(),
  }),
  [
    {
      message: "rateLimiting needs Redis session storage with an address",
      holds: (v: Config) =>
        v.rateLimiting === undefined ||
        (v.sessionStorage?.provider === "redis" && (v.sessionStorage.address ?? "") !== ""),
      jsonSchema: {
        if: { required: ["rateLimiting"] },
        then: {
          required: ["sessionStorage"],
          properties: {
            sessionStorage: {
              required: ["provider", "address"],
              properties: { provider: { const: "redis" }, address: { type: "string", minLength: 1 } },
            },
          },
        },
      },
    },
  ],
).meta({ id: "Config", description: "pkg/vmcp/config.Config as decoded by gopkg.in/yaml.v3 with KnownFields(true)." });

export type VmcpConfig = z.output<typeof vmcpConfig>;

/** Static mode (outgoingAuth.source inline): the backends are listed, at least one. */
export const staticVmcpConfig = vmcpConfig.refine(
  (c) => c.outgoingAuth.source === "inline" && (c.backends?.length ?? 0) > 0,
  "static mode lists its backends",
);
