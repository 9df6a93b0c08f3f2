import type { Diagnostic, FieldPath } from "../diagnostics/types.js";
import type { Resource } from "../load/types.js";
import { configMapValue } from "../validate/references/config-map-references.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import { fieldError, resourceId } from "../diagnostics/rule-diagnostic.js";
import {
  CEDAR_TYPE,
  parseAuthzConfigText,
  readCedarOptions,
  REGISTERED_AUTHZ_TYPES,
  type CedarOptions,
  type PayloadResult,
} from "./authz-payload.js";
import type { ResolvedAuthz } from "./types.js";

export const DEFAULT_AUTHZ_KEY = "authz.json";

const AUTHZ_CONFIG: FieldPath = ["spec", "incomingAuth", "authzConfig"];

type AuthzConfig = NonNullable<Typed<"VirtualMCPServer">["spec"]["incomingAuth"]["authzConfig"]>;

/** Only the fields that are set: config.yaml omits empty ones. */
function fromOptions(o: Pick<CedarOptions, "policies"> & Partial<CedarOptions>): ResolvedAuthz {
  const out: { -readonly [K in keyof ResolvedAuthz]: ResolvedAuthz[K] } = { policies: [...o.policies] };
  if (o.entitiesJson) out.entitiesJson = o.entitiesJson;
  if (o.groupClaimName) out.groupClaimName = o.groupClaimName;
  if (o.roleClaimName) out.roleClaimName = o.roleClaimName;
  if (o.groupEntityType) out.groupEntityType = o.groupEntityType;
  return out;
}

/** A payload problem, reported on the object that holds the payload, for the VirtualMCPServer that uses it. */
function payloadError(
  holder: Resource,
  vmcp: Resource,
  base: FieldPath,
  result: Extract<PayloadResult, { problem: unknown }>,
  what: string,
  hint: string,
): Diagnostic {
  const d = fieldError(
    holder,
    "VMCP608",
    `${what}: ${result.problem.message}`,
    [...base, ...result.problem.path],
    hint,
  );
  return holder === vmcp ? d : { ...d, subject: resourceId(vmcp) };
}

/** `authzConfig.type: configMap`: the policies go into config.yaml, so the ConfigMap must be among the inputs. */
function fromConfigMap(
  vmcp: Resource,
  authz: AuthzConfig,
  index: ResourceIndex,
  diagnostics: Diagnostic[],
): ResolvedAuthz | undefined {
  const ref = authz.configMap;
  if (!ref) return undefined; // VMCP306, from validate
  const key = ref.key || DEFAULT_AUTHZ_KEY;
  const cm = index.resource("ConfigMap", vmcp.namespace, ref.name);
  if (!cm) {
    diagnostics.push(
      fieldError(
        vmcp,
        "VMCP409",
        `authorization ConfigMap "${ref.name}" is not among the inputs (namespace "${vmcp.namespace}"), and its Cedar policies must be written into config.yaml`,
        [...AUTHZ_CONFIG, "configMap", "name"],
        `add the ConfigMap to the inputs, or move the policies into ${AUTHZ_CONFIG.join(".")}.inline`,
      ),
    );
    return undefined;
  }
  const text = configMapValue(cm, key);
  if (text === undefined) {
    diagnostics.push(
      fieldError(
        vmcp,
        "VMCP410",
        `authorization ConfigMap "${ref.name}" has no key "${key}"`,
        [...AUTHZ_CONFIG, "configMap", ref.key ? "key" : "name"],
        `put the authz config under "${key}", or set ${AUTHZ_CONFIG.join(".")}.configMap.key to the key that holds it`,
      ),
    );
    return undefined;
  }
  const parsed = parseAuthzConfigText(text);
  if ("problem" in parsed) {
    const located = { problem: { ...parsed.problem, path: [] } };
    diagnostics.push(
      payloadError(
        cm,
        vmcp,
        ["data", key],
        located,
        `ConfigMap "${ref.name}" key "${key}" (authorization config of VirtualMCPServer "${vmcp.name}")`,
        `write it as {"version": "1.0", "type": "${CEDAR_TYPE}", "cedar": {"policies": ["permit(...);"], "entities_json": "[]"}}`,
      ),
    );
    return undefined;
  }
  return fromOptions(parsed.options);
}

/** `authzConfigRef`: a shared MCPAuthzConfig, which must be a valid `cedarv1` config. */
function fromRef(
  vmcp: Resource,
  name: string,
  index: ResourceIndex,
  diagnostics: Diagnostic[],
): ResolvedAuthz | undefined {
  const cfg = index.get("MCPAuthzConfig", vmcp.namespace, name);
  if (!cfg) return undefined; // VMCP406, from validate
  const type = cfg.spec.type;
  if (!REGISTERED_AUTHZ_TYPES.includes(type)) {
    diagnostics.push({
      ...fieldError(
        cfg.resource,
        "VMCP608",
        `MCPAuthzConfig "${name}": type "${type}" is not a registered authorizer backend (${REGISTERED_AUTHZ_TYPES.join(", ")})`,
        ["spec", "type"],
        `set spec.type to ${CEDAR_TYPE}`,
      ),
      subject: resourceId(vmcp),
    });
    return undefined;
  }
  if (type !== CEDAR_TYPE) {
    diagnostics.push(
      fieldError(
        vmcp,
        "VMCP608",
        `MCPAuthzConfig "${name}" has type "${type}", but a VirtualMCPServer supports only ${CEDAR_TYPE} (vMCP runs the Cedar authorizer)`,
        ["spec", "incomingAuth", "authzConfigRef", "name"],
        `reference an MCPAuthzConfig of type ${CEDAR_TYPE}`,
      ),
    );
    return undefined;
  }
  const parsed = readCedarOptions(cfg.spec.config, []);
  if ("problem" in parsed) {
    diagnostics.push(
      payloadError(
        cfg.resource,
        vmcp,
        ["spec", "config"],
        parsed,
        `MCPAuthzConfig "${name}"`,
        `spec.config of a ${CEDAR_TYPE} MCPAuthzConfig is {policies: [...], entities_json: "[]"}`,
      ),
    );
    return undefined;
  }
  return fromOptions(parsed.options);
}

/**
 * config.yaml `incomingAuth.authz`, as the operator's converter builds it: inline policies, an
 * authz ConfigMap, or an MCPAuthzConfig; always `type: cedar`. Spec-level claim fields win over a
 * ConfigMap's. `primaryUpstreamProvider` needs an embedded auth server, which vmcp-gen refuses
 * (VMCP603), so it is never written.
 */
export function resolveAuthz(
  vmcp: Typed<"VirtualMCPServer">,
  index: ResourceIndex,
): { value?: ResolvedAuthz; diagnostics: Diagnostic[] } {
  const r = vmcp.resource;
  const incoming = vmcp.spec.incomingAuth;
  const diagnostics: Diagnostic[] = [];
  if (incoming.authzConfig && incoming.authzConfigRef) return { diagnostics }; // VMCP305, from validate
  if (incoming.authzConfigRef) {
    const value = fromRef(r, incoming.authzConfigRef.name, index, diagnostics);
    return value ? { value, diagnostics } : { diagnostics };
  }
  const authz = incoming.authzConfig;
  if (!authz) return { diagnostics };
  const deprecatedProvider = authz.inline?.primaryUpstreamProvider;
  if (deprecatedProvider && !vmcp.spec.authServerConfig) {
    diagnostics.push(
      fieldError(
        r,
        "VMCP608",
        `${AUTHZ_CONFIG.join(".")}.inline.primaryUpstreamProvider is "${deprecatedProvider}" but there is no embedded auth server (spec.authServerConfig)`,
        [...AUTHZ_CONFIG, "inline", "primaryUpstreamProvider"],
        "remove primaryUpstreamProvider: without an embedded auth server Cedar reads the claims of the incoming token",
      ),
    );
    return { diagnostics };
  }
  let base: ResolvedAuthz | undefined;
  if (authz.type === "inline")
    base = authz.inline
      ? fromOptions({ policies: authz.inline.policies, entitiesJson: authz.inline.entitiesJson ?? "" })
      : undefined;
  else base = fromConfigMap(r, authz, index, diagnostics);
  if (!base) return { diagnostics };
  const value: ResolvedAuthz = {
    ...base,
    ...(authz.groupClaimName ? { groupClaimName: authz.groupClaimName } : {}),
    ...(authz.roleClaimName ? { roleClaimName: authz.roleClaimName } : {}),
    ...(authz.groupEntityType ? { groupEntityType: authz.groupEntityType } : {}),
  };
  return { value, diagnostics };
}
