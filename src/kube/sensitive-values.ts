import type { FieldPath } from "../diagnostics/types.js";

/**
 * What counts as secret in an input, for every place that could show it (diagnostic excerpts,
 * messages, pass-through output). Decided once here; docs/cli.md ("Secret values") states it.
 *
 * 1. A Secret: an object of kind `Secret` (any apiVersion, any letter case), an item of a
 *    `SecretList`, wherever it is nested (lists in lists, an object embedded in another).
 * 2. The value of a credential-like field. The ToolHive v0.44.0 CRDs take credentials by
 *    reference (`*SecretRef`, `passwordRef`, `secretKeyRef`) and, in spec.config, as literal
 *    strings under a handful of names: `headerValue`, `clientSecret`, `idpClientSecret`,
 *    `targetClientSecret`, and header maps (`headers`, `embeddingHeaders`, `additionalHeaders`,
 *    `addPlaintextHeaders`). A user who writes a literal where the schema wants a reference uses
 *    the same words (`token`, `password`, `value` of a header). So a scalar is credential-like when:
 *    - its key names a credential (secret, password, token, api key, private key, credential,
 *      authorization, cookie, bearer) and does not name something about one (`…Ref`, `…Env`,
 *      `…Name`, `…Url`, `…Path`, `…Type`, `…Lifespan`, …: `clientSecretEnv`, `tokenUrl`);
 *    - it is a header value: a value of a mapping under a `…headers` key, or the `value` of a
 *      `{name, value}` item under one;
 *    - it is the `value` of a `{name, value}` pair whose name names a credential (an env var
 *      `API_TOKEN`);
 *    - its text is an HTTP credential (`Bearer …`, `Basic …`).
 */

const CREDENTIAL_WORD =
  /secret|header[-_]?value|passw(?:or)?d|token|api[-_]?key|private[-_]?key|credential|authori[sz]ation|cookie|bearer/i;
const ABOUT_A_CREDENTIAL =
  /(?:refs?|env|envs|name|names|url|uri|urls|endpoint|path|paths|file|type|types|lifespan|lifespans|provider|providers|header|mapping|format|issuer|audience|scopes?|kind|mode|ttl|length|count|enabled|exchange)$/i;
const HEADER_CONTAINER = /headers$/i;
const HTTP_CREDENTIAL = /^\s*(?:bearer|basic|digest|token)\s+\S/i;
const SECRET_KIND = /^secret$/i;
const SECRET_LIST_KIND = /^secretlist$/i;

/** A key whose scalar value is a credential (`clientSecret`, `token`, `password`), not a key about one (`clientSecretEnv`). */
export function isCredentialKey(key: string): boolean {
  return CREDENTIAL_WORD.test(key) && !ABOUT_A_CREDENTIAL.test(key);
}

/** A key whose mapping holds header names and values. */
export function isHeaderContainerKey(key: string): boolean {
  return HEADER_CONTAINER.test(key);
}

/** Text that is an HTTP credential whatever field holds it. */
export function isCredentialText(text: string): boolean {
  return HTTP_CREDENTIAL.test(text);
}

export function isSecretKind(kind: unknown): boolean {
  return typeof kind === "string" && SECRET_KIND.test(kind);
}

/**
 * Whether the value at `path` is credential-like by its position alone (rule 2 without the
 * `{name, value}` and text forms, which need the value or its siblings).
 */
export function isCredentialPath(path: FieldPath): boolean {
  const last = path.at(-1);
  if (typeof last === "string" && isCredentialKey(last)) return true;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg !== "string" || !isHeaderContainerKey(seg)) continue;
    const rest = path.slice(i + 1);
    if (rest.length === 1 && typeof rest[0] === "string") return true;
    if (rest.length === 2 && typeof rest[0] === "number" && rest[1] === "value") return true;
  }
  return false;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Whether a parsed value holds a Secret anywhere: an object of kind Secret, or a SecretList (whose
 * items may carry no kind at all). Iterative: inputs may nest up to the loader's depth limit.
 */
export function holdsSecret(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === "object" && item !== null) stack.push(item);
    } else if (isMapping(v)) {
      // An object, not a map that happens to hold the word: `{kind: Secret}` alone is data.
      const looksLikeObject = "apiVersion" in v || "metadata" in v || "data" in v || "stringData" in v || "items" in v;
      if (looksLikeObject && (isSecretKind(v.kind) || (typeof v.kind === "string" && SECRET_LIST_KIND.test(v.kind))))
        return true;
      for (const k in v) {
        const child = v[k];
        if (typeof child === "object" && child !== null) stack.push(child);
      }
    }
  }
  return false;
}

/** For source text that could not be parsed: does it mention a Secret kind in any YAML or JSON spelling? */
export function mentionsSecretKind(text: string): boolean {
  return /["']?\bkind\b["']?\s*:\s*["']?secret(?:list)?\b/i.test(text);
}

/** For a line of source text that could not be parsed: could it hold a credential? */
export function mayHoldCredential(line: string): boolean {
  return CREDENTIAL_WORD.test(line) || /stringData|\bdata\b/.test(line);
}
