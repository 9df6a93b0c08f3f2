import { checkExternalAuthEmbeddedServer, checkVirtualMcpServerAuthServer } from "./cel-auth-server.js";
import { checkMcpRemoteProxyAuthz, checkMcpServerAuthz, checkVirtualMcpServerAuthz } from "./cel-authz.js";
import { checkExternalAuthTypeBlock } from "./cel-external-auth.js";
import { checkOidcConfigTypeBlock, checkTelemetryHeaderOverlap } from "./cel-oidc-telemetry.js";
import {
  checkAggregation,
  checkCompositeToolNames,
  checkOptimizerEmbeddingSource,
  checkOutgoingBackendRefs,
} from "./cel-operator-validate.js";
import { checkMcpServerRateLimiting, checkVirtualMcpServerRateLimiting } from "./cel-rate-limiting.js";
import {
  checkMcpRemoteProxySessionStorage,
  checkMcpServerSessionStorage,
  checkVirtualMcpServerSessionStorage,
} from "./cel-session-storage.js";
import {
  checkCircuitBreakerTimeout,
  checkEmbeddingServerVsOpenai,
  checkIncomingOidcRef,
  checkOptimizerEmbeddingHeaders,
} from "./cel-virtual-mcp-server.js";
import { checkWebhookConfigNotEmpty } from "./cel-webhook-config.js";
import { checkCompositeToolDefinition, VMCP_CONFIG_RULES } from "./config-rules.js";
import { checkEntryRemoteUrl } from "./entry-remote-url.js";
import {
  checkEntryHeaders,
  checkExternalAuthHeaders,
  checkRemoteProxyHeaders,
  checkTelemetryConfigHeaders,
  checkVirtualMcpServerHeaders,
} from "./header-fields.js";
import { checkTelemetryConfigValidate } from "./telemetry-config-validate.js";
import type { RuleSet } from "./types.js";

/**
 * Every per-kind rule the validate stage runs, after the schema check passed: the CRDs' CEL
 * (`x-kubernetes-validations`) as explicit checks, the operator's Go `Validate()`, and the
 * operator's MCPServerEntry checks.
 */
export const RULES: RuleSet = {
  VirtualMCPServer: [
    checkVirtualMcpServerRateLimiting,
    checkEmbeddingServerVsOpenai,
    checkIncomingOidcRef,
    checkVirtualMcpServerAuthz,
    checkVirtualMcpServerSessionStorage,
    checkCircuitBreakerTimeout,
    checkOptimizerEmbeddingHeaders,
    checkVirtualMcpServerAuthServer,
    checkOutgoingBackendRefs,
    checkAggregation,
    checkCompositeToolNames,
    checkOptimizerEmbeddingSource,
    checkVirtualMcpServerHeaders,
    ...VMCP_CONFIG_RULES,
  ],
  MCPServer: [checkMcpServerAuthz, checkMcpServerRateLimiting, checkMcpServerSessionStorage],
  MCPRemoteProxy: [checkMcpRemoteProxyAuthz, checkMcpRemoteProxySessionStorage, checkRemoteProxyHeaders],
  MCPServerEntry: [checkEntryRemoteUrl, checkEntryHeaders],
  MCPExternalAuthConfig: [checkExternalAuthTypeBlock, checkExternalAuthEmbeddedServer, checkExternalAuthHeaders],
  MCPOIDCConfig: [checkOidcConfigTypeBlock],
  MCPTelemetryConfig: [checkTelemetryHeaderOverlap, checkTelemetryConfigValidate, checkTelemetryConfigHeaders],
  MCPWebhookConfig: [checkWebhookConfigNotEmpty],
  VirtualMCPCompositeToolDefinition: [checkCompositeToolDefinition],
};
