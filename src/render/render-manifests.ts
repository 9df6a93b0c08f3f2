import { hasErrors } from "../diagnostics/create.js";
import type { StageResult } from "../diagnostics/types.js";
import type { ResolvedVmcp } from "../resolve/types.js";
import { cdk8s } from "./cdk8s.js";
import type { ManifestObject, RenderedVmcp, RenderOptions } from "./types.js";
import { VirtualMcpServer } from "./virtual-mcp-server.js";

/**
 * Renders one VirtualMCPServer: its construct, synthesised in an App of its own. One App per
 * VirtualMCPServer keeps synthesis linear: cdk8s walks the whole construct tree for every chart.
 */
export function renderVmcp(v: ResolvedVmcp, options: RenderOptions): StageResult<RenderedVmcp> {
  const app = new cdk8s.App({ outdir: "." });
  const chart = new cdk8s.Chart(app, "vmcp", { namespace: v.namespace, disableResourceNameHashes: true });
  const vmcp = new VirtualMcpServer(chart, "vmcp", { resolved: v, ...options });
  // With an error, cdk8s's synthesis would throw it through the construct's validation. The
  // pipeline reports every error with everything else it found, and never writes these objects
  // then; they still tell which input ConfigMaps the pods would mount, so each is synthesised alone.
  const objects = hasErrors(vmcp.diagnostics)
    ? chart.node
        .findAll()
        .filter((c) => c instanceof cdk8s.ApiObject)
        .map((o) => o.toJson())
    : chart.toJson();
  return {
    value: { namespace: v.namespace, name: v.name, objects: objects as ManifestObject[] },
    diagnostics: vmcp.diagnostics,
  };
}

/**
 * Renders every resolved VirtualMCPServer. Pure: the same model always gives the same objects.
 * What only rendering can find (a podTemplateSpec the patch cannot apply) comes back as diagnostics.
 */
export function renderManifests(
  resolved: readonly ResolvedVmcp[],
  options: RenderOptions,
): StageResult<RenderedVmcp[]> {
  const results = resolved.map((v) => renderVmcp(v, options));
  return { value: results.map((r) => r.value), diagnostics: results.flatMap((r) => r.diagnostics) };
}
