import type { StageResult } from "../diagnostics/types.js";
import type { ResolvedVmcp } from "../resolve/types.js";
import { serializeYaml, type JsonValue } from "../emit/serialize-yaml.js";
import { configMapChecksum } from "./checksum.js";
import { buildVmcpConfig } from "./config/build-config.js";
import { checkRenderedConfig } from "./config/check-config.js";
import { configMapLabels } from "./labels.js";
import { CONFIG_FILE } from "../kube/naming.js";
import type { RenderedVmcp, RenderOptions } from "./types.js";
import { synthesizeVmcpChart } from "./vmcp-chart.js";

/** Renders one VirtualMCPServer: config.yaml, its checksum, and the objects cdk8s synthesises. */
export function renderVmcp(v: ResolvedVmcp, options: RenderOptions): StageResult<RenderedVmcp> {
  const config = buildVmcpConfig(v);
  checkRenderedConfig(v, config);
  const configYaml = serializeYaml(config as JsonValue);
  const checksum = configMapChecksum({ [CONFIG_FILE]: configYaml }, configMapLabels(v.name));
  const policies = options.networkPolicies ? options.networkPolicies(v) : { objects: [], diagnostics: [] };
  const chart = synthesizeVmcpChart({ vmcp: v, image: options.image, configYaml, checksum, extraObjects: policies.objects, ...(options.podTemplate ? { podTemplate: options.podTemplate } : {}) });
  return { value: { namespace: v.namespace, name: v.name, objects: chart.objects }, diagnostics: [...chart.diagnostics, ...policies.diagnostics] };
}

/**
 * Renders every resolved VirtualMCPServer. Pure: the same model always gives the same objects.
 * What only rendering can find (a podTemplateSpec the patch cannot apply) comes back as diagnostics.
 */
export function renderManifests(resolved: readonly ResolvedVmcp[], options: RenderOptions): StageResult<RenderedVmcp[]> {
  const results = resolved.map((v) => renderVmcp(v, options));
  return { value: results.map((r) => r.value), diagnostics: results.flatMap((r) => r.diagnostics) };
}
