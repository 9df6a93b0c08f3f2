import type { Diagnostic, FieldPath } from "../diagnostics/types.js";
import type { Resource } from "../load/types.js";
import { fieldError, fieldWarning } from "../diagnostics/rule-diagnostic.js";

export interface LegacyResult {
  readonly body: Record<string, unknown>;
  readonly diagnostics: Diagnostic[];
  /** Paths whose schema errors the legacy diagnostics already explain. */
  readonly explained: FieldPath[];
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Forms from older ToolHive docs. Each is named with its modern equivalent and never dropped
 * silently: `source: mixed` renders as `inline`, `spec.tokenCache` is ignored, and
 * `incomingAuth.type: kubernetes` is refused.
 */
export function normalizeLegacyForms(r: Resource): LegacyResult {
  const diagnostics: Diagnostic[] = [];
  const explained: FieldPath[] = [];
  const spec = obj(r.body.spec);
  if (r.kind !== "VirtualMCPServer" || !spec) return { body: r.body, diagnostics, explained };
  let nextSpec = spec;
  const outgoing = obj(spec.outgoingAuth);
  if (outgoing?.source === "mixed") {
    diagnostics.push(
      fieldWarning(
        r,
        "VMCP350",
        'outgoingAuth.source "mixed" is deprecated; rendering it as "inline"',
        ["spec", "outgoingAuth", "source"],
        "write `source: inline`: inline already discovers each workload's own auth and applies the overrides under outgoingAuth.backends",
      ),
    );
    nextSpec = { ...nextSpec, outgoingAuth: { ...outgoing, source: "inline" } };
  }
  if ("tokenCache" in spec) {
    diagnostics.push(
      fieldWarning(
        r,
        "VMCP351",
        "spec.tokenCache was removed upstream and is ignored",
        ["spec", "tokenCache"],
        "delete spec.tokenCache; the vMCP runtime manages its token cache itself",
      ),
    );
    const { tokenCache: _dropped, ...rest } = nextSpec;
    nextSpec = rest;
  }
  const incoming = obj(spec.incomingAuth);
  if (incoming?.type === "kubernetes") {
    diagnostics.push(
      fieldError(
        r,
        "VMCP352",
        'incomingAuth.type "kubernetes" was removed upstream',
        ["spec", "incomingAuth", "type"],
        "use `type: oidc` with `oidcConfigRef` pointing at an MCPOIDCConfig of `type: kubernetesServiceAccount`",
      ),
    );
    explained.push(["spec", "incomingAuth", "type"]);
  }
  const config = obj(spec.config);
  if (config && "outgoingAuth" in config) {
    diagnostics.push(
      fieldWarning(
        r,
        "VMCP353",
        "spec.config.outgoingAuth is ignored; spec.outgoingAuth decides outgoing auth",
        ["spec", "config", "outgoingAuth"],
        "move the settings to spec.outgoingAuth and delete spec.config.outgoingAuth",
      ),
    );
  }
  return { body: nextSpec === spec ? r.body : { ...r.body, spec: nextSpec }, diagnostics, explained };
}
