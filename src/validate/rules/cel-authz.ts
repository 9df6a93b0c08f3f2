import { formatFieldPath } from "../../diagnostics/create.js";
import type { Diagnostic, FieldPath } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import { has, objAt, strAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * CEL on the inline Cedar `authzConfig` shared by VirtualMCPServer (`spec.incomingAuth`),
 * MCPServer and MCPRemoteProxy (`spec`): exclusive with `authzConfigRef`, and `type` must match
 * the block that is set. `type` defaults to `configMap`, so `inline` without a `type` fails.
 */
function checkAuthz(r: Resource, owner: unknown, base: FieldPath): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (...rest: string[]): FieldPath => [...base, ...rest];
  const show = (...rest: string[]) => formatFieldPath(at(...rest));
  // !(has(self.authzConfig) && has(self.authzConfigRef))
  if (has(owner, "authzConfig") && has(owner, "authzConfigRef")) {
    out.push(
      fieldError(
        r,
        "VMCP305",
        `${show("authzConfig")} and ${show("authzConfigRef")} are mutually exclusive, and both are set`,
        at("authzConfig"),
        "keep authzConfigRef (a shared MCPAuthzConfig) and remove authzConfig, or remove authzConfigRef",
      ),
    );
  }
  const authz = objAt(owner, "authzConfig");
  if (!authz) return out;
  const type = strAt(authz, "type") ?? "";
  // self.type == 'configMap' ? has(self.configMap) : !has(self.configMap), and the same for inline.
  for (const block of ["configMap", "inline"] as const) {
    if (type === block && !has(authz, block)) {
      out.push(
        fieldError(
          r,
          "VMCP306",
          `${show("authzConfig", "type")} is "${block}"${block === "configMap" ? " (the default when type is omitted)" : ""} but ${show("authzConfig", block)} is not set`,
          at("authzConfig"),
          block === "configMap"
            ? `add ${show("authzConfig", "configMap")} with the name of the ConfigMap holding the Cedar policies, or set type: inline with an inline block`
            : `add ${show("authzConfig", "inline")} with the Cedar policies, or set type: configMap with a configMap block`,
        ),
      );
    } else if (type !== block && has(authz, block)) {
      out.push(
        fieldError(
          r,
          "VMCP306",
          `${show("authzConfig", block)} is set but ${show("authzConfig", "type")} is "${type}"${type === "configMap" ? " (the default when type is omitted)" : ""}`,
          at("authzConfig", block),
          `set ${show("authzConfig", "type")} to ${block}, or remove ${show("authzConfig", block)}`,
        ),
      );
    }
  }
  return out;
}

export const checkVirtualMcpServerAuthz: KindRule<"VirtualMCPServer"> = ({ resource, spec }) =>
  checkAuthz(resource, spec.incomingAuth, ["spec", "incomingAuth"]);
export const checkMcpServerAuthz: KindRule<"MCPServer"> = ({ resource, spec }) => checkAuthz(resource, spec, ["spec"]);
export const checkMcpRemoteProxyAuthz: KindRule<"MCPRemoteProxy"> = ({ resource, spec }) =>
  checkAuthz(resource, spec, ["spec"]);
