import type { EmbeddingServerSpec } from "./crd-types/embedding-server.js";
import type { MCPAuthzConfigSpec } from "./crd-types/mcp-authz-config.js";
import type { MCPExternalAuthConfigSpec } from "./crd-types/mcp-external-auth-config.js";
import type { MCPGroupSpec } from "./crd-types/mcp-group.js";
import type { MCPOIDCConfigSpec } from "./crd-types/mcp-oidc-config.js";
import type { MCPRegistrySpec } from "./crd-types/mcp-registry.js";
import type { MCPRemoteProxySpec } from "./crd-types/mcp-remote-proxy.js";
import type { MCPServerEntrySpec } from "./crd-types/mcp-server-entry.js";
import type { MCPServerSpec } from "./crd-types/mcp-server.js";
import type { MCPTelemetryConfigSpec } from "./crd-types/mcp-telemetry-config.js";
import type { MCPToolConfigSpec } from "./crd-types/mcp-tool-config.js";
import type { MCPWebhookConfigSpec } from "./crd-types/mcp-webhook-config.js";
import type { VirtualMCPCompositeToolDefinitionSpec } from "./crd-types/virtual-mcp-composite-tool-definition.js";
import type { VirtualMCPServerSpec } from "./crd-types/virtual-mcp-server.js";

export type {
  EmbeddingServerSpec,
  MCPAuthzConfigSpec,
  MCPExternalAuthConfigSpec,
  MCPGroupSpec,
  MCPOIDCConfigSpec,
  MCPRegistrySpec,
  MCPRemoteProxySpec,
  MCPServerEntrySpec,
  MCPServerSpec,
  MCPTelemetryConfigSpec,
  MCPToolConfigSpec,
  MCPWebhookConfigSpec,
  VirtualMCPCompositeToolDefinitionSpec,
  VirtualMCPServerSpec,
};

/**
 * The `spec` of each ToolHive kind, as later stages read it once the schema check has passed. The
 * types are generated from the committed schemas (src/validate/crd-types/, npm run schemas), so
 * they promise what the schema checked and nothing more.
 */
export interface SpecsByKind {
  VirtualMCPServer: VirtualMCPServerSpec;
  MCPGroup: MCPGroupSpec;
  MCPServer: MCPServerSpec;
  MCPRemoteProxy: MCPRemoteProxySpec;
  MCPServerEntry: MCPServerEntrySpec;
  MCPExternalAuthConfig: MCPExternalAuthConfigSpec;
  MCPToolConfig: MCPToolConfigSpec;
  VirtualMCPCompositeToolDefinition: CompositeToolConfig;
  MCPOIDCConfig: MCPOIDCConfigSpec;
  MCPAuthzConfig: MCPAuthzConfigSpec;
  MCPTelemetryConfig: MCPTelemetryConfigSpec;
  EmbeddingServer: EmbeddingServerSpec;
  MCPWebhookConfig: MCPWebhookConfigSpec;
  MCPRegistry: MCPRegistrySpec;
}

export type ModelKind = keyof SpecsByKind;
export type SpecOf<K extends ModelKind> = SpecsByKind[K];

export type BackendAuthConfig = NonNullable<NonNullable<VirtualMCPServerSpec["outgoingAuth"]>["default"]>;
export type ExternalAuthType = MCPExternalAuthConfigSpec["type"];
export type InlineOidcConfig = NonNullable<MCPOIDCConfigSpec["inline"]>;
export type KubernetesServiceAccountOidcConfig = NonNullable<MCPOIDCConfigSpec["kubernetesServiceAccount"]>;
export type OpenTelemetryConfig = NonNullable<MCPTelemetryConfigSpec["openTelemetry"]>;

// A composite tool: the whole spec of a VirtualMCPCompositeToolDefinition, and an item of a
// VirtualMCPServer's spec.config.compositeTools. Two parts are free-form in the CRD
// (x-kubernetes-preserve-unknown-fields) though the runtime decodes them into Go structs: a
// forEach step's inner step, and the properties nested in an output property.
// rules/composite-shapes.ts checks that each field they have carries the JSON type of that
// struct field, which is what these two hand-written types promise.
type GeneratedStep = VirtualMCPCompositeToolDefinitionSpec["steps"][number];
type GeneratedOutput = NonNullable<VirtualMCPCompositeToolDefinitionSpec["output"]>;
type GeneratedOutputProperty = GeneratedOutput["properties"][string];

/** A forEach step's inner step; every workflow step is one too (with more guarantees). */
export interface InnerStep {
  readonly id?: string;
  readonly type?: string;
  readonly tool?: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
  readonly condition?: string;
  readonly dependsOn?: readonly string[];
  readonly onError?: { readonly action?: string; readonly retryCount?: number; readonly retryDelay?: string };
  readonly message?: string;
  readonly schema?: Readonly<Record<string, unknown>>;
  readonly timeout?: string;
  readonly onDecline?: { readonly action?: string };
  readonly onCancel?: { readonly action?: string };
  readonly defaultResults?: unknown;
  readonly collection?: string;
  readonly itemVar?: string;
  readonly maxParallel?: number;
  readonly maxIterations?: number;
  readonly step?: InnerStep;
}

/** An output property below the first level; every output property is one too. */
export interface NestedOutputProperty {
  readonly type?: string;
  readonly description?: string;
  readonly value?: string;
  readonly properties?: Readonly<Record<string, NestedOutputProperty>>;
  readonly default?: unknown;
}

export type WorkflowStep = Omit<GeneratedStep, "step"> & { step?: InnerStep };
export type OutputProperty = Omit<GeneratedOutputProperty, "properties"> & {
  properties?: Record<string, NestedOutputProperty>;
};
export type OutputConfig = Omit<GeneratedOutput, "properties"> & { properties: Record<string, OutputProperty> };
export type CompositeToolConfig = Omit<VirtualMCPCompositeToolDefinitionSpec, "steps" | "output"> & {
  steps: WorkflowStep[];
  output?: OutputConfig;
};
