import type { ModelKind } from "./spec-types.js";

// The kinds whose specs later stages read through a generated type (spec-types.ts). A record, not
// a list, so that the compiler checks it against the types: a missing or extra kind is an error.
const MODEL_KINDS: Record<ModelKind, true> = {
  VirtualMCPServer: true,
  MCPGroup: true,
  MCPServer: true,
  MCPRemoteProxy: true,
  MCPServerEntry: true,
  MCPExternalAuthConfig: true,
  MCPToolConfig: true,
  VirtualMCPCompositeToolDefinition: true,
  MCPOIDCConfig: true,
  MCPAuthzConfig: true,
  MCPTelemetryConfig: true,
  EmbeddingServer: true,
  MCPWebhookConfig: true,
  MCPRegistry: true,
};

export function isModelKind(kind: string): kind is ModelKind {
  return Object.hasOwn(MODEL_KINDS, kind);
}
