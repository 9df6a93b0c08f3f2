/**
 * The operator's env-var name normalisation: upper-case, `-` to `_`, and every other character
 * outside `[A-Z0-9_]` to `_` (`my-auth.v2` → `MY_AUTH_V2`).
 */
export function normalizeEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}

export const tokenExchangeSecretEnv = (config: string) =>
  `TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_${normalizeEnvName(config)}`;
export const headerInjectionValueEnv = (config: string) =>
  `TOOLHIVE_HEADER_INJECTION_VALUE_${normalizeEnvName(config)}`;
export const xaaIdpSecretEnv = (config: string) => `TOOLHIVE_XAA_IDP_CLIENT_SECRET_${normalizeEnvName(config)}`;
export const xaaTargetSecretEnv = (config: string) => `TOOLHIVE_XAA_TARGET_CLIENT_SECRET_${normalizeEnvName(config)}`;
export const headerForwardEnv = (entry: string) => `TOOLHIVE_HEADER_FORWARD_${normalizeEnvName(entry)}`;
/** The secret identifier a header-forward JSON names; the env var holding it adds `TOOLHIVE_SECRET_`. */
export const headerForwardSecretId = (header: string, entry: string) =>
  `HEADER_FORWARD_${normalizeEnvName(header)}_${normalizeEnvName(entry)}`;
