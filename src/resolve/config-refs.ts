import type { CompositeToolConfig } from "../validate/spec-types.js";
import type { MCPToolConfigSpec } from "../validate/spec-types.js";
import { listAt, objAt, strAt } from "../validate/rules/cel-fields.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import { embeddingServerUrl } from "./embedding-server.js";

/**
 * The objects `spec.config` points at, looked up so rendering never needs the index: the
 * MCPToolConfigs of `aggregation.tools[].toolConfigRef`, the VirtualMCPCompositeToolDefinitions
 * of `compositeToolRefs` (in ref order), and the EmbeddingServer of `embeddingServerRef`.
 * Missing or invalid ones were reported by validate; they are simply absent here.
 */
export interface ResolvedConfigRefs {
  readonly toolConfigs: Readonly<Record<string, MCPToolConfigSpec>>;
  readonly compositeTools: readonly CompositeToolConfig[];
  readonly embeddingServiceUrl?: string;
}

export function resolveConfigRefs(vmcp: Typed<"VirtualMCPServer">, index: ResourceIndex): ResolvedConfigRefs {
  const ns = vmcp.resource.namespace;
  const config = vmcp.spec.config;
  const toolConfigs: Record<string, MCPToolConfigSpec> = {};
  for (const tool of listAt(objAt(config, "aggregation"), "tools")) {
    const name = strAt(objAt(tool, "toolConfigRef"), "name");
    const found = name ? index.get("MCPToolConfig", ns, name) : undefined;
    if (name && found) toolConfigs[name] = found.spec;
  }
  const compositeTools: CompositeToolConfig[] = [];
  for (const ref of listAt(config, "compositeToolRefs")) {
    const name = strAt(ref, "name");
    const found = name ? index.get("VirtualMCPCompositeToolDefinition", ns, name) : undefined;
    if (found) compositeTools.push(found.spec);
  }
  const esName = vmcp.spec.embeddingServerRef?.name;
  const es = esName ? index.get("EmbeddingServer", ns, esName) : undefined;
  return {
    toolConfigs,
    compositeTools,
    ...(es && esName ? { embeddingServiceUrl: embeddingServerUrl(esName, ns, es.spec) } : {}),
  };
}
