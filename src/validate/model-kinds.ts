import type { ModelKind } from "./models/index.js";

// The kinds that have a typed model. A record, not a list, so that the compiler checks it against
// the models (a missing or extra kind is a type error) while zod itself stays out of the run-time
// path: the models are types for later stages, the schema check is the run-time authority.
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
