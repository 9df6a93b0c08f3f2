import { z } from "zod";
import { jsonObject } from "./common.js";
import { compositeToolConfig } from "./composite-tool.js";
import { embeddingServerSpec } from "./embedding-server.js";
import { mcpAuthzConfigSpec } from "./mcp-authz-config.js";
import { mcpExternalAuthConfigSpec } from "./mcp-external-auth-config.js";
import { mcpGroupSpec } from "./mcp-group.js";
import { mcpRemoteProxySpec } from "./mcp-remote-proxy.js";
import { mcpServerEntrySpec } from "./mcp-server-entry.js";
import { mcpOidcConfigSpec } from "./mcp-oidc-config.js";
import { mcpServerSpec } from "./mcp-server.js";
import { mcpTelemetryConfigSpec } from "./mcp-telemetry-config.js";
import { mcpToolConfigSpec } from "./mcp-tool-config.js";
import { virtualMcpServerSpec } from "./virtual-mcp-server.js";

/**
 * The typed view of each ToolHive kind's `spec`, after CRD defaulting and the schema check. The
 * schema is the authority on structure; these models give later stages their types. They are not
 * run: test/unit/validate/models.test.ts checks that every spec the schema accepts in the fixtures
 * also satisfies its model, so the types do not promise more than the schema guarantees.
 */
export const SPEC_MODELS = {
  VirtualMCPServer: virtualMcpServerSpec,
  MCPGroup: mcpGroupSpec,
  MCPServer: mcpServerSpec,
  MCPRemoteProxy: mcpRemoteProxySpec,
  MCPServerEntry: mcpServerEntrySpec,
  MCPExternalAuthConfig: mcpExternalAuthConfigSpec,
  MCPToolConfig: mcpToolConfigSpec,
  VirtualMCPCompositeToolDefinition: compositeToolConfig,
  MCPOIDCConfig: mcpOidcConfigSpec,
  MCPAuthzConfig: mcpAuthzConfigSpec,
  MCPTelemetryConfig: mcpTelemetryConfigSpec,
  EmbeddingServer: embeddingServerSpec,
  MCPWebhookConfig: jsonObject,
  MCPRegistry: jsonObject,
} as const;

export type ModelKind = keyof typeof SPEC_MODELS;
export type SpecOf<K extends ModelKind> = z.infer<(typeof SPEC_MODELS)[K]>;
