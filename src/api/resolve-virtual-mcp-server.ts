import { hasErrors } from "../diagnostics/create.js";
import { InputError } from "../diagnostics/errors.js";
import { formatDiagnosticsText } from "../diagnostics/format-text.js";
import type { SettingNames } from "../kube/option-values.js";
import { loadSources } from "../load/load-inputs.js";
import type { SourceFile } from "../load/types.js";
import { checkLoaded, finalizeDiagnostics, resolveChecked } from "../pipeline.js";
import { addNetworkPolicy } from "../render/network-policy/network-policies.js";
import type { NetworkPolicyOptions } from "../render/network-policy/types.js";
import { checkPodTemplateSchema } from "../render/pod-template-schema.js";
import { applyUserPodTemplate } from "../render/pod-template-spec.js";
import type { VirtualMcpServerProps } from "../render/virtual-mcp-server.js";

/** The ToolHive objects a {@link VirtualMcpServer} is rendered from, and how. */
export interface VirtualMcpServerSource {
  /**
   * The VirtualMCPServer and the ToolHive objects it refers to (its MCPGroup, the group's
   * MCPServers, MCPRemoteProxies and MCPServerEntries, their MCPExternalAuthConfigs, …), as
   * plain objects: what a YAML parser makes of the manifests `kubectl apply` would read.
   * ConfigMaps they name (CA bundles, authorization policies) may be among them, to be checked.
   */
  readonly resources: readonly unknown[];
  /** The VirtualMCPServer to render (`name` or `namespace/name`); needed when `resources` hold several. */
  readonly name?: string;
  /** Namespace of the objects that have none. @defaultValue `default` */
  readonly namespace?: string;
  /** Container image of the vMCP runtime. @defaultValue the ToolHive release vmcp-gen renders for */
  readonly image?: string;
  /** Also render the pod's network policy (static mode), as `vmcp-gen synth --network-policy` does. */
  readonly networkPolicy?: NetworkPolicyOptions;
  /** Leave out backends the operator would drop, with a warning each, instead of failing. */
  readonly skipInvalidBackends?: boolean;
  /** A reference to an object not among `resources` is an error, not a warning. */
  readonly strictRefs?: boolean;
}

const SETTING_NAMES: SettingNames = {
  vmcp: "resolveVirtualMcpServer name",
  skipInvalidBackends: "resolveVirtualMcpServer skipInvalidBackends",
};

/**
 * Validates and resolves one VirtualMCPServer from ToolHive objects, as `vmcp-gen synth` does:
 * CRD schemas, the CRDs' CEL rules, references, group membership, and the operator's offline
 * substitutes for cluster state. The result is the props of a {@link VirtualMcpServer}.
 *
 * @throws {@link InputError} when the objects have errors; its `diagnostics` list them all, and its
 * message is vmcp-gen's text report of them. Warnings go into the props' `diagnostics`.
 */
export function resolveVirtualMcpServer(source: VirtualMcpServerSource): VirtualMcpServerProps {
  // JSON is YAML: the loader reads each object as a file of its own, named by its index.
  const files: SourceFile[] = source.resources.map((r, i) => ({
    path: `resources[${i}]`,
    text: `${JSON.stringify(r, null, 2)}\n`,
  }));
  const options = {
    strictRefs: source.strictRefs === true,
    skipInvalidBackends: source.skipInvalidBackends === true,
    settingNames: SETTING_NAMES,
    ...(source.name !== undefined ? { only: [source.name] } : {}),
    ...(source.image !== undefined ? { image: source.image } : {}),
  };
  const load = loadSources(files, source.namespace !== undefined ? { namespace: source.namespace } : {});
  const check = checkLoaded(load, options);
  const found = resolveChecked(check, options);
  const diagnostics = finalizeDiagnostics(load, found.diagnostics);
  const { resolved } = found;
  if (hasErrors(diagnostics))
    throw new InputError(
      `vmcp-gen: the ToolHive objects have errors\n${formatDiagnosticsText(diagnostics, { color: false })}`,
      diagnostics,
    );
  const [v, ...more] = resolved;
  if (!v || more.length > 0)
    throw new InputError(
      `vmcp-gen: the ToolHive objects hold ${resolved.length} VirtualMCPServers (${resolved.map((r) => `${r.namespace}/${r.name}`).join(", ")}): name the one to render`,
      diagnostics,
    );
  return {
    resolved: v,
    ...(source.image !== undefined ? { image: source.image } : {}),
    podTemplate: (vmcp, template, checksum) => applyUserPodTemplate(vmcp, template, checksum, checkPodTemplateSchema),
    ...(source.networkPolicy
      ? { networkPolicy: (scope, vmcp) => addNetworkPolicy(scope, vmcp, source.networkPolicy!) }
      : {}),
    diagnostics,
  };
}
