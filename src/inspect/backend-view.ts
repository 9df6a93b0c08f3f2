import { convertExternalAuthConfig, isStrategyProblem } from "../resolve/auth-strategies.js";
import { groupKey, toBackend, type GroupMembers } from "../resolve/group-members.js";
import type { ResolvedVmcp } from "../resolve/types.js";
import { DEFAULT_CA_KEY } from "../validate/references/config-map-references.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import type { ValidatedModel } from "../validate/validate-resources.js";
import type { InspectBackend } from "./types.js";

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The MCPExternalAuthConfig that decides a backend's outgoing auth, in the runtime's order:
 * the VirtualMCPServer's per-backend override (`discovered` meaning the workload's own config),
 * the workload's own `externalAuthConfigRef`, then the default.
 */
function authConfigName(vmcp: Typed<"VirtualMCPServer">, backend: string, own: string | undefined): string | undefined {
  const outgoing = vmcp.spec.outgoingAuth;
  const override = outgoing?.backends?.[backend];
  if (override) return override.type === "externalAuthConfigRef" ? override.externalAuthConfigRef?.name : own;
  if (own) return own;
  return outgoing?.default?.type === "externalAuthConfigRef" ? outgoing.default.externalAuthConfigRef?.name : undefined;
}

function authType(index: ResourceIndex, namespace: string, configName: string | undefined): string {
  if (!configName) return "unauthenticated";
  const config = index.get("MCPExternalAuthConfig", namespace, configName);
  if (!config) return "unknown";
  const converted = convertExternalAuthConfig(configName, config.spec);
  const type = isStrategyProblem(converted) ? undefined : converted.strategy.type;
  return typeof type === "string" ? type : config.spec.type;
}

/**
 * The backends of one VirtualMCPServer as its runtime will see them. Static mode uses the list
 * config.yaml carries; discovered mode lists the group members vMCP will find at run time.
 */
export function inspectBackends(
  vmcp: Typed<"VirtualMCPServer">,
  model: ValidatedModel,
  members: GroupMembers,
  resolved: ResolvedVmcp | undefined,
): InspectBackend[] {
  const ns = vmcp.resource.namespace;
  const group = vmcp.spec.groupRef.name;
  const inGroup = members.get(groupKey(ns, group)) ?? [];
  const ownRef = new Map(inGroup.map((m) => [m.resource.name, m.spec.externalAuthConfigRef?.name]));
  const inline = resolved?.mode === "inline";
  const backends = inline ? [...resolved.backends] : inGroup.map((m) => toBackend(m, group)).sort(byName);
  return backends.map((b) => {
    const configName = authConfigName(vmcp, b.name, ownRef.get(b.name));
    const out: InspectBackend = {
      name: b.name,
      kind: b.kind,
      url: b.url,
      transport: b.transport,
      authType: authType(model.index, ns, configName),
      ...(configName ? { authConfigRef: configName } : {}),
    };
    if (!b.caBundle) return out;
    return inline
      ? { ...out, caBundlePath: b.caBundlePath ?? `${b.caBundle.mountPath}/${b.caBundle.key}` }
      : { ...out, caBundleConfigMap: `${b.caBundle.configMap}/${b.caBundle.key || DEFAULT_CA_KEY}` };
  });
}
