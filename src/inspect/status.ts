import type { Diagnostic } from "../diagnostics/types.js";
import { resourceKey } from "../validate/validate-resources.js";
import type { Relation } from "./related-objects.js";
import type {
  DiscoveredBackend,
  DroppedBackend,
  InspectBackend,
  InspectCondition,
  InspectStatus,
  Phase,
} from "./types.js";

/**
 * The status the operator (and the vMCP runtime's status reporter) would write, predicted from
 * the inputs. Condition types and reasons are the operator's (virtualmcpserver_controller.go)
 * and the runtime's (vmcp/health/monitor.go); each failing check carries the messages of the
 * diagnostics behind it. Offline there are no pods: the prediction is the steady state once the
 * pods run, so `Pending` (pods starting, EmbeddingServer model still downloading) is never reported.
 */

type CheckType =
  | "Valid"
  | "GroupRefValidated"
  | "CompositeToolRefsValidated"
  | "PodTemplateSpecValid"
  | "EmbeddingServerReady"
  | "TelemetryConfigRefValidated"
  | "AuthConfigured"
  | "BackendsDiscovered";

interface Failure {
  readonly type: CheckType;
  readonly reason: string;
  readonly message: string;
}

export interface StatusInput {
  readonly name: string;
  readonly group: string;
  readonly url: string;
  readonly compositeToolRefs: number;
  readonly hasPodTemplateSpec: boolean;
  readonly embeddingServer?: string;
  readonly telemetryConfig?: string;
  readonly backends: readonly InspectBackend[];
  readonly dropped: readonly DroppedBackend[];
  /** Error diagnostics about this server, each with how its object relates to the server. */
  readonly errors: readonly { readonly diagnostic: Diagnostic; readonly relation: Relation }[];
}

const AUTH_KINDS = new Set(["MCPExternalAuthConfig", "MCPOIDCConfig", "MCPAuthzConfig"]);
const startsWith = (d: Diagnostic, ...prefix: string[]) => prefix.every((p, i) => d.path?.[i] === p);

function describe(d: Diagnostic): string {
  const r = d.subject ?? d.resource;
  return r ? `${r.kind} "${r.name}": ${d.message}` : d.message;
}

/** Which operator check a problem fails, and with which reason. */
function classify(d: Diagnostic, relation: Relation, input: StatusInput): Failure {
  const kind = (d.subject ?? d.resource)?.kind ?? "";
  if (relation === "member" || relation === "member-reference")
    return { type: "BackendsDiscovered", reason: "BackendDiscoveryFailed", message: describe(d) };
  if (relation === "reference") {
    if (kind === "MCPGroup")
      return {
        type: "GroupRefValidated",
        reason: "GroupRefNotReady",
        message: `Referenced MCPGroup ${input.group} is not valid: ${d.message}`,
      };
    if (kind === "VirtualMCPCompositeToolDefinition")
      return {
        type: "CompositeToolRefsValidated",
        reason: "CompositeToolRefInvalid",
        message: `Referenced VirtualMCPCompositeToolDefinition ${d.resource?.name ?? ""} is invalid: ${d.message}`,
      };
    if (kind === "EmbeddingServer")
      return {
        type: "EmbeddingServerReady",
        reason: "EmbeddingServerNotReady",
        message: `EmbeddingServer ${d.resource?.name ?? ""} has failed: ${d.message}`,
      };
    if (kind === "MCPTelemetryConfig")
      return { type: "TelemetryConfigRefValidated", reason: "TelemetryConfigRefInvalid", message: describe(d) };
    if (AUTH_KINDS.has(kind))
      return {
        type: "AuthConfigured",
        reason: "AuthInvalid",
        message: `Authentication configuration is invalid: ${describe(d)}`,
      };
    return { type: "Valid", reason: "ValidationFailed", message: describe(d) };
  }
  switch (d.code) {
    case "VMCP401":
      return {
        type: "GroupRefValidated",
        reason: "GroupRefNotFound",
        message: `Referenced MCPGroup ${input.group} not found`,
      };
    case "VMCP404":
      return { type: "CompositeToolRefsValidated", reason: "CompositeToolRefNotFound", message: d.message };
    case "VMCP408":
      return {
        type: "EmbeddingServerReady",
        reason: "EmbeddingServerNotFound",
        message: `Referenced EmbeddingServer ${input.embeddingServer ?? ""} not found`,
      };
    case "VMCP616":
      return { type: "EmbeddingServerReady", reason: "EmbeddingServerNotReady", message: d.message };
    case "VMCP407":
      return { type: "TelemetryConfigRefValidated", reason: "TelemetryConfigRefNotFound", message: d.message };
    case "VMCP510":
      return { type: "BackendsDiscovered", reason: "BackendDiscoveryFailed", message: d.message };
    default:
  }
  if (d.code === "VMCP602" || startsWith(d, "spec", "podTemplateSpec"))
    return { type: "PodTemplateSpecValid", reason: "InvalidPodTemplateSpec", message: d.message };
  if (startsWith(d, "spec", "config", "compositeToolRefs"))
    return { type: "CompositeToolRefsValidated", reason: "CompositeToolRefInvalid", message: d.message };
  if (startsWith(d, "spec", "incomingAuth") || startsWith(d, "spec", "outgoingAuth"))
    return {
      type: "AuthConfigured",
      reason: "AuthInvalid",
      message: `Authentication configuration is invalid: ${d.message}`,
    };
  return { type: "Valid", reason: "ValidationFailed", message: d.message };
}

const MAX_MESSAGES = 3;

function joinMessages(failures: readonly Failure[]): string {
  const unique = [...new Set(failures.map((f) => f.message))];
  const shown = unique.slice(0, MAX_MESSAGES).join("; ");
  return unique.length > MAX_MESSAGES ? `${shown}; and ${unique.length - MAX_MESSAGES} more` : shown;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function condition(
  type: string,
  failures: readonly Failure[],
  ok: { reason: string; message: string },
): InspectCondition {
  if (failures.length === 0) return { type, status: "True", reason: ok.reason, message: ok.message };
  return { type, status: "False", reason: failures[0]!.reason, message: joinMessages(failures) };
}

export function predictStatus(input: StatusInput): InspectStatus {
  const failures = input.errors.map((e) => classify(e.diagnostic, e.relation, input));
  const of = (type: CheckType) => failures.filter((f) => f.type === type);
  const n = input.backends.length;
  const conditions: InspectCondition[] = [
    condition("Valid", of("Valid"), { reason: "ValidationSucceeded", message: "Spec validation passed" }),
    condition("GroupRefValidated", of("GroupRefValidated"), {
      reason: "GroupRefValid",
      message: `MCPGroup ${input.group} is valid and ready`,
    }),
    condition("CompositeToolRefsValidated", of("CompositeToolRefsValidated"), {
      reason: "CompositeToolRefsValid",
      message:
        input.compositeToolRefs === 0
          ? "No composite tool references to validate"
          : `All ${input.compositeToolRefs} composite tool references are valid`,
    }),
  ];
  if (input.hasPodTemplateSpec || of("PodTemplateSpecValid").length > 0)
    conditions.push(
      condition("PodTemplateSpecValid", of("PodTemplateSpecValid"), {
        reason: "PodTemplateSpecValid",
        message: "PodTemplateSpec is valid",
      }),
    );
  if (input.embeddingServer !== undefined)
    conditions.push(
      condition("EmbeddingServerReady", of("EmbeddingServerReady"), {
        reason: "EmbeddingServerReady",
        message: "EmbeddingServer is ready",
      }),
    );
  if (input.telemetryConfig !== undefined)
    conditions.push(
      condition("TelemetryConfigRefValidated", of("TelemetryConfigRefValidated"), {
        reason: "TelemetryConfigRefValid",
        message: `MCPTelemetryConfig ${input.telemetryConfig} is valid`,
      }),
    );
  conditions.push(
    condition("AuthConfigured", of("AuthConfigured"), {
      reason: "AuthValid",
      message: "Authentication configuration is valid",
    }),
  );
  // Without its group there is nothing to discover: the group's failure is the discovery's too.
  const discovery =
    of("BackendsDiscovered").length > 0
      ? of("BackendsDiscovered")
      : of("GroupRefValidated").map((f) => ({
          ...f,
          type: "BackendsDiscovered" as const,
          reason: "BackendDiscoveryFailed",
        }));
  conditions.push(
    condition("BackendsDiscovered", discovery, {
      reason: "BackendsDiscovered",
      message: n === 0 ? "No backends configured" : `Discovered ${plural(n, "backend", "backends")}`,
    }),
  );

  const firstFailed = conditions.find((c) => c.status === "False");
  let phase: Phase;
  let ready: InspectCondition;
  if (firstFailed) {
    phase = "Failed";
    ready = { type: "Ready", status: "False", reason: firstFailed.reason, message: firstFailed.message };
  } else if (input.dropped.length > 0) {
    phase = "Degraded";
    const total = n + input.dropped.length;
    ready = {
      type: "Ready",
      status: "False",
      reason: "SomeBackendsUnhealthy",
      message: `${n}/${total} backends routable; left out as invalid: ${input.dropped.map((d) => d.name).join(", ")}`,
    };
  } else {
    phase = "Ready";
    ready = {
      type: "Ready",
      status: "True",
      reason: "AllBackendsRoutable",
      message: n === 0 ? "Ready, no backends configured" : `All ${plural(n, "backend is", "backends are")} healthy`,
    };
  }
  conditions.push(ready);
  const discoveredBackends: DiscoveredBackend[] =
    phase === "Failed"
      ? []
      : input.backends.map((b) => ({
          name: b.name,
          url: b.url,
          status: "ready",
          authType: b.authType,
          ...(b.authConfigRef ? { authConfigRef: b.authConfigRef } : {}),
        }));
  const message =
    phase === "Failed"
      ? ready.message
      : phase === "Degraded"
        ? `Virtual MCP server is running with ${n}/${n + input.dropped.length} backends available`
        : "Virtual MCP server is running";
  return { phase, message, url: input.url, conditions, discoveredBackends, backendCount: discoveredBackends.length };
}

/** `Kind/ns/name` of the object a diagnostic makes unusable. */
export const subjectKey = (d: Diagnostic): string | undefined => {
  const r = d.subject ?? d.resource;
  return r ? resourceKey(r) : undefined;
};
