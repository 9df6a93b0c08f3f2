import { CLI_SETTING_NAMES, type SettingNames } from "../kube/option-values.js";
import { createError, withSeverity } from "../diagnostics/create.js";
import type { Diagnostic, StageResult } from "../diagnostics/types.js";
import type { Resource } from "../load/types.js";
import type { Typed } from "../validate/resource-index.js";
import { fieldError, fieldWarning, resourceId } from "../diagnostics/rule-diagnostic.js";
import type { ValidatedModel } from "../validate/validate-resources.js";
import { groupKey, indexGroupMembers, toBackend, type GroupMembers, type Member } from "./group-members.js";
import { headerForwardEnvVars } from "./header-forward.js";
import { resolveOutgoingAuth, type AuthMember } from "./outgoing-auth.js";
import { resolveVmcpFeatures } from "./vmcp-features.js";
import type { EnvVar, OutgoingSource, ResolvedBackend, ResolvedVmcp } from "./types.js";
import { serviceName } from "../kube/naming.js";
import { resolveConfigRefs } from "./config-refs.js";

export interface ResolveOptions {
  /** Members whose auth cannot be resolved are dropped with a warning instead of failing. */
  readonly skipInvalidBackends?: boolean;
  /** `--vmcp`: names (`name` or `namespace/name`) of the VirtualMCPServers to render. */
  readonly only?: readonly string[];
  /** How those two settings are spelled where they came from, for the messages that name them. */
  readonly settingNames?: SettingNames;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Two members with one name would share one backend ID at run time; the operator never notices. */
function duplicateBackends(backends: readonly ResolvedBackend[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, Resource>();
  for (const b of backends) {
    const first = seen.get(b.name);
    if (first) {
      out.push(
        fieldError(
          b.resource,
          "VMCP511",
          `backend name "${b.name}" is used by both ${first.kind} "${first.name}" and ${b.resource.kind} "${b.name}" in group "${b.metadata.group}"`,
          ["metadata", "name"],
          "rename one of them; backend names must be unique within a group",
        ),
      );
    } else seen.set(b.name, b.resource);
  }
  return out;
}

const MAX_NAME = 63;

/** The Service `vmcp-<name>` and the label values carry the name; both are limited to 63 characters. */
function nameTooLong(r: Resource): Diagnostic | undefined {
  const service = serviceName(r.name);
  if (service.length <= MAX_NAME) return undefined;
  return fieldError(
    r,
    "VMCP601",
    `VirtualMCPServer name "${r.name}" is too long: its Service "${service}" would have ${service.length} characters (at most ${MAX_NAME})`,
    ["metadata", "name"],
    `shorten the name to at most ${MAX_NAME - "vmcp-".length} characters`,
  );
}

/** The header-forward variables of the group's MCPServerEntries, in name order as the operator sorts them. */
function entryHeaderForwardEnv(members: readonly Member[]): EnvVar[] {
  return members
    .filter((m): m is Typed<"MCPServerEntry"> => m.resource.kind === "MCPServerEntry")
    .flatMap((m) => headerForwardEnvVars(m.resource.name, m.spec))
    .sort(byName);
}

function resolveOne(
  vmcp: Typed<"VirtualMCPServer">,
  model: ValidatedModel,
  groups: GroupMembers,
  options: ResolveOptions,
): StageResult<ResolvedVmcp | undefined> {
  const r = vmcp.resource;
  const tooLong = nameTooLong(r);
  if (tooLong) return { value: undefined, diagnostics: [tooLong] };
  const group = vmcp.spec.groupRef.name;
  if (!model.index.has("MCPGroup", r.namespace, group)) return { value: undefined, diagnostics: [] }; // reported by validate
  const mode: OutgoingSource = vmcp.spec.outgoingAuth?.source === "inline" ? "inline" : "discovered";
  const members = groups.get(groupKey(r.namespace, group)) ?? [];
  const authMembers: AuthMember[] = members.map((m) => ({
    resource: m.resource,
    ...(m.spec.externalAuthConfigRef ? { authConfigName: m.spec.externalAuthConfigRef.name } : {}),
  }));
  const auth = resolveOutgoingAuth(vmcp, mode, authMembers, model.index);
  const features = resolveVmcpFeatures(vmcp, mode, model.index);
  let diagnostics: Diagnostic[] = [...auth.diagnostics, ...features.diagnostics];
  const resolved = (backends: ResolvedVmcp["backends"], headerForwardEnv: ResolvedVmcp["headerForwardEnv"]) => ({
    value: {
      resource: r,
      spec: vmcp.spec,
      name: r.name,
      namespace: r.namespace,
      mode,
      groupName: group,
      backends,
      outgoingAuth: auth.value,
      authEnv: auth.env,
      headerForwardEnv,
      ...features.value,
    },
    diagnostics,
  });
  // vMCP discovers the entries itself, but resolves their header values from the pod's
  // environment at request time, so the operator mounts them in both modes.
  if (mode === "discovered") return resolved([], entryHeaderForwardEnv(members));
  const skip = options.skipInvalidBackends === true;
  if (skip && auth.failedMembers.size > 0) {
    diagnostics = diagnostics.map((d) =>
      d.severity === "error" && d.subject && auth.failedMembers.has(d.subject.name) ? withSeverity(d, "warning") : d,
    );
    for (const m of members) {
      if (!auth.failedMembers.has(m.resource.name)) continue;
      diagnostics.push(
        fieldWarning(
          m.resource,
          "VMCP512",
          `${m.resource.kind} "${m.resource.name}" is left out of VirtualMCPServer "${r.name}": its outgoing auth cannot be resolved (${(options.settingNames ?? CLI_SETTING_NAMES).skipInvalidBackends})`,
          ["spec", "externalAuthConfigRef", "name"],
          "fix the auth config reported above to bring the backend back",
        ),
      );
    }
  }
  const usable = members.filter((m) => !(skip && auth.failedMembers.has(m.resource.name)));
  const backends = usable.map((m) => toBackend(m, group)).sort(byName);
  diagnostics.push(...duplicateBackends(backends));
  if (backends.length === 0) {
    const dropped =
      members.length > 0
        ? ` (${members.length} member${members.length === 1 ? " was" : "s were"} dropped as invalid)`
        : "";
    diagnostics.push(
      createError(
        "VMCP510",
        `group "${group}" has no usable backend for VirtualMCPServer "${r.name}" in static mode${dropped}`,
        {
          resource: resourceId(r),
          source: r.source,
          path: ["spec", "groupRef", "name"],
          hint: `add an MCPServer, MCPRemoteProxy or MCPServerEntry with spec.groupRef.name: ${group} in namespace "${r.namespace}"`,
        },
      ),
    );
  }
  return resolved(backends, entryHeaderForwardEnv(usable));
}

function matchesFilter(r: Resource, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.includes(r.name) || only.includes(`${r.namespace}/${r.name}`);
}

/** Resolves group membership, backends and outgoing auth for every VirtualMCPServer to render. */
export function resolveVirtualMcpServers(
  model: ValidatedModel,
  options: ResolveOptions = {},
): StageResult<ResolvedVmcp[]> {
  const diagnostics: Diagnostic[] = [];
  const all = model.index.resourcesOfKind("VirtualMCPServer");
  if (all.length === 0) {
    diagnostics.push(
      createError("VMCP701", "the inputs hold no VirtualMCPServer to render", {
        hint: "add a VirtualMCPServer (toolhive.stacklok.dev/v1beta1) to the inputs: the other ToolHive kinds are what it renders from (validate checks what synth renders, so it needs one too)",
      }),
    );
    return { value: [], diagnostics };
  }
  for (const name of options.only ?? []) {
    if (!all.some((r) => matchesFilter(r, [name])))
      diagnostics.push(
        createError(
          "VMCP702",
          `${(options.settingNames ?? CLI_SETTING_NAMES).vmcp}: "${name}" names no VirtualMCPServer among the inputs`,
          {
            hint: `VirtualMCPServers in the inputs: ${all
              .map((r) => `${r.namespace}/${r.name}`)
              .sort()
              .join(", ")}`,
          },
        ),
      );
  }
  const out: ResolvedVmcp[] = [];
  const groups = indexGroupMembers(model);
  for (const vmcp of model.index.list("VirtualMCPServer")) {
    if (!matchesFilter(vmcp.resource, options.only)) continue;
    const one = resolveOne(vmcp, model, groups, options);
    diagnostics.push(...one.diagnostics);
    if (one.value) out.push({ ...one.value, configRefs: resolveConfigRefs(vmcp, model.index) });
  }
  return { value: out, diagnostics };
}
