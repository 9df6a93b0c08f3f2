import type { Typed } from "../validate/resource-index.js";
import type { ResolvedSessionStorage } from "./types.js";

export const REDIS_PASSWORD_ENV = "THV_SESSION_REDIS_PASSWORD";

/**
 * config.yaml `sessionStorage` from `spec.sessionStorage` (`convertSessionStorage`): Redis only,
 * `{provider, address, db, keyPrefix}` with empty values left out; the password reaches the pod
 * as `THV_SESSION_REDIS_PASSWORD` and never config.yaml. Memory is the runtime default and
 * writes nothing. The operator's cluster-wide Redis default (`TOOLHIVE_DEFAULT_REDIS_ADDR`) is
 * operator configuration with no offline equivalent.
 */
export function resolveSessionStorage(vmcp: Typed<"VirtualMCPServer">): ResolvedSessionStorage | undefined {
  const s = vmcp.spec.sessionStorage;
  if (!s || s.provider !== "redis") return undefined;
  const value: ResolvedSessionStorage = {
    provider: "redis",
    address: s.address ?? "",
    ...(s.db ? { db: s.db } : {}),
    ...(s.keyPrefix ? { keyPrefix: s.keyPrefix } : {}),
    pod: {
      env: s.passwordRef
        ? [{ name: REDIS_PASSWORD_ENV, secretKeyRef: { name: s.passwordRef.name, key: s.passwordRef.key } }]
        : [],
      volumes: [],
    },
  };
  return value;
}
