import { closestMatch } from "../../diagnostics/suggest.js";
import type { Diagnostic } from "../../diagnostics/types.js";
import { isNonEmpty, listAt, objAt, strAt } from "./cel-fields.js";
import { fieldWarning } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * The keys of the runtime's `config.Config`, in its Go field order (yaml.v3 writes struct fields in
 * declaration order); the operator decodes `spec.config` into it and drops the rest.
 */
export const VMCP_CONFIG_KEYS: readonly string[] = [
  "name",
  "groupRef",
  "backends",
  "incomingAuth",
  "outgoingAuth",
  "aggregation",
  "compositeTools",
  "compositeToolRefs",
  "operational",
  "metadata",
  "telemetry",
  "audit",
  "optimizer",
  "codeMode",
  "sessionStorage",
  "rateLimiting",
  "passthroughHeaders",
];
const KNOWN = new Set(VMCP_CONFIG_KEYS);

/**
 * `spec.config` keeps unknown fields in the API server (preserve-unknown-fields), the operator's
 * Go decode drops them, and the runtime would refuse them. vmcp-gen drops them too, and says so.
 */
export const checkUnknownConfigKeys: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const out: Diagnostic[] = [];
  for (const key of Object.keys(objAt(spec, "config") ?? {})) {
    if (KNOWN.has(key)) continue;
    const guess = closestMatch(key, VMCP_CONFIG_KEYS);
    out.push(
      fieldWarning(
        resource,
        "VMCP613",
        `spec.config.${key} is not a vMCP config field and is dropped`,
        ["spec", "config", key],
        guess ? `did you mean "${guess}"?` : `remove it; spec.config fields are ${VMCP_CONFIG_KEYS.join(", ")}`,
      ),
    );
  }
  return out;
};

/** Sections the operator always rebuilds from other spec fields, whatever `spec.config` holds. */
const REBUILT_SECTIONS: readonly (readonly [key: string, from: string, hint: string])[] = [
  [
    "incomingAuth",
    "spec.incomingAuth",
    "move these settings to spec.incomingAuth (OIDC through oidcConfigRef and an MCPOIDCConfig)",
  ],
  [
    "telemetry",
    "spec.telemetryConfigRef",
    "move these settings into an MCPTelemetryConfig and reference it with spec.telemetryConfigRef",
  ],
  [
    "sessionStorage",
    "spec.sessionStorage",
    "move these settings to spec.sessionStorage (with passwordRef for the password)",
  ],
];

/**
 * Fields of `spec.config` that something else decides, so a value there never reaches the
 * runtime: the name and group (from metadata and spec.groupRef), the backend list (from the
 * group; the operator passes it through in discovered mode, which silently switches the runtime
 * to static mode — vmcp-gen drops it), passthroughHeaders shadowed by spec.passthroughHeaders, and
 * an optimizer embeddingService that spec.embeddingServerRef overrides.
 */
export const checkIgnoredConfigFields: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const out: Diagnostic[] = [];
  const config = objAt(spec, "config");
  if (!config) return out;
  const at = (key: string) => ["spec", "config", key];
  const name = strAt(config, "name");
  if (name !== undefined && name !== "" && name !== resource.name) {
    out.push(
      fieldWarning(
        resource,
        "VMCP607",
        `spec.config.name "${name}" is ignored; the server is named after metadata.name "${resource.name}"`,
        at("name"),
        "delete spec.config.name",
      ),
    );
  }
  const group = strAt(config, "groupRef");
  if (group !== undefined && group !== "" && group !== spec.groupRef.name) {
    out.push(
      fieldWarning(
        resource,
        "VMCP607",
        `spec.config.groupRef "${group}" is ignored; spec.groupRef.name "${spec.groupRef.name}" decides the group`,
        at("groupRef"),
        "delete spec.config.groupRef",
      ),
    );
  }
  if (listAt(config, "backends").length > 0) {
    out.push(
      fieldWarning(
        resource,
        "VMCP607",
        "spec.config.backends is ignored; the backends are the members of the MCPGroup",
        at("backends"),
        "delete spec.config.backends and add the servers to the group (spec.groupRef.name on each MCPServer, MCPRemoteProxy or MCPServerEntry)",
      ),
    );
  }
  // With the openai provider the combination is already an error (VMCP303).
  const optimizer = objAt(config, "optimizer");
  if (
    spec.embeddingServerRef &&
    isNonEmpty(optimizer, "embeddingService") &&
    strAt(optimizer, "embeddingProvider") !== "openai"
  ) {
    out.push(
      fieldWarning(
        resource,
        "VMCP607",
        `spec.config.optimizer.embeddingService is ignored: the URL of EmbeddingServer "${spec.embeddingServerRef.name}" (spec.embeddingServerRef) replaces it`,
        ["spec", "config", "optimizer", "embeddingService"],
        "delete embeddingService, or drop spec.embeddingServerRef to use this URL",
      ),
    );
  }
  if (isNonEmpty(config, "passthroughHeaders") && (spec.passthroughHeaders ?? []).length > 0) {
    out.push(
      fieldWarning(
        resource,
        "VMCP607",
        "spec.config.passthroughHeaders is ignored because spec.passthroughHeaders is set",
        at("passthroughHeaders"),
        "keep one list: spec.passthroughHeaders",
      ),
    );
  }
  for (const [key, from, hint] of REBUILT_SECTIONS) {
    if (config[key] !== undefined)
      out.push(
        fieldWarning(
          resource,
          "VMCP607",
          `spec.config.${key} is ignored: the operator builds config.yaml ${key} only from ${from}`,
          at(key),
          hint,
        ),
      );
  }
  return out;
};
