import type { Diagnostic } from "../diagnostics/types.js";
import type { Typed } from "../validate/resource-index.js";
import { fieldWarning } from "../validate/rules/rule-diagnostic.js";
import type { ResolvedSessionStorage } from "./types.js";

export const REDIS_PASSWORD_ENV = "THV_SESSION_REDIS_PASSWORD";

/**
 * config.yaml `sessionStorage` from `spec.sessionStorage` (`convertSessionStorage`): Redis only,
 * `{provider, address, db, keyPrefix}` with empty values left out; the password reaches the pod
 * as `THV_SESSION_REDIS_PASSWORD` and never config.yaml. Memory is the runtime default and
 * writes nothing. The operator's cluster-wide Redis default (`TOOLHIVE_DEFAULT_REDIS_ADDR`) is
 * operator configuration with no offline equivalent.
 */
export function resolveSessionStorage(vmcp: Typed<"VirtualMCPServer">): { value?: ResolvedSessionStorage; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (vmcp.spec.config?.sessionStorage !== undefined) {
    diagnostics.push(fieldWarning(vmcp.resource, "VMCP607", "spec.config.sessionStorage is ignored: the operator builds config.yaml sessionStorage only from spec.sessionStorage", ["spec", "config", "sessionStorage"], "move these settings to spec.sessionStorage (with passwordRef for the password)"));
  }
  const s = vmcp.spec.sessionStorage;
  if (!s || s.provider !== "redis") return { diagnostics };
  const value: ResolvedSessionStorage = {
    provider: "redis",
    address: s.address ?? "",
    ...(s.db ? { db: s.db } : {}),
    ...(s.keyPrefix ? { keyPrefix: s.keyPrefix } : {}),
    pod: { env: s.passwordRef ? [{ name: REDIS_PASSWORD_ENV, secretKeyRef: { name: s.passwordRef.name, key: s.passwordRef.key } }] : [], volumes: [] },
  };
  return { value, diagnostics };
}
