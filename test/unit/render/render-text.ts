import { parse } from "yaml";
import type { Diagnostic } from "../../../src/diagnostics/types.js";
import { synthesizeSources } from "../../../src/pipeline.js";
import type { ManifestObject } from "../../../src/render/types.js";

export type Obj = Record<string, unknown>;

export interface TextRender {
  readonly objects: readonly ManifestObject[];
  readonly diagnostics: readonly Diagnostic[];
  readonly codes: readonly string[];
  /** By kind (first of each kind). */
  readonly find: (kind: string, name?: string) => Obj | undefined;
  /** config.yaml of the first vMCP ConfigMap, parsed. */
  readonly config: () => Obj;
  /** The pod template of the first Deployment. */
  readonly pod: () => Obj;
}

/** Renders YAML text in memory, the way `vmcp-gen synth` renders files. */
export async function renderText(text: string): Promise<TextRender> {
  const result = await synthesizeSources([{ path: "input.yaml", text }]);
  const objects = result.rendered.flatMap((r) => r.objects);
  const find = (kind: string, name?: string) =>
    objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name)) as Obj | undefined;
  return {
    objects,
    diagnostics: result.diagnostics,
    codes: result.diagnostics.map((d) => d.code),
    find,
    config: () => parse((find("ConfigMap") as { data: Record<string, string> }).data["config.yaml"]!) as Obj,
    pod: () => (find("Deployment") as { spec: { template: Obj } }).spec.template,
  };
}

/** A group with one MCPServerEntry, and a VirtualMCPServer `demo` in namespace `ns` with `spec` merged in. */
export function vmcpInputs(spec: string, extra = ""): string {
  return `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPGroup
metadata: {name: tools, namespace: ns}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServerEntry
metadata: {name: context7, namespace: ns}
spec:
  groupRef: {name: tools}
  remoteUrl: https://mcp.context7.com/mcp
  transport: streamable-http
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata: {name: demo, namespace: ns}
spec:
  groupRef: {name: tools}
${spec.replace(/^/gm, "  ")}
${extra ? `---\n${extra}` : ""}`;
}
