import type { Diagnostic, FieldPath } from "../diagnostics/types.js";
import type { Resource } from "../load/types.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import type { BackendAuthConfig } from "../validate/spec-types.js";
import { fieldError, fieldWarning, resourceId } from "../diagnostics/rule-diagnostic.js";
import { convertExternalAuthConfig, isStrategyProblem } from "./auth-strategies.js";
import type { EnvVar, OutgoingSource, ResolvedOutgoingAuth, ResolvedStrategy } from "./types.js";
import { sortedDataRecord } from "./data-record.js";

/** A group member as outgoing auth sees it: its name and its own `externalAuthConfigRef`. */
export interface AuthMember {
  readonly resource: Resource;
  readonly authConfigName?: string;
}

export interface OutgoingAuthResult {
  readonly value: ResolvedOutgoingAuth;
  /** Every Secret-backed env var the strategies name, once each, in the operator's order. */
  readonly env: readonly EnvVar[];
  readonly diagnostics: readonly Diagnostic[];
  /** Members whose auth could not be resolved; they cannot become backends. */
  readonly failedMembers: ReadonlySet<string>;
}

const UNAUTHENTICATED: ResolvedStrategy = { strategy: { type: "unauthenticated" }, env: [] };

/**
 * Resolves one auth config reference. A missing or invalid config was already reported by
 * validate; this only reports what validation cannot know: a type vMCP refuses.
 */
function resolveRef(
  index: ResourceIndex,
  referrer: Resource,
  namespace: string,
  configName: string,
  path: FieldPath,
  diagnostics: Diagnostic[],
  subject?: Resource,
): ResolvedStrategy | undefined {
  const config = index.get("MCPExternalAuthConfig", namespace, configName);
  if (!config) return undefined;
  const converted = convertExternalAuthConfig(configName, config.spec);
  if (isStrategyProblem(converted)) {
    const d = fieldError(referrer, converted.code, converted.message, path, converted.hint);
    diagnostics.push(subject ? { ...d, subject: resourceId(subject) } : d);
    return undefined;
  }
  return converted;
}

const byEnvName = (a: EnvVar, b: EnvVar) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The env variables of the strategies in the operator's order (`buildOutgoingAuthEnvVars`): one
 * group after the other, each sorted by name, then each variable once, where it first appears
 * (the operator repeats a variable when two places name one auth config).
 */
function collectEnv(groups: readonly (readonly (ResolvedStrategy | undefined)[])[]): EnvVar[] {
  const byName = new Map<string, EnvVar>();
  for (const group of groups) {
    for (const e of group.flatMap((s) => s?.env ?? []).sort(byEnvName)) if (!byName.has(e.name)) byName.set(e.name, e);
  }
  return [...byName.values()];
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/**
 * Static mode: the default, then each member's own auth config, then the VirtualMCPServer's
 * per-backend overrides. `type: discovered` resolves to the member's own strategy — never a
 * literal `discovered` strategy, which the runtime rejects (operator quirk Q3).
 */
function resolveInline(
  vmcp: Typed<"VirtualMCPServer">,
  members: readonly AuthMember[],
  index: ResourceIndex,
): OutgoingAuthResult {
  const diagnostics: Diagnostic[] = [];
  const failedMembers = new Set<string>();
  const r = vmcp.resource;
  const ns = r.namespace;
  const spec = vmcp.spec.outgoingAuth;
  const overrides = spec?.backends ?? {};
  const backends = new Map<string, ResolvedStrategy>();
  const memberByName = new Map(members.map((m) => [m.resource.name, m]));

  let defaultStrategy: ResolvedStrategy | undefined;
  if (spec?.default?.type === "externalAuthConfigRef" && spec.default.externalAuthConfigRef) {
    defaultStrategy = resolveRef(
      index,
      r,
      ns,
      spec.default.externalAuthConfigRef.name,
      ["spec", "outgoingAuth", "default", "externalAuthConfigRef", "name"],
      diagnostics,
    );
  }

  const own = new Map<string, ResolvedStrategy>();
  for (const m of members) {
    if (!m.authConfigName || Object.hasOwn(overrides, m.resource.name)) continue;
    const s = resolveRef(
      index,
      m.resource,
      ns,
      m.authConfigName,
      ["spec", "externalAuthConfigRef", "name"],
      diagnostics,
      m.resource,
    );
    if (s) own.set(m.resource.name, s);
    else failedMembers.add(m.resource.name);
  }
  for (const [name, s] of own) backends.set(name, s);

  for (const [name, override] of Object.entries(overrides) as [string, BackendAuthConfig][]) {
    const path: FieldPath = ["spec", "outgoingAuth", "backends", name];
    const member = memberByName.get(name);
    if (!member) {
      diagnostics.push(
        fieldWarning(
          r,
          "VMCP523",
          `outgoingAuth.backends names "${name}", which is not a backend of group "${vmcp.spec.groupRef.name}"`,
          path,
          "remove the entry, or correct the name; overrides apply to backends by their metadata.name",
        ),
      );
    }
    if (override.type === "externalAuthConfigRef" && override.externalAuthConfigRef) {
      const s = resolveRef(
        index,
        r,
        ns,
        override.externalAuthConfigRef.name,
        [...path, "externalAuthConfigRef", "name"],
        diagnostics,
        member?.resource,
      );
      if (s) backends.set(name, s);
      else if (member) failedMembers.add(name);
    } else if (override.type === "discovered" && member) {
      const s = member.authConfigName
        ? resolveRef(
            index,
            member.resource,
            ns,
            member.authConfigName,
            ["spec", "externalAuthConfigRef", "name"],
            diagnostics,
            member.resource,
          )
        : UNAUTHENTICATED;
      if (s) backends.set(name, s);
      else failedMembers.add(name);
    }
  }
  const sorted = sortedDataRecord(backends);
  const explicit = new Set(
    Object.entries(overrides)
      .filter(([, o]) => o.type === "externalAuthConfigRef")
      .map(([name]) => name),
  );
  const [byOverride, byMember] = partition(Object.entries(sorted), ([name]) => explicit.has(name));
  return {
    value: { source: "inline", ...(defaultStrategy ? { default: defaultStrategy } : {}), backends: sorted },
    // The operator's groups (explicit overrides, then the default), then the members' own
    // configs, which the operator leaves unmounted (docs/differences-from-operator.md, 5).
    env: collectEnv([byOverride.map(([, st]) => st), [defaultStrategy], byMember.map(([, st]) => st)]),
    diagnostics,
    failedMembers,
  };
}

/**
 * Dynamic mode: the runtime discovers each workload's auth itself; config.yaml carries only the
 * spec's default and overrides, with `discovered` written as `unauthenticated` as the operator does.
 */
function resolveDiscovered(
  vmcp: Typed<"VirtualMCPServer">,
  members: readonly AuthMember[],
  index: ResourceIndex,
): OutgoingAuthResult {
  const diagnostics: Diagnostic[] = [];
  const r = vmcp.resource;
  const ns = r.namespace;
  const spec = vmcp.spec.outgoingAuth;
  const convert = (cfg: BackendAuthConfig | undefined, path: FieldPath): ResolvedStrategy | undefined => {
    if (!cfg) return undefined;
    if (cfg.type === "discovered" || !cfg.externalAuthConfigRef) return UNAUTHENTICATED;
    return resolveRef(
      index,
      r,
      ns,
      cfg.externalAuthConfigRef.name,
      [...path, "externalAuthConfigRef", "name"],
      diagnostics,
    );
  };
  const defaultStrategy = convert(spec?.default, ["spec", "outgoingAuth", "default"]);
  const backends = new Map<string, ResolvedStrategy>();
  for (const [name, cfg] of Object.entries(spec?.backends ?? {}) as [string, BackendAuthConfig][]) {
    const s = convert(cfg, ["spec", "outgoingAuth", "backends", name]);
    if (s) backends.set(name, s);
  }
  // The operator mounts the secrets of the workloads' own configs only when outgoingAuth is set.
  const workloadStrategies = spec
    ? members
        .filter((m) => m.authConfigName)
        .map((m) => {
          const config = index.get("MCPExternalAuthConfig", ns, m.authConfigName!);
          const converted = config ? convertExternalAuthConfig(m.authConfigName!, config.spec) : undefined;
          return converted && !isStrategyProblem(converted) ? converted : undefined;
        })
    : [];
  const sorted = sortedDataRecord(backends);
  const explicit = Object.entries(spec?.backends ?? {})
    .filter(([, cfg]) => cfg.type === "externalAuthConfigRef")
    .map(([name]) => sorted[name]);
  return {
    value: { source: "discovered", ...(defaultStrategy ? { default: defaultStrategy } : {}), backends: sorted },
    env: collectEnv([workloadStrategies, explicit, [defaultStrategy]]),
    diagnostics,
    failedMembers: new Set(),
  };
}

export function resolveOutgoingAuth(
  vmcp: Typed<"VirtualMCPServer">,
  mode: OutgoingSource,
  members: readonly AuthMember[],
  index: ResourceIndex,
): OutgoingAuthResult {
  return mode === "inline" ? resolveInline(vmcp, members, index) : resolveDiscovered(vmcp, members, index);
}
