import { objAt, strAt } from "../validate/rules/cel-fields.js";
import type { ValidatedModel } from "../validate/validate-resources.js";
import type { VmcpInspection } from "./types.js";

/** How clients authenticate to one VirtualMCPServer, by the names a reviewer looks up. */
export interface IncomingAuthView {
  /** `spec.incomingAuth.type` (`oidc`, `anonymous`, …); empty when the spec has none. */
  readonly type: string;
  readonly oidcConfigRef?: string;
  /** `inline` for `authzConfig`, else the MCPAuthzConfig's name. */
  readonly authz?: string;
}

/** Read from the raw body, so an invalid server (phase Failed) is still drawn with what it asks for. */
export function incomingAuthView(model: ValidatedModel, v: VmcpInspection): IncomingAuthView {
  const resource = model.index.resource("VirtualMCPServer", v.namespace, v.name);
  const incoming = objAt(objAt(resource?.body, "spec"), "incomingAuth");
  const oidc = strAt(objAt(incoming, "oidcConfigRef"), "name");
  const authzRef = strAt(objAt(incoming, "authzConfigRef"), "name");
  const authz = objAt(incoming, "authzConfig") !== undefined ? "inline" : authzRef;
  return {
    type: strAt(incoming, "type") ?? "",
    ...(oidc !== undefined ? { oidcConfigRef: oidc } : {}),
    ...(authz !== undefined ? { authz } : {}),
  };
}
