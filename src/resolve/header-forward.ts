import type { MCPServerEntrySpec } from "../validate/spec-types.js";
import { headerForwardEnv, headerForwardSecretId } from "./env-names.js";
import type { EnvVar } from "./types.js";
import { sortedDataRecord } from "./data-record.js";

/** JSON the way Go's encoder writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The env vars through which the static discoverer learns an MCPServerEntry's header forwarding:
 * one JSON description per entry, plus one Secret-backed variable per secret header.
 */
export function headerForwardEnvVars(entry: string, spec: MCPServerEntrySpec): EnvVar[] {
  const hf = spec.headerForward;
  if (!hf) return [];
  const plaintext = Object.entries(hf.addPlaintextHeaders ?? {});
  const fromSecret = hf.addHeadersFromSecret ?? [];
  if (plaintext.length === 0 && fromSecret.length === 0) return [];
  const description: Record<string, Record<string, string>> = {};
  if (plaintext.length > 0) description.addPlaintextHeaders = sortedDataRecord(plaintext);
  if (fromSecret.length > 0)
    description.addHeadersFromSecret = sortedDataRecord(
      fromSecret.map((h) => [h.headerName, headerForwardSecretId(h.headerName, entry)]),
    );
  const env: EnvVar[] = [{ name: headerForwardEnv(entry), value: goJson(description) }];
  for (const h of fromSecret) {
    env.push({
      name: `TOOLHIVE_SECRET_${headerForwardSecretId(h.headerName, entry)}`,
      secretKeyRef: { name: h.valueSecretRef.name, key: h.valueSecretRef.key },
    });
  }
  return env;
}
