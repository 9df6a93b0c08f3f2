import { checkCompositeToolDefinition, checkVirtualMcpServerCompositeTools } from "./composite-rules.js";
import type { KindRule } from "./types.js";
import { checkAggregationForRuntime } from "./vmcp-aggregation-runtime.js";
import { checkAudit } from "./vmcp-audit.js";
import { checkIgnoredConfigFields, checkUnknownConfigKeys } from "./vmcp-config-fields.js";
import { checkEmbeddingServerUsable } from "./vmcp-embedding-server.js";
import { checkOperationalForRuntime } from "./vmcp-operational-runtime.js";
import { checkPassthroughHeaders } from "./vmcp-passthrough-headers.js";

export { checkCompositeToolDefinition };

/**
 * The VirtualMCPServer rules about what ends up in config.yaml that the CRD cannot express:
 * composite tools, fields the operator drops or ignores, passthrough headers, the EmbeddingServer
 * the optimizer points at, and audit, aggregation and operational settings the runtime only checks at startup.
 */
export const VMCP_CONFIG_RULES: readonly KindRule<"VirtualMCPServer">[] = [
  checkVirtualMcpServerCompositeTools,
  checkUnknownConfigKeys,
  checkIgnoredConfigFields,
  checkPassthroughHeaders,
  checkEmbeddingServerUsable,
  checkAudit,
  checkAggregationForRuntime,
  checkOperationalForRuntime,
];
