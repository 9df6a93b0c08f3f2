import type { Diagnostic } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import { has, objAt, strAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * `spec.sessionStorage`: `self.provider == 'redis' ? has(self.address) : true`, the same rule on
 * VirtualMCPServer, MCPServer and MCPRemoteProxy. The schema already requires `provider` and a
 * non-empty `address` when one is given.
 */
function checkSessionStorage(r: Resource, spec: unknown): Diagnostic[] {
  const storage = objAt(spec, "sessionStorage");
  if (strAt(storage, "provider") !== "redis" || has(storage, "address")) return [];
  return [
    fieldError(
      r,
      "VMCP307",
      'spec.sessionStorage.provider is "redis" but spec.sessionStorage.address is not set',
      ["spec", "sessionStorage"],
      "set spec.sessionStorage.address to the Redis host:port (for example redis.default.svc.cluster.local:6379), or use provider: memory",
    ),
  ];
}

export const checkVirtualMcpServerSessionStorage: KindRule<"VirtualMCPServer"> = ({ resource, spec }) =>
  checkSessionStorage(resource, spec);
export const checkMcpServerSessionStorage: KindRule<"MCPServer"> = ({ resource, spec }) =>
  checkSessionStorage(resource, spec);
export const checkMcpRemoteProxySessionStorage: KindRule<"MCPRemoteProxy"> = ({ resource, spec }) =>
  checkSessionStorage(resource, spec);
