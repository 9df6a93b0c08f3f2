import { formatFieldPath } from "../../diagnostics/create.js";
import type { Diagnostic, FieldPath } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import { has, isNonEmpty, isObj, objAt, listAt, strAt, type Obj } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";

/** CEL on each `upstreamProviders[]` entry of the embedded auth server and its OAuth 2.0 client settings. */

const BLOCK_OF_TYPE: Readonly<Record<string, "oidcConfig" | "oauth2Config">> = {
  oidc: "oidcConfig",
  oauth2: "oauth2Config",
};

/**
 * `self.type == 'oidc' ? (has(oidcConfig) && !has(oauth2Config)) : self.type == 'oauth2' ? (...) : false`.
 * The final `false` (any other type) is the schema's enum.
 */
function checkProviderType(r: Resource, up: Obj, path: FieldPath): Diagnostic[] {
  const type = strAt(up, "type") ?? "";
  const wanted = BLOCK_OF_TYPE[type];
  if (!wanted) return [];
  const other = wanted === "oidcConfig" ? "oauth2Config" : "oidcConfig";
  const p = formatFieldPath(path);
  const out: Diagnostic[] = [];
  if (!has(up, wanted)) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p}.type is "${type}" but ${p}.${wanted} is not set`,
        path,
        `add ${wanted} with the upstream's settings, or change type to match the block you configured`,
      ),
    );
  }
  if (has(up, other)) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p}.${other} is set but ${p}.type is "${type}"`,
        [...path, other],
        `remove ${other}, or set type: ${other === "oidcConfig" ? "oidc" : "oauth2"}`,
      ),
    );
  }
  return out;
}

function checkOauth2Client(r: Resource, oauth2: Obj | undefined, path: FieldPath): Diagnostic[] {
  if (!oauth2) return [];
  const out: Diagnostic[] = [];
  const p = formatFieldPath(path);
  const hasClientId = isNonEmpty(oauth2, "clientId");
  const hasDcr = has(oauth2, "dcrConfig");
  // (has(clientId) && size(clientId) > 0) ? !has(dcrConfig) : has(dcrConfig)
  if (hasClientId && hasDcr) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p} sets both clientId and dcrConfig; exactly one of them must be set`,
        [...path, "dcrConfig"],
        "keep clientId for a pre-registered client, or dcrConfig to register one dynamically, and remove the other",
      ),
    );
  } else if (!hasClientId && !hasDcr) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p} sets neither a non-empty clientId nor dcrConfig; exactly one of them must be set`,
        path,
        "set clientId (with clientSecretRef) for a pre-registered client, or dcrConfig for Dynamic Client Registration",
      ),
    );
  }
  // !(has(dcrConfig) && has(clientSecretRef))
  if (hasDcr && has(oauth2, "clientSecretRef")) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p}.clientSecretRef is set together with dcrConfig`,
        [...path, "clientSecretRef"],
        "remove clientSecretRef: with Dynamic Client Registration the client secret is obtained at run time",
      ),
    );
  }
  // dcrConfig: has(discoveryUrl) != has(registrationEndpoint)
  const dcr = objAt(oauth2, "dcrConfig");
  if (dcr && has(dcr, "discoveryUrl") === has(dcr, "registrationEndpoint")) {
    const both = has(dcr, "discoveryUrl");
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p}.dcrConfig sets ${both ? "both discoveryUrl and registrationEndpoint" : "neither discoveryUrl nor registrationEndpoint"}; exactly one of them must be set`,
        both ? [...path, "dcrConfig", "registrationEndpoint"] : [...path, "dcrConfig"],
        "set discoveryUrl (the authorization server metadata URL) or registrationEndpoint, not both",
      ),
    );
  }
  return out;
}

export function checkUpstreamProviders(r: Resource, cfg: Obj, base: FieldPath): Diagnostic[] {
  return listAt(cfg, "upstreamProviders").flatMap((up, i) => {
    if (!isObj(up)) return [];
    const path = [...base, "upstreamProviders", i];
    return [
      ...checkProviderType(r, up, path),
      ...checkOauth2Client(r, objAt(up, "oauth2Config"), [...path, "oauth2Config"]),
    ];
  });
}
